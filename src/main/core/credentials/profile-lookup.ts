// The one answer to "does this profile exist?" and "can Rolekeeper refresh it?", with the one error
// every face (CLI, tray, daemon) reports.
import type { ProfileSet } from '../aws-config/profile-model';
import { quoteNameForAnyShell, quoteNameInProse } from '../shell/any-shell';
import { RefreshError } from '../model/credentials';
import { phrase } from '../../../shared/i18n';
import type { StoreData } from './rolekeeper-store';
import { sourceOf } from './sources/sources';

/** A role or IAM Identity Center (SSO) profile in the files, or a profile Rolekeeper manages. */
export function isRefreshable(name: string, profiles: ProfileSet, store: StoreData): boolean {
  const type = profiles.get(name)?.type;
  return Boolean(store.managed[name]) || (type !== undefined && Boolean(sourceOf(type)?.refreshedWith));
}

export function unknownProfileError(name: string, profiles: ProfileSet, platform: NodeJS.Platform): RefreshError {
  return RefreshError.worded(
    'unknown-profile',
    phrase('failure.unknownProfile', { profile: quoteNameInProse(platform, name), config: profiles.paths.configFile, credentials: profiles.paths.credentialsFile }),
    phrase('failure.checkName'),
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
  throw RefreshError.worded(
    'config',
    phrase('failure.noRole', { profile: quoteNameInProse(platform, name), type }),
    phrase('failure.noRoleFix', { command: `rolekeeper manage ${quoteNameForAnyShell(platform, name)} --role-arn ARN --source-profile PROFILE` }),
    name,
  );
}
