// One line per IAM Identity Center sign-in in use: until when, and whether it renews by itself.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { describeSsoSessions } from '../../sso/sso-session-state';
import { finding, quoteList, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/**
 * One line per IAM Identity Center sign-in that works: until when, and whether it renews silently.
 * Signed-out, expired and unreadable tokens are the per-profile findings above.
 */
function checkSsoSessions(context: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const state of describeSsoSessions(context.profiles, context.environment.platform, context.now.getTime(), context.leadMs)) {
    if (state.profiles.length === 0 || state.expiresAt === null) continue;
    const name = state.session !== null ? phrase('doctor.ssoSession.named', { session: state.session }) : phrase('doctor.ssoSession.startUrl', { startUrl: state.startUrl });
    const login = steps.run(state.session !== null ? ['rolekeeper', 'sso', 'login', '--session', state.session] : ['rolekeeper', 'sso', 'login', state.profiles[0]]);
    const used = phrase('doctor.ssoSession.usedBy', { profiles: quoteList(state.profiles) });
    if (state.status === 'renewable') {
      findings.push(finding('sso-session-renewable', 'info', phrase('doctor.ssoSession.renewable', { name, until: state.expiresAt, renewableUntil: state.renewableUntil ?? '', used }), null, { file: state.tokenFile }));
    } else if (state.status === 'valid') {
      findings.push(finding('sso-session-ends', 'info', phrase('doctor.ssoSession.ends', { name, until: state.expiresAt, reason: state.notRenewableWording ?? '', used }), login, { file: state.tokenFile }));
    } else if (state.status === 'expiring') {
      findings.push(finding('sso-session-ending', 'warning', phrase('doctor.ssoSession.ending', { name, until: state.expiresAt, reason: state.notRenewableWording ?? '', used }), login, { file: state.tokenFile }));
    }
  }
  return findings;
}

export const ssoSessionsCheck: DoctorCheck = { id: 'sso-sessions', run: checkSsoSessions };
