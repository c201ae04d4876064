// How the list is grouped and what a row says about its role: pure, so tests can run it in Node.
import type { ProfileSummary } from '../shared/profile-summary';
import type { Translate } from '../shared/i18n';

export interface ProfileGroup {
  /** Stable across renders (collapsed state is kept by it). */
  key: string;
  label: string;
  profiles: ProfileSummary[];
}

/** The role's name: the last part of the role ARN's path, or the SSO profile's role name. */
export function roleNameOf(profile: Pick<ProfileSummary, 'roleArn' | 'ssoRoleName'>): string {
  if (!profile.roleArn) return profile.ssoRoleName ?? '';
  const resource = profile.roleArn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

function groupOf(profile: ProfileSummary, accountNames: Record<string, string>, t: Translate): { key: string; label: string } {
  if (profile.accountId) {
    const name = accountNames[profile.accountId];
    return { key: `account:${profile.accountId}`, label: name ? t('ui.groupNamed', { name, account: profile.accountId }) : profile.accountId };
  }
  const root = profile.sourceChain.at(-1);
  if (root) return { key: `source:${root}`, label: t('ui.groupSource', { source: root }) };
  return { key: 'other', label: t('ui.groupOther') };
}

/** Accounts first (named ones by name, then by id), then groups by source, "other profiles" last. */
export function groupProfiles(profiles: ProfileSummary[], accountNames: Record<string, string>, t: Translate): ProfileGroup[] {
  const groups = new Map<string, ProfileGroup>();
  for (const profile of profiles) {
    const { key, label } = groupOf(profile, accountNames, t);
    const group = groups.get(key);
    if (group) group.profiles.push(profile);
    else groups.set(key, { key, label, profiles: [profile] });
  }
  const rank = (group: ProfileGroup): number => (group.key.startsWith('account:') ? 0 : group.key === 'other' ? 2 : 1);
  // A plain comparison: the first localeCompare loads ICU's collation data, tens of ms on first paint.
  const byLabel = (a: ProfileGroup, b: ProfileGroup): number => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || byLabel(a, b));
}
