// `sso login` when the token file's lock path holds a dangling symlink: it fails at once with the
// lock's path and how to remove it, not "FileLockTimeoutError while talking to IAM Identity Center"
// after 10 s; once the link is removed the same sign-in succeeds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { startSsoStandIn, standInEnv, type SsoStandIn } from '../../helpers/sso-stand-in';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { ssoTokenFilePath } from '../../../src/main/core/caches/sso-cache';
import { lockFilePath } from '../../../src/main/core/files/file-lock';
import { RefreshError } from '../../../src/main/core/model/credentials';

const CONFIG = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

let standIn: SsoStandIn;
before(async () => {
  standIn = await startSsoStandIn();
});
after(() => standIn.close());

test('a dangling symlink at the token lock fails the sign-in at once, naming the lock and how to remove it', { timeout: 60_000 }, async () => {
  await withTempHome({ config: CONFIG, env: standInEnv(standIn) }, async (home) => {
    const cacheDir = join(home.home, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const lock = lockFilePath(ssoTokenFilePath(cacheDir, { ssoSession: 'corp' }));
    symlinkSync(join(home.home, 'gone'), lock);
    const service = createRolekeeperService({ environment: home.environment, sts: recordingSts() });
    const login = (): Promise<unknown> => service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: async () => undefined });
    const started = Date.now();
    const error = await login().then(() => null, (caught: unknown) => caught);
    assert.ok(error instanceof RefreshError, String(error));
    assert.ok(Date.now() - started < 5_000, 'said at once, not after the lock timeout');
    assert.ok(error.message.includes(lock), error.message);
    assert.match(error.message, /symbolic link/);
    assert.doesNotMatch(error.message, /FileLockTimeoutError|IAM Identity Center/);
    assert.ok(error.fix.includes(`delete ${lock}`), error.fix);
    rmSync(lock);
    await login();
  });
});
