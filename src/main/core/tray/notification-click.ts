// What clicking a notification does, decided from the notification alone: every click opens the
// popover on its profile; an IAM Identity Center sign-in notice also starts that sign-in (the same
// as the popover's "Sign in"), so the browser opens and the popover shows the URL and code.
import type { EngineNotification } from '../../../shared/engine-events';
import type { EventChannels, SsoLoginRequest } from '../../../shared/ipc-contract';

export interface NotificationClick {
  focus: EventChannels['popover:focus'];
  /** The sign-in to start, or null. */
  signIn: { target: SsoLoginRequest; label: string } | null;
}

/** A sign-in target is a session, or else a profile; anything else in a notice starts nothing. */
function signInTarget(signIn: { session?: string; profile?: string }): SsoLoginRequest | null {
  if (typeof signIn.session === 'string' && signIn.session !== '') return { session: signIn.session };
  if (typeof signIn.profile === 'string' && signIn.profile !== '') return { profile: signIn.profile };
  return null;
}

export function clickOfEngineNotification(notification: EngineNotification): NotificationClick {
  const focus: NotificationClick['focus'] = { view: 'profiles', profile: notification.profile };
  const sso = notification.ssoSession;
  if (notification.kind !== 'sso-sign-in-needed' || !sso) return { focus, signIn: null };
  const target = signInTarget(sso.signIn);
  return { focus, signIn: target ? { target, label: sso.session ?? sso.startUrl } : null };
}
