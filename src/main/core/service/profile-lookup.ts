// The one answer to "does this profile exist?" and "can Rolekeeper refresh it?", with the one error
// every face (CLI, tray, daemon) reports.
import type { ProfileSet } from '../aws-config/profile-model';
import { quoteNameForAnyShell, quoteNameInProse } from '../shell/any-shell';
import { RefreshError } from '../credentials/credentials';
import type { StoreData } from '../credentials/rolekeeper-store';

/** A role or IAM Identity Center (SSO) profile in the files, or a profile Rolekeeper manages. */
export function isRefreshable(name: string, profiles: ProfileSet, store: StoreData): boolean {
  const type = profiles.get(name)?.type;
  return Boolean(store.managed[name]) || type === 'role' || type === 'sso';
}

export function unknownProfileError(name: string, profiles: ProfileSet, platform: NodeJS.Platform): RefreshError {
  return new RefreshError(
    'unknown-profile',
    `Profile ${quoteNameInProse(platform, name)} is not in ${profiles.paths.configFile} or ${profiles.paths.credentialsFile}`,
    'Check the name with `rolekeeper list`',
    name,
  );
}

/** A profile exists when the files define it or Rolekeeper manages it (its section may not be written yet). */
export function requireProfile(name: string, profiles: ProfileSet, store: StoreData, platform: NodeJS.Platform): void {
  if (!profiles.get(name) && !store.managed[name]) throw unknownProfileError(name, profiles, platform);
}

export function requireRefreshable(name: string, profiles: ProfileSet, store: StoreData, platform: NodeJS.Platform): void {
  requireProfile(name, profiles, store, platform);
  if (isRefreshable(name, profiles, store)) return;
  const type = profiles.get(name)?.type ?? 'unknown';
  throw new RefreshError(
    'config',
    `Profile ${quoteNameInProse(platform, name)} is of type ${type}: there is no role to assume for it`,
    `Give it role_arn and source_profile, or let Rolekeeper manage it: rolekeeper manage ${quoteNameForAnyShell(platform, name)} --role-arn ARN --source-profile PROFILE`,
    name,
  );
}
