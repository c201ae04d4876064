// Small assertions several test files share.
import assert from 'node:assert/strict';
import { RefreshError } from '../../src/main/core/model/credentials';
import type { Finding } from '../../src/shared/profile-summary';

/** The one finding with this code (and profile, when given); fails listing what there was. */
export function onlyFinding(findings: Finding[], code: string, profile?: string | null): Finding {
  const matching = findings.filter((item) => item.code === code && (profile === undefined || item.profile === profile));
  assert.equal(matching.length, 1, `${code} for ${JSON.stringify(profile)} in ${findings.map((item) => `${item.code}/${JSON.stringify(item.profile)}`).join(', ')}`);
  return matching[0];
}

/** The RefreshError `run` rejects with; fails when it succeeds or throws anything else. */
export async function refreshError(run: () => Promise<unknown>): Promise<RefreshError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof RefreshError, `expected a RefreshError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
