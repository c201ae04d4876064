// IAM Identity Center in the engine, against the loopback stand-in through the real SDK clients:
// the token file's bytes and safety, sign-in (device and PKCE), registration reuse, silent renewal
// in botocore's window, and SSO profiles (and role chains starting at one) refreshed into the
// AWS CLI v2 cache entry botocore's SSO fetcher reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome, type TempHome } from '../../helpers/temp-home';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../../helpers/sso-stand-in';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { ssoRoleCacheKey, ssoTokenFilePath } from '../../../src/main/core/caches/sso-cache';
import { registrationCacheInput, registrationFilePath } from '../../../src/main/core/sso/sso-registration-file';
import { parseSsoTokenText, readSsoTokenFile, ssoTokenFileContent, writeSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';
import { RefreshError } from '../../../src/main/core/model/credentials';
import { sha1Hex } from '../../../src/main/core/caches/cli-cache-key';
import type { SsoLoginPrompt } from '../../../src/main/core/sso/sso-login';
import { english, say } from '../../../src/shared/i18n';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-west-2

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = Developer

[profile deploy]
role_arn = arn:aws:iam::333333333333:role/deploy
source_profile = prod-ro

[profile forbidden]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn.close());

function withSsoHome(body: (home: TempHome) => Promise<void>): Promise<void> {
  return withTempHome({ config: CONFIG, env: standInEnv(standIn) }, body);
}

/** A browser that follows the /authorize redirect to Rolekeeper's loopback callback, as a person's would. */
async function fetchingBrowser(url: string): Promise<boolean> {
  const response = await fetch(url);
  await response.text();
  return response.ok;
}

const noSleep = async (): Promise<void> => undefined;

function tokenFile(home: TempHome, key: string): string {
  return join(home.home, '.aws', 'sso', 'cache', `${sha1Hex(key)}.json`);
}

test('the registration file name is the one CLI v2 computes (values from running 2.9.19)', () => {
  const session = { sessionName: 'my-sso', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] };
  assert.equal(registrationCacheInput(session), `{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "${START_URL}", "tool": "botocore"}`);
  assert.match(registrationFilePath('/c', session), /a8343d65418848d0bc13a5f25cbb32508ceec5d1\.json$/);
  assert.match(registrationFilePath('/c', { sessionName: null, startUrl: START_URL, region: 'us-east-1', scopes: null }), /365414a68be7c9bfc776c660981dbdbd942acea4\.json$/);
  assert.equal(ssoTokenFilePath('/c', { ssoSession: 'my-sso' }), '/c/0ad374308c5a4e22f723adf10145eafad7c4031c.json');
});

test('a token file is written with the CLI bytes: its key order, compact separators, whole seconds, no newline, 0600, never through a symlink', async () => {
  await withSsoHome(async (home) => {
    const record = {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'tok',
      expiresAt: new Date('2026-12-01T07:41:32.789Z'),
      clientId: 'cid',
      clientSecret: 'csecret',
      registrationExpiresAt: new Date('2027-02-28T23:41:32Z'),
      refreshToken: 'rtok',
    };
    assert.equal(
      ssoTokenFileContent(record),
      `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "tok", "expiresAt": "2026-12-01T07:41:32Z", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2027-02-28T23:41:32Z", "refreshToken": "rtok"}`,
    );
    const cacheDir = join(home.home, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true });
    const elsewhere = join(home.home, 'elsewhere.json');
    writeFileSync(elsewhere, 'untouched');
    symlinkSync(elsewhere, tokenFile(home, 'corp'));
    const written = await writeSsoTokenFile(cacheDir, { ssoSession: 'corp' }, record);
    assert.equal(readFileSync(elsewhere, 'utf8'), 'untouched');
    assert.equal(lstatSync(written).isSymbolicLink(), false);
    assert.equal(statSync(written).mode & 0o777, 0o600);
    const read = readSsoTokenFile(cacheDir, { ssoSession: 'corp' });
    assert.equal(read.status, 'ok');
    if (read.status === 'ok') assert.equal(read.record.refreshToken, 'rtok');
  });
});

test('a token the JS SDK wrote (pretty, milliseconds) and one of old CLIs (…UTC) are read', () => {
  const pretty = parseSsoTokenText('f', JSON.stringify({ startUrl: START_URL, accessToken: 'a', expiresAt: '2026-12-01T07:42:43.573Z', refreshToken: 'r' }, null, 2));
  assert.equal(pretty.status === 'ok' && pretty.record.expiresAt.toISOString(), '2026-12-01T07:42:43.573Z');
  const old = parseSsoTokenText('f', JSON.stringify({ accessToken: 'a', expiresAt: '2020-12-18T19:09:40UTC' }));
  assert.equal(old.status === 'ok' && old.record.expiresAt.toISOString(), '2020-12-18T19:09:40.000Z');
  assert.equal(parseSsoTokenText('f', '{"accessToken": "a", "expiresAt": "2020-12-18T19:09:40"}').status, 'invalid');
});

