// The names of the places fresh credentials are published (the sinks). The engine's registry
// (src/main/core/sinks/sink-registry.ts) must implement every name here: the compiler checks it.

export const SINK_KINDS = ['cli-cache', 'managed-keys', 'process-cache', 'endpoint'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

export function isSinkKind(value: unknown): value is SinkKind {
  return typeof value === 'string' && (SINK_KINDS as readonly string[]).includes(value);
}
