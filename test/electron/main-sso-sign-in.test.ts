// Signing in to IAM Identity Center from the tray, on the real bundle under the electron stand-in
// with the SSO stand-in as the service: the menu entry a Linux tray needs, and a sign-in notice
// whose click (after forced GC) starts the same sign-in as the popover's "Sign in": the browser is
// handed the sign-in page, the popover opens on the profile, and the state pushed to it carries
// the prompt until the sign-in ends. No token ever reaches the record (notifications, state, menu).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../helpers/sso-stand-in';
import type { StandInRecord } from '../helpers/electron-stand-in/launch-main';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import type { AppState } from '../../src/shared/ipc-contract';
import { menuLabels, startApp, trayIsUp } from './stand-in-fixture';
import { SSO_CORP_CONFIG, SSO_START_URL } from '../helpers/sso-config';

const START_URL = SSO_START_URL;
const CONFIG = SSO_CORP_CONFIG;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn?.close());

/** A temp HOME whose kept SSO profile has no sign-in yet; its data folder named, so the test can seed the store. */
async function signedOutHome(): Promise<{ home: TempHome; env: Record<string, string> }> {
  const home = makeTempHome({ config: CONFIG, env: standInEnv(standIn) });
  const env = { ...standInEnv(standIn), ROLEKEEPER_DATA_DIR: join(home.home, 'rolekeeper-data') };
  await changeStore({ ...home.environment, env: { ...home.env, ...env } }, (data) => (data.kept = ['prod-ro']));
  return { home, env };
}

function statesSent(record: StandInRecord): AppState[] {
  return record.sent.filter((item) => item.channel === 'state:changed').map((item) => item.payload as AppState);
}

/** The secrets the sign-in wrote to ~/.aws/sso/cache: none may appear anywhere the tray shows or sends. */
function cacheSecrets(home: TempHome): string[] {
  const dir = join(home.home, '.aws', 'sso', 'cache');
  const secrets: string[] = [];
  for (const name of readdirSync(dir)) {
    const json = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    for (const key of ['accessToken', 'refreshToken', 'clientSecret']) if (typeof json[key] === 'string') secrets.push(json[key] as string);
  }
  return secrets;
}

test('a sign-in notice clicked after garbage collection starts the sign-in: the browser gets the page, the popover the prompt, and the sign-in completes', async (t) => {
  const { home, env } = await signedOutHome();
  t.after(() => home.cleanup());
  const { app, close } = startApp({ home, config: CONFIG, args: ['--hidden'], env });
  t.after(close);

  const shown = await app.waitFor((r) => r.notifications.some((n) => n.shown && n.title.startsWith('SSO session corp')), 'the sign-in notice');
  const notice = shown.notifications.find((n) => n.title.startsWith('SSO session corp'))!;
  assert.match(notice.title, /— Sign in$/);
  assert.match(notice.body, /Click to sign in, or run: rolekeeper sso login --session corp/);
  assert.deepEqual(shown.openedUrls, [], 'nothing opens before the click');
  await app.send({ type: 'gc' });
  await app.send({ type: 'gc' });
  assert.ok(!(await app.record()).collectedNotifications.includes(notice.id), 'held until clicked');
  assert.deepEqual(await app.send({ type: 'notification-click', id: notice.id }), { delivered: true });

  const prompted = await app.waitFor((r) => r.openedUrls.length === 1 && statesSent(r).some((state) => state.signIns.length === 1), 'the browser and the prompt in the state');
  const page = new URL(prompted.openedUrls[0]);
  assert.equal(`${page.origin}${page.pathname}`, `${standIn.url}/authorize`, 'the PKCE page of the sign-in');
  assert.deepEqual(prompted.sent.filter((s) => s.channel === 'popover:focus').at(-1)!.payload, { view: 'profiles', profile: 'prod-ro' });
  assert.ok(prompted.popoverVisible);
  const signIn = statesSent(prompted).find((state) => state.signIns.length === 1)!.signIns[0];
  assert.deepEqual(signIn.target, { session: 'corp' });
  assert.equal(signIn.url, prompted.openedUrls[0]);
  assert.equal(signIn.browserOpened, true);

  // The person's browser: follows the page's redirect to Rolekeeper's loopback callback.
  const response = await fetch(prompted.openedUrls[0]);
  assert.equal(response.status, 200);
  const done = await app.waitFor((r) => statesSent(r).at(-1)?.signIns.length === 0 && !menuLabels(r).includes('Sign in to corp…'), 'the sign-in finished');
  assert.equal(statesSent(done).at(-1)!.ssoSessions.find((s) => s.session === 'corp')?.status, 'renewable');
  assert.deepEqual(done.rejections, []);
  const secrets = cacheSecrets(home);
  assert.ok(secrets.length >= 2, 'the token file holds the tokens');
  const shownAnywhere = JSON.stringify({ notifications: done.notifications, sent: done.sent, menu: done.tray?.menu }) + app.output();
  for (const secret of secrets) assert.equal(shownAnywhere.includes(secret), false, 'a token reached the tray, the popover or the log');
});

test('the tray menu offers "Sign in to corp…" (Linux trays send no clicks); it starts the sign-in and opens the popover', async (t) => {
  const { home, env } = await signedOutHome();
  t.after(() => home.cleanup());
  const { app, close } = startApp({ home, config: CONFIG, args: ['--hidden'], platform: 'linux', env });
  t.after(close);
  const record = await app.waitFor((r) => trayIsUp(r) && menuLabels(r).includes('Sign in to corp…'), 'the sign-in entry');
  assert.deepEqual(menuLabels(record).slice(0, 3), [record.tray!.menu[0].label, 'Open Rolekeeper', 'Sign in to corp…']);

  await app.send({ type: 'menu-click', path: ['Sign in to corp…'] });
  const prompted = await app.waitFor((r) => r.openedUrls.length === 1 && statesSent(r).some((state) => state.signIns.length === 1), 'the browser and the prompt');
  assert.deepEqual(prompted.sent.filter((s) => s.channel === 'popover:focus').at(-1)!.payload, { view: 'profiles', profile: 'prod-ro' });
  // A second click while the first waits in the browser joins it: one page, one prompt.
  await app.send({ type: 'menu-click', path: ['Sign in to corp…'] });
  const again = await app.waitFor((r) => r.sent.filter((s) => s.channel === 'popover:focus').length >= 2, 'the popover again');
  assert.equal(again.openedUrls.length, 1);
  assert.equal(statesSent(again).at(-1)!.signIns.length, 1);
  assert.deepEqual(again.rejections, []);
});