test('device sign-in registers once, prints the code, writes the token; a second sign-in reuses the registration', async () => {
  await withSsoHome(async (home) => {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    const prompts: SsoLoginPrompt[] = [];
    const before = standIn.operations('RegisterClient').length;
    const first = await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: (prompt) => prompts.push(prompt), sleep: noSleep });
    assert.equal(first.registrationReused, false);
    assert.equal(prompts.length, 1);
    assert.equal(prompts[0].userCode, 'ABCD-EFGH');
    assert.equal(prompts[0].browserOpened, false);
    const json = JSON.parse(readFileSync(tokenFile(home, 'corp'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(json), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    assert.match(json.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const second = await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: noSleep });
    assert.equal(second.registrationReused, true);
    assert.equal(standIn.operations('RegisterClient').length - before, 1);
    assert.notEqual(JSON.parse(readFileSync(tokenFile(home, 'corp'), 'utf8')).accessToken, json.accessToken);
    assert.equal(statSync(join(home.home, '.aws', 'sso', 'cache')).mode & 0o777, 0o700);
  });
});

test('PKCE sign-in opens the browser on /authorize, takes the code on the loopback callback, and registers for authorization codes', async () => {
  await withSsoHome(async (home) => {
    const opened: string[] = [];
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), openBrowser: async (url) => (opened.push(url), fetchingBrowser(url)) });
    const result = await service.ssoLogin({ profile: 'prod-ro' }, { flow: 'pkce', onPrompt: () => undefined });
    assert.equal(result.renewable, true);
    const authorize = new URL(opened[0]);
    assert.equal(authorize.pathname, '/authorize');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('scopes'), 'sso:account:access');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const registration = JSON.parse(readFileSync(registrationFilePath(join(home.home, '.aws', 'sso', 'cache'), result.session), 'utf8'));
    assert.deepEqual(registration.grantTypes, ['authorization_code', 'refresh_token']);
    assert.equal(standIn.calls.filter((call) => call.detail === 'authorization_code' && call.status === 200).length >= 1, true);
    assert.equal(readSsoTokenFile(join(home.home, '.aws', 'sso', 'cache'), { ssoSession: 'corp' }).status, 'ok');
  });
});

test('the page the browser shows after the sign-in is in the browser’s language', async () => {
  for (const [language, page] of [['de-DE,de;q=0.9,en;q=0.8', 'Rolekeeper: angemeldet. Du kannst diesen Tab schließen.'], ['en-US', 'Rolekeeper: signed in. You can close this tab.']]) {
    await withSsoHome(async (home) => {
      const pages: string[] = [];
      const browser = async (url: string): Promise<boolean> => {
        const response = await fetch(url, { headers: { 'accept-language': language } });
        pages.push(await response.text());
        return response.ok;
      };
      const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), openBrowser: browser });
      await service.ssoLogin({ profile: 'prod-ro' }, { flow: 'pkce', onPrompt: () => undefined });
      assert.deepEqual(pages, [page]);
    });
  }
});

async function signedIn(home: TempHome): Promise<ReturnType<typeof createRolekeeperService>> {
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
  await service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: noSleep });
  return service;
}

function setTokenExpiry(home: TempHome, key: string, expiresAt: Date): void {
  const file = tokenFile(home, key);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.expiresAt = expiresAt.toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(file, JSON.stringify(json));
}

test('refresh of an sso-session profile calls GetRoleCredentials and writes the CLI v2 SSO cache entry under botocore key', async () => {
  await withSsoHome(async (home) => {
    const service = await signedIn(home);
    const calls = standIn.operations('GetRoleCredentials').length;
    const { outcome } = await service.refresh('prod-ro');
    assert.equal(standIn.operations('GetRoleCredentials').length, calls + 1);
    const key = ssoRoleCacheKey({ accountId: '111111111111', roleName: 'ReadOnly', sessionName: 'corp' });
    const file = join(home.home, '.aws', 'cli', 'cache', `${key}.json`);
    assert.ok(outcome.sinks.some((sink) => sink.kind === 'cli-cache' && sink.location === file));
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\{"ProviderType": "sso", "Credentials": \{"AccessKeyId": "ASIA[0-9A-F]{16}", "SecretAccessKey": "[^"]+", "SessionToken": "[^"]+", "Expiration": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "AccountId": "111111111111"\}\}$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(outcome.expiresAt && outcome.expiresAt.getTime() > Date.now() + 50 * 60_000);
    assert.ok(service.refreshableProfiles().includes('prod-ro'));
  });
});

