// Account names learnt from IAM Identity Center's ListAccounts: kept in Rolekeeper's own store
// (atomic, 0600, no token), read back by the service for the popover's AppState; stores written
// before the field existed still load; a dry run learns nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { recordingSso } from '../../helpers/recording-sso';
import { storeFilePath } from '../../../src/main/core/model/aws-environment';
import { readStore, rememberAccountNames } from '../../../src/main/core/credentials/rolekeeper-store';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { buildAppState } from '../../../src/main/core/tray/ipc-handlers';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { SSO_CORP_CONFIG } from '../../helpers/sso-config';

const CONFIG = SSO_CORP_CONFIG;

test('a store written before account names existed loads with none, and keeps its other fields', (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  const file = storeFilePath(home.environment);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, managed: {}, kept: ['a'], sinks: {}, settings: { notifyLeadSeconds: 60 } }), { mode: 0o600 });
  const data = readStore(home.environment);
  assert.deepEqual(data.accountNames, {});
  assert.deepEqual(data.kept, ['a']);
  assert.equal(data.settings.notifyLeadSeconds, 60);
});

test('remembered names are merged into the store 0600; ids that are not 12 digits and empty names are dropped on read', async (t) => {
  const home = makeTempHome();
  t.after(() => home.cleanup());
  await rememberAccountNames(home.environment, { '111111111111': 'prod' });
  await rememberAccountNames(home.environment, { '222222222222': 'dev', '111111111111': 'production' });
  const file = storeFilePath(home.environment);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readStore(home.environment).accountNames, { '111111111111': 'production', '222222222222': 'dev' });
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...raw, accountNames: { '12': 'short', '333333333333': '', '444444444444': 7, '555555555555': 'ok' } }));
  assert.deepEqual(readStore(home.environment).accountNames, { '555555555555': 'ok' });
});

test('populate teaches the service account names (AppState carries them); a dry run learns nothing; no token reaches state or store', async (t) => {
  const home = makeTempHome({ config: CONFIG });
  t.after(() => home.cleanup());
  const sso = recordingSso({
    now: Date.now,
    accounts: [
      { accountId: '111111111111', accountName: 'prod', emailAddress: 'p@example.com', roles: ['ReadOnly'] },
      { accountId: '222222222222', accountName: 'dev', emailAddress: 'd@example.com', roles: [] },
    ],
  });
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: async () => undefined });
  const signIns = new SsoSignIns(service);
  const state = () => buildAppState({ service, signIns, locale: 'en-US', platform: 'linux' });
  assert.deepEqual(state().accountNames, {});

  await service.ssoPopulate({ session: 'corp', dryRun: true });
  assert.deepEqual(service.accountNames(), {}, 'a dry run writes nothing, not even names');

  await service.ssoPopulate({ session: 'corp' });
  assert.deepEqual(state().accountNames, { '111111111111': 'prod', '222222222222': 'dev' }, 'also an account without a role');
  // A fresh service (the CLI, the daemon) reads them from the store.
  const another = createRolekeeperService({ environment: home.environment, sts: recordingSts(), sso });
  assert.deepEqual(another.accountNames(), { '111111111111': 'prod', '222222222222': 'dev' });
  const secretish = /access-\d|refresh-\d|client-secret/;
  assert.ok(!secretish.test(JSON.stringify(state())), 'no token in the state');
  assert.ok(!secretish.test(readFileSync(storeFilePath(home.environment), 'utf8')), 'no token in the store');
});
