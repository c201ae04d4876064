// The console sign-in decided in plain Node: which session goes to the federation port, which
// partition's hosts the URL names, what is refused before any call; and the tray's IPC channel,
// which hands the URL to the browser port and never back to the renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleSignIn } from '../../../src/main/core/console/console-sign-in';
import { consoleDestination, partitionOf } from '../../../src/main/core/console/console-url';
import type { FederationPort, SigninTokenRequest } from '../../../src/main/core/console/federation-port';
import type { ProfileSummary } from '../../../src/shared/profile-summary';
import { makeTempHome } from '../../helpers/temp-home';
import { recordingSts } from '../../helpers/recording-sts';
import { memorySettingsStore } from '../../helpers/memory-settings-store';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { TraySettings } from '../../../src/main/core/tray/tray-settings';
import { SsoSignIns } from '../../../src/main/core/tray/sso-sign-ins';
import { ClipboardClearer, createIpcHandlers } from '../../../src/main/core/tray/ipc-handlers';

function recordingFederation(): FederationPort & { requests: SigninTokenRequest[] } {
  const requests: SigninTokenRequest[] = [];
  return { requests, getSigninToken: async (request) => (requests.push(request), `signin-token-${requests.length}`) };
}

function summary(extra: Partial<ProfileSummary>): ProfileSummary {
  return { name: 'p', type: 'role', region: null, sourceChain: [], status: 'valid', expiresAt: null, error: null, layers: [], roleArn: null, accountId: null, ...extra };
}

const SESSION = { accessKeyId: 'ASIASSO', secretAccessKey: 'sso-secret', sessionToken: 'sso-token', expiration: new Date('2030-01-01T00:00:00Z') };

test("an SSO profile signs in with its role credentials; a us-gov region names the GovCloud hosts", async () => {
  const federation = recordingFederation();
  const signIn = await consoleSignIn({ service: 'cloudtrail' }, { summary: summary({ name: 'gov', type: 'sso', region: 'us-gov-west-1' }), refreshable: true, credentials: async () => SESSION, federation });
  assert.deepEqual(federation.requests, [{ endpoint: 'https://signin.amazonaws-us-gov.com/federation', session: { sessionId: 'ASIASSO', sessionKey: 'sso-secret', sessionToken: 'sso-token' } }]);
  const url = new URL(signIn.url);
  assert.equal(url.origin, 'https://signin.amazonaws-us-gov.com');
  assert.equal(url.searchParams.get('Destination'), 'https://console.amazonaws-us-gov.com/cloudtrail/home?region=us-gov-west-1');
  assert.equal(url.searchParams.get('SigninToken'), 'signin-token-1');
  assert.equal(signIn.sessionExpiresAt, '2030-01-01T00:00:00.000Z');
});

test('the partition comes from the role ARN first, then the region', () => {
  assert.equal(partitionOf('arn:aws-cn:iam::1:role/r', 'eu-west-1'), 'aws-cn');
  assert.equal(partitionOf(null, 'cn-northwest-1'), 'aws-cn');
  assert.equal(partitionOf(null, null), 'aws');
  assert.equal(consoleDestination('aws', {}), 'https://console.aws.amazon.com/console/home');
});

test('long-term keys and profiles without credentials are refused before any call', async () => {
  const federation = recordingFederation();
  let asked = 0;
  const credentials = async () => (asked++, { accessKeyId: 'AKIA', secretAccessKey: 'long-term' });
  await assert.rejects(consoleSignIn({}, { summary: summary({ name: 'keys', type: 'static' }), refreshable: false, credentials, federation }), /long-term keys \(no session\)/);
  assert.equal(asked, 0);
  await assert.rejects(consoleSignIn({}, { summary: summary({ name: 'proc', type: 'process' }), refreshable: false, credentials, federation }), /long-term keys/, 'a credential_process without a session token');
  await assert.rejects(consoleSignIn({}, { summary: summary({ name: 'web', type: 'web-identity' }), refreshable: false, credentials, federation }), /gets no credentials/);
  assert.deepEqual(federation.requests, []);
});

test('console:open hands the URL to the browser port and answers the popover with opened only', async (t) => {
  const home = makeTempHome({
    config: '[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n\n[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-central-1\n',
  });
  t.after(() => home.cleanup());
  const federation = recordingFederation();
  const browser: string[] = [];
  const service = createRolekeeperService({ environment: home.environment, sts: recordingSts(), federation, openBrowser: async (url) => (browser.push(url), true) });
  const handlers = createIpcHandlers({
    service,
    settings: new TraySettings(service, memorySettingsStore()),
    clipboard: new ClipboardClearer({ writeText: () => undefined, readText: () => '' }),
    autoStart: { isEnabled: async () => false, setEnabled: async () => undefined },
    openPath: async () => undefined,
    signIns: new SsoSignIns(service),
    locale: 'en-US',
    platform: 'linux',
  });
  const response = await handlers['console:open']({ profile: 'dev' });
  assert.deepEqual(response, { ok: true, opened: true });
  assert.equal(browser.length, 1);
  assert.match(browser[0], /^https:\/\/signin\.aws\.amazon\.com\/federation\?Action=login&.*SigninToken=signin-token-1/);
  assert.equal(federation.requests[0].session.sessionToken, 'token-ASIARECORDED00000001', 'the role session the refresh got');
  const refused = await handlers['console:open']({ profile: 'base' });
  assert.equal(refused.ok, false);
  assert.doesNotMatch(JSON.stringify(refused), /base-secret|signin-token/);
});
