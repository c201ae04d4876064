// Grouping and role names of the popover's list: pure, run in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupProfiles, roleNameOf } from '../../src/renderer/profile-groups';
import { translator } from '../../src/shared/i18n';
import type { ProfileSummary } from '../../src/shared/profile-summary';

function profile(name: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return { name, type: 'role', region: null, sourceChain: [], status: 'unknown', expiresAt: null, error: null, layers: [], roleArn: null, accountId: null, ...extra };
}

test('groups are labelled "Name (id)" where the account name is known, else the id; source groups follow, other profiles last', () => {
  const groups = groupProfiles(
    [
      profile('loose', { type: 'static' }),
      profile('b', { accountId: '222222222222' }),
      profile('chained', { sourceChain: ['base'] }),
      profile('a', { accountId: '111111111111' }),
      profile('a2', { accountId: '111111111111' }),
    ],
    { '111111111111': 'Production' },
    translator('en'),
  );
  assert.deepEqual(
    groups.map((group) => [group.key, group.label, group.profiles.map((p) => p.name)]),
    [
      ['account:222222222222', '222222222222', ['b']],
      ['account:111111111111', 'Production (111111111111)', ['a', 'a2']],
      ['source:base', 'From base', ['chained']],
      ['other', 'Other profiles', ['loose']],
    ],
  );
});

test('the role name is the last part of the role ARN, or the SSO role name', () => {
  assert.equal(roleNameOf({ roleArn: 'arn:aws:iam::111111111111:role/teams/platform/deployer' }), 'deployer');
  assert.equal(roleNameOf({ roleArn: null, ssoRoleName: 'ReadOnly' }), 'ReadOnly');
  assert.equal(roleNameOf({ roleArn: null }), '');
});
