// Which actions a profile's row (and tray menu) may offer: only those the engine carries out for
// its type, so no button leads to a certain failure. Derived from the engine's behaviour:
// - refresh, clear cache, keep fresh and the endpoint export need a profile Rolekeeper refreshes
//   (role, SSO, managed: `AppState.refreshable`); the endpoint serves only what the keeper holds.
// - an export of keys and verify resolve the profile's own credentials: keys in the files
//   (static, session) or credential_process output work too, unless a pasted session has expired.
// - web identity and profiles without credentials: the engine obtains nothing for them.
// - "Sign in" wherever the profile's IAM Identity Center session needs a person in the browser.
// - the AWS console needs a role session: role and SSO profiles, and managed ones (their keys are one).
// - a profile whose configuration is in error (status `error`) cannot be refreshed or kept fresh.
import type { ProfileSummary, SsoSessionSummary } from './profile-summary';

export const PROFILE_ACTIONS = ['sign-in', 'refresh', 'copy-endpoint', 'copy-keys', 'verify', 'console', 'clear-cache', 'keep-fresh'] as const;
export type ProfileAction = (typeof PROFILE_ACTIONS)[number];

const SIGN_IN_NEEDED: ReadonlySet<SsoSessionSummary['status']> = new Set(['signed-out', 'expired', 'expiring', 'invalid']);

/** A session a person has to sign in to again (silent renewal cannot keep it going). */
export function needsSignIn(session: Pick<SsoSessionSummary, 'status'> | undefined): boolean {
  return session !== undefined && SIGN_IN_NEEDED.has(session.status);
}

export interface ActionContext {
  /** Whether Rolekeeper refreshes this profile (its name is in `AppState.refreshable`). */
  refreshable: boolean;
  now: number;
}

type ActionSubject = Pick<ProfileSummary, 'type' | 'expiresAt' | 'ssoSession'> & { status?: ProfileSummary['status'] };

function ownKeysUsable(profile: ActionSubject, now: number): boolean {
  switch (profile.type) {
    case 'static':
    case 'process':
    case 'keychain':
      return true;
    case 'session': {
      const expiry = profile.expiresAt === null ? NaN : Date.parse(profile.expiresAt);
      return Number.isNaN(expiry) || expiry > now;
    }
    default:
      return false;
  }
}

/** The actions, in menu order, that the engine can carry out for this profile now. */
export function actionsFor(profile: ActionSubject, context: ActionContext): ProfileAction[] {
  const actions: ProfileAction[] = [];
  if (needsSignIn(profile.ssoSession)) actions.push('sign-in');
  if (profile.status === 'error') return actions;
  if (context.refreshable) {
    actions.push('refresh', 'copy-endpoint', 'copy-keys', 'verify', 'console', 'clear-cache', 'keep-fresh');
  } else if (ownKeysUsable(profile, context.now)) {
    actions.push('copy-keys', 'verify');
  }
  return actions;
}

/**
 * What a notification about this profile's expiry may advise, from the same actions its row offers:
 * refresh only where the engine refreshes, sign-in where the browser is needed, and for pasted keys
 * how to get keys that renew.
 */
export type ExpiryAdvice = 'sign-in' | 'refresh' | 'renewable-keys' | 'none';

export function expiryAdvice(profile: ActionSubject, context: ActionContext): ExpiryAdvice {
  const actions = actionsFor(profile, context);
  if (actions.includes('sign-in')) return 'sign-in';
  if (actions.includes('refresh')) return 'refresh';
  if (profile.type === 'session') return 'renewable-keys';
  return 'none';
}
