// Every sink, by kind. Adding one is a file in this folder, its name in src/shared/sink-kinds.ts and
// an entry here; the `satisfies` below fails the build until all three agree.
import type { SinkKind } from '../../../shared/sink-kinds';
import { endpointTokens } from '../credentials/endpoint-export';
import { sinksOf } from '../credentials/rolekeeper-store';
import { cliCacheSink } from './cli-cache';
import { endpointSink } from './endpoint';
import { managedKeysSink } from './managed-keys';
import { processCacheSink } from './process-cache';
import type { Sink, SinkContext } from './sink';

export const SINKS = {
  'cli-cache': cliCacheSink,
  'managed-keys': managedKeysSink,
  'process-cache': processCacheSink,
  endpoint: endpointSink,
} as const satisfies { [K in SinkKind]: Sink<K> };

/**
 * The sinks a profile's fresh credentials go to: the store's choice (or its default), the sinks
 * that are always on, and the endpoint once the profile has a token; only those that accept it, in
 * the registry's order.
 */
export function activeSinks(profile: string, context: SinkContext): Sink[] {
  const kinds = new Set<SinkKind>(sinksOf(context.store, profile));
  for (const sink of Object.values(SINKS)) if ('always' in sink && sink.always) kinds.add(sink.kind);
  if (endpointTokens(context.environment).get(profile) !== undefined) kinds.add('endpoint');
  return (Object.values(SINKS) as Sink[]).filter((sink) => kinds.has(sink.kind) && sink.accepts(profile, context));
}

/**
 * When the credentials the profile's sinks hold expire: the earliest over its sinks. Null when
 * any of them holds nothing usable (a refresh is due).
 */
export function heldExpiry(profile: string, context: SinkContext): Date | null {
  let earliest: Date | null = null;
  for (const sink of activeSinks(profile, context)) {
    const expiry = sink.heldExpiry(profile, context);
    if (expiry === undefined) continue;
    if (expiry === null || Number.isNaN(expiry.getTime())) return null;
    if (!earliest || expiry < earliest) earliest = expiry;
  }
  return earliest;
}
