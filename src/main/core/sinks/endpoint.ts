// The loopback container-credentials endpoint: a long-running process (daemon, tray) holds the
// fresh credentials in memory and serves them to whoever has the profile's URL and token.
import { endpointTokens } from '../credentials/endpoint-export';
import { roleFingerprint } from '../credentials/role-fingerprint';
import type { Sink } from './sink';

export const endpointSink: Sink<'endpoint'> = {
  kind: 'endpoint',

  accepts: () => true,

  async publish(profile, obtained, context, dryRun) {
    if (dryRun || !context.held.serving) return null;
    context.held.set(profile, obtained.credentials, roleFingerprint(profile, context.profiles, context.store));
    return { kind: 'endpoint', location: `endpoint:${profile}` };
  },

  heldExpiry(profile, context) {
    if (!context.held.serving) return undefined;
    const held = context.held.get(profile, roleFingerprint(profile, context.profiles, context.store));
    return held ? held.expiration ?? null : null;
  },

  async clear(profile, context) {
    // Revoking the token is what stops a shell that holds the URL; memory goes with it.
    const tokens = endpointTokens(context.environment);
    const had = tokens.get(profile) !== undefined;
    tokens.remove(profile);
    context.held.delete(profile);
    return had ? 1 : 0;
  },
};
