// The promise, measured: a simulated week of the keeper (the daemon's loop, and the tray's with its
// resume event) with sleep, clock changes, a network outage, STS throttling and 5xx bursts, an MFA
// source's 12 h session, an SSO session ending and `aws configure set` edits. See simulated-week.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RECOVERY_MS, simulateWeek, type Face } from '../../helpers/simulated-week';

describe('a simulated week', () => {
  for (const face of ['daemon', 'tray'] as Face[]) {
    test(`the ${face}: no expired or CLI-unusable moment outside the outages, back within a minute of every wake and reconnect, no more STS calls than the sessions need`, { timeout: 300_000 }, async () => {
      const report = await simulateWeek(face);
      const summary = JSON.stringify({ ...report, log: report.log.slice(-40) }, null, 2);
      assert.equal(report.badMoments, 0, summary);
      assert.ok(report.wakes >= 5 && report.recoveries >= report.wakes, summary);
      assert.ok(report.worstRecoveryMs <= RECOVERY_MS, summary);
      for (const [profile, budget] of Object.entries(report.assumeRoleBudget)) {
        assert.ok(report.assumeRole[profile] > 0 && report.assumeRole[profile] <= budget, `${profile}: ${report.assumeRole[profile]} AssumeRole calls, budget ${budget}\n${summary}`);
      }
      assert.ok(report.getRoleCredentials > 0 && report.getRoleCredentials <= report.getRoleCredentialsBudget, summary);
      // The scripted bursts were met (4 throttles, 3 × 503), and the outage was tried through.
      assert.equal(report.refusedBySts, 7, summary);
      assert.ok(report.offlineTries > 0, summary);
      // The MFA source asks for a code once per 12 h session: at the start, after each night, and once on the long day.
      assert.ok(report.mfaCodesTyped >= 2 && report.mfaCodesTyped <= 1 + report.wakes + 1, summary);
      // Signed in at the start and once after the session ended: a sign-in ends the wait at once.
      assert.equal(report.ssoSignIns, 2, summary);
      // The outages themselves: 20 min offline and a few minutes per prompt, not hours of waiting.
      assert.ok(report.outageMoments <= 150, summary);
      assert.equal(report.configEdits, 4);
      assert.ok(report.otherProfileIntact, 'the keys aws configure set wrote beside the managed profile survived every rewrite');
    });
  }
});
