// Doctor on the files themselves: keys others can read, and temp files an interrupted write left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { onlyFinding } from '../../helpers/expect';
import { runDoctor } from '../../../src/main/core/doctor/doctor';
import { clearCliCache } from '../../../src/main/core/caches/cache-cleaner';
import { processCacheDir } from '../../../src/main/core/caches/process-cache';
import { writeProcessCache } from '../../../src/main/core/sinks/process-cache';
import { writeSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';

const KEYS = '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const HOUR_AGO = (Date.now() - 3600_000) / 1000;

test('keys in a file its group or everyone can read are a warning with the chmod fix and the keychain; a 0600 file is not', () =>
  withTempHome({ credentials: KEYS, env: { SHELL: '/bin/bash' } }, (home) => {
    const doctor = () => runDoctor({ environment: home.environment, now: new Date() });
    assert.equal(doctor().filter((item) => item.code === 'key-file-readable').length, 0);
    chmodSync(home.credentialsFile, 0o644);
    const readable = onlyFinding(doctor(), 'key-file-readable');
    assert.equal(readable.severity, 'warning');
    assert.match(readable.message, /holds the keys of "dev" and every user of this computer can read it \(mode 644\)/);
    assert.equal(readable.fix, `chmod 600 ${home.credentialsFile}`);
    assert.equal(readable.advice, 'the command under "fix" lets only you read the file; better still, move the keys into the OS keychain: rolekeeper vault move dev');
    assert.doesNotMatch(JSON.stringify(readable), /wJalrXUtnFEMI/);
    chmodSync(home.credentialsFile, 0o640);
    assert.match(onlyFinding(doctor(), 'key-file-readable').message, /its group can read it \(mode 640\)/);
  }));

test('temp files an interrupted write left are reported with their removal, and the next cache write or clear-cache --all removes them', () =>
  withTempHome({ credentials: KEYS, env: { SHELL: '/bin/bash' } }, (home) => {
    const cacheDir = join(home.home, '.aws', 'cli', 'cache');
    mkdirSync(cacheDir, { recursive: true });
    const besideCredentials = join(home.home, '.aws', `.credentials.rolekeeper-tmp-${'a'.repeat(32)}`);
    const inCache = join(cacheDir, `.0123abcd.json.rolekeeper-tmp-${'b'.repeat(32)}`);
    const fresh = join(cacheDir, `.4567cdef.json.rolekeeper-tmp-${'c'.repeat(32)}`);
    for (const file of [besideCredentials, inCache, fresh]) writeFileSync(file, KEYS, { mode: 0o600 });
    for (const file of [besideCredentials, inCache]) utimesSync(file, HOUR_AGO, HOUR_AGO);

    const findings = runDoctor({ environment: home.environment, now: new Date() }).filter((item) => item.code === 'leftover-temp-files');
    assert.deepEqual(findings.map((item) => item.file).sort(), [besideCredentials, inCache].sort(), 'a temp file younger than 10 minutes may be a write in progress');
    assert.equal(findings.find((item) => item.file === inCache)?.fix, `rm ${inCache}`);

    const cleared = clearCliCache(cacheDir, { all: true });
    assert.ok(cleared.removed.includes(inCache));
    assert.equal(existsSync(inCache), false);
    assert.ok(existsSync(fresh), 'a write in progress is left alone');
  }));

test("temp files left in Rolekeeper's credential cache and in the SSO cache are reported, and the next write in each folder removes them", async () =>
  withTempHome({ env: { SHELL: '/bin/bash' } }, async (home) => {
    const processDir = processCacheDir(home.environment);
    const ssoDir = join(home.home, '.aws', 'sso', 'cache');
    for (const folder of [processDir, ssoDir]) mkdirSync(folder, { recursive: true, mode: 0o700 });
    const inProcessCache = join(processDir, `.${'1'.repeat(40)}.json.rolekeeper-tmp-${'d'.repeat(32)}`);
    const inSsoCache = join(ssoDir, `.${'2'.repeat(40)}.json.rolekeeper-tmp-${'e'.repeat(32)}`);
    writeFileSync(inProcessCache, '{"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "s", "SessionToken": "t"}', { mode: 0o600 });
    writeFileSync(inSsoCache, '{"accessToken": "a", "refreshToken": "r", "clientSecret": "c"}', { mode: 0o600 });
    for (const file of [inProcessCache, inSsoCache]) utimesSync(file, HOUR_AGO, HOUR_AGO);

    const findings = runDoctor({ environment: home.environment, now: new Date() }).filter((item) => item.code === 'leftover-temp-files');
    assert.deepEqual(findings.map((item) => item.file).sort(), [inProcessCache, inSsoCache].sort());

    const credentials = { accessKeyId: 'ASIANEW', secretAccessKey: 'new', sessionToken: 'new', expiration: new Date(Date.now() + 3600_000) };
    await writeProcessCache(home.environment, 'dev', credentials, 'fingerprint');
    assert.equal(existsSync(inProcessCache), false, 'the next credential cache write removed it');
    await writeSsoTokenFile(ssoDir, { ssoSession: 'corp' }, {
      startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', accessToken: 'token', expiresAt: new Date(Date.now() + 3600_000),
      clientId: null, clientSecret: null, registrationExpiresAt: null, refreshToken: null,
    });
    assert.equal(existsSync(inSsoCache), false, 'the next SSO cache write removed it');
    assert.equal(runDoctor({ environment: home.environment, now: new Date() }).filter((item) => item.code === 'leftover-temp-files').length, 0);
  }));
