// The popover's row of a kept profile whose sessions are too short for the AWS CLI's cache says so,
// in the user's language, with what serves it instead: pure HTML, run in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listHtml } from '../../src/renderer/profile-rows';
import { phrase, translator } from '../../src/shared/i18n';
import type { AppState } from '../../src/shared/ipc-contract';
import type { ProfileSummary } from '../../src/shared/profile-summary';

function state(profiles: ProfileSummary[]): AppState {
  return { profiles, expiringWithinMs: 15 * 60_000, keptFresh: profiles.map((p) => p.name), pendingMfa: [], refreshing: [], refreshable: profiles.map((p) => p.name), alwaysKept: [], accountNames: {}, ssoSessions: [], signIns: [], locale: 'en', platform: 'linux' };
}

function profile(name: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return { name, type: 'role', region: null, sourceChain: [], status: 'valid', expiresAt: null, error: null, layers: [], roleArn: null, accountId: '123456789012', ...extra };
}

test('a short-session row names credential_process, the endpoint and exec; a 1 h role has no such line', () => {
  const short = profile('short', { shortSession: { sessionSeconds: 900, servedByCredentialProcess: null, wording: phrase('engine.shortSession', { profile: 'short', minutes: 15 }) } });
  const now = Date.now();
  const english = listHtml(state([short, profile('hourly')]), new Set(), now, translator('en')).html;
  assert.match(english, /class="error-text short-session" role="gridcell">Sessions of profile short last 15 min: .*rolekeeper setup credential-process short/);
  assert.equal(english.match(/short-session/g)?.length, 1);
  const german = listHtml(state([short]), new Set(), now, translator('de')).html;
  assert.match(german, /Sitzungen von Profil short dauern 15 Min\./);
});