test('a role chain whose source is an SSO profile assumes the role with the SSO role credentials', async () => {
  await withSsoHome(async (home) => {
    await signedIn(home);
    const sts = recordingSts();
    const service = createRolekeeperService({ environment: home.environment, sts });
    await service.refresh('deploy');
    assert.equal(sts.calls.length, 1);
    const call = sts.calls[0];
    assert.equal(call.operation, 'AssumeRole');
    if (call.operation === 'AssumeRole') {
      assert.match(call.input.sourceCredentials.accessKeyId, /^ASIA[0-9A-F]{16}$/);
      assert.equal(call.input.chained, true);
    }
  });
});

test('a token inside the 15-minute window is renewed with its refresh token and written back; outside it, nothing is called', async () => {
  await withSsoHome(async (home) => {
    const service = await signedIn(home);
    const old = JSON.parse(readFileSync(tokenFile(home, 'corp'), 'utf8'));
    const refreshCalls = () => standIn.calls.filter((call) => call.detail === 'refresh_token').length;
    const before = refreshCalls();
    setTokenExpiry(home, 'corp', new Date(Date.now() + 20 * 60_000));
    await service.refresh('prod-ro');
    assert.equal(refreshCalls(), before);
    setTokenExpiry(home, 'corp', new Date(Date.now() + 10 * 60_000));
    const { outcome } = await service.refresh('prod-ro');
    assert.equal(refreshCalls(), before + 1);
    const renewed = JSON.parse(readFileSync(tokenFile(home, 'corp'), 'utf8'));
    assert.notEqual(renewed.accessToken, old.accessToken);
    assert.notEqual(renewed.refreshToken, old.refreshToken);
    assert.equal(renewed.clientSecret, old.clientSecret);
    assert.ok(Date.parse(renewed.expiresAt) > Date.now() + 7 * 3600_000);
    assert.ok(outcome.notices.some((notice) => say(english, notice).includes('renewed the token of SSO session "corp"')));
    assert.equal(service.ssoSessions().find((state) => state.session === 'corp')?.status, 'renewable');
  });
});

test('a renewal the service refuses keeps a still-valid token; once expired, the error names the sign-in fix and no secret', async () => {
  await withSsoHome(async (home) => {
    const service = await signedIn(home);
    const secrets = JSON.parse(readFileSync(tokenFile(home, 'corp'), 'utf8'));
    standIn.failNext('CreateToken', 400, 'InvalidGrantException', 'Invalid grant provided');
    setTokenExpiry(home, 'corp', new Date(Date.now() + 5 * 60_000));
    await service.refresh('prod-ro');
    standIn.failNext('CreateToken', 400, 'InvalidGrantException', 'Invalid grant provided');
    setTokenExpiry(home, 'corp', new Date(Date.now() - 60_000));
    await assert.rejects(service.refresh('prod-ro'), (error: unknown) => {
      assert.ok(error instanceof RefreshError);
      assert.equal(error.kind, 'expired-source');
      assert.match(error.message, /SSO session "corp" has ended/);
      assert.equal(error.fix, 'rolekeeper sso login --session corp');
      for (const secret of [secrets.accessToken, secrets.refreshToken, secrets.clientSecret]) assert.ok(!`${error.message}${error.fix}`.includes(secret));
      return true;
    });
  });
});

test('a legacy start-URL token is never renewed; expired, it asks to sign in for that profile', async () => {
  await withSsoHome(async (home) => {
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    await service.ssoLogin({ profile: 'legacy' }, { flow: 'pkce', onPrompt: () => undefined, sleep: noSleep });
    assert.ok(existsSync(tokenFile(home, START_URL)));
    await service.refresh('legacy');
    setTokenExpiry(home, START_URL, new Date(Date.now() - 1000));
    const before = standIn.calls.filter((call) => call.detail === 'refresh_token').length;
    await assert.rejects(service.refresh('legacy'), /cannot be renewed: legacy sso_start_url sign-ins are never renewed/);
    assert.equal(standIn.calls.filter((call) => call.detail === 'refresh_token').length, before);
    assert.equal(service.ssoSessions().find((state) => state.session === null)?.fix, 'rolekeeper sso login legacy');
  });
});

test('no access to a role is one line with the fix; no token file is one line asking to sign in', async () => {
  await withSsoHome(async (home) => {
    const fresh = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    await assert.rejects(fresh.refresh('prod-ro'), (error: unknown) => error instanceof RefreshError && /No SSO token for SSO session "corp"/.test(error.message) && error.fix === 'rolekeeper sso login --session corp');
    assert.equal(fresh.ssoSessions().find((state) => state.session === 'corp')?.status, 'signed-out');
    const service = await signedIn(home);
    await assert.rejects(service.refresh('forbidden'), (error: unknown) => error instanceof RefreshError && error.kind === 'access-denied' && /no access to role Admin in account 222222222222/.test(error.message));
    assert.equal(existsSync(join(home.home, '.aws', 'cli', 'cache')), false);
  });
});
