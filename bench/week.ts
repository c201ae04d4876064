// The promise, measured: one simulated week of the keeper (the daemon's loop, and the tray's with
// its resume event) on a virtual clock: sleep, clock changes, 20 min offline, STS throttling and
// 5xx bursts, a 12 h MFA session, an SSO session ending, `aws configure set` edits. The same run
// test/core/always-fresh/simulated-week.test.ts asserts; here its figures, to compare run to run.
import { RECOVERY_MS, simulateWeek, type Face } from '../test/helpers/simulated-week';
import { heading, row } from './measure';

export async function run(): Promise<void> {
  for (const face of ['daemon', 'tray'] as Face[]) {
    const started = Date.now();
    const report = await simulateWeek(face);
    heading(`A simulated week: the ${face} (${report.awakeHours} h awake, ${report.wakes} wakes, 4 clock changes, 20 min offline)`);
    row('bad moments (expired or in the CLI 15-min window), outside outages', `${report.badMoments} profile-minutes`, { target: '0', met: report.badMoments === 0 });
    row('moments inside the outages (offline, waiting for a person)', `${report.outageMoments} profile-minutes`);
    row('worst recovery after a wake, reconnect or clock change', `${(report.worstRecoveryMs / 1000).toFixed(1)} s`, { target: `<= ${RECOVERY_MS / 1000} s`, met: report.worstRecoveryMs <= RECOVERY_MS });
    for (const [profile, calls] of Object.entries(report.assumeRole)) {
      const budget = report.assumeRoleBudget[profile];
      row(`AssumeRole calls, ${profile}`, `${calls} (sessions need at most ${budget})`, { target: `<= ${budget}`, met: calls <= budget });
    }
    row('GetRoleCredentials calls (SSO)', `${report.getRoleCredentials} (at most ${report.getRoleCredentialsBudget})`, { target: `<= ${report.getRoleCredentialsBudget}`, met: report.getRoleCredentials <= report.getRoleCredentialsBudget });
    row('GetSessionToken calls (MFA sessions)', String(report.getSessionToken));
    row('SSO token renewals (CreateToken, refresh grant)', String(report.ssoTokenRenewals));
    row('calls STS refused (scripted throttling and 503s)', String(report.refusedBySts));
    row('tries while offline (never reach STS)', String(report.offlineTries));
    row('MFA codes typed / SSO sign-ins / aws configure set edits', `${report.mfaCodesTyped} / ${report.ssoSignIns} / ${report.configEdits}`);
    row('keys aws configure set wrote beside the managed profile', report.otherProfileIntact ? 'intact' : 'CHANGED', { target: 'intact', met: report.otherProfileIntact });
    row('real time to simulate the week', `${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
