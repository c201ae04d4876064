// `mfa_process` on a role that needs MFA: the daemon and `refresh` take the code from the command
// instead of a person; a command printing garbage is a clear error. Against moto_server on loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCli } from '../helpers/run-cli';
import { awsPaths } from '../../src/main/core/model/aws-environment';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/guarded`;
const MFA_SERIAL = `arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice`;
const CODE = '731642';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A home whose project1 asks `otp.js` for its codes; otp.js counts its runs in otp-runs. */
function homeWith(otpBody: string): { home: TempHome; runs: () => number } {
  const home = makeTempHome({ credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
  const counter = join(home.home, 'otp-runs');
  const script = home.write('otp.js', `require('fs').appendFileSync(${JSON.stringify(counter)}, 'x');\n${otpBody}\n`);
  home.write(
    '.aws/config',
    `[profile base]\nregion = us-east-1\n\n[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nduration_seconds = 900\nmfa_process = ${process.execPath} ${script}\n`,
  );
  return {
    home,
    runs: () => {
      try {
        return readFileSync(counter, 'utf8').length;
      } catch {
        return 0;
      }
    },
  };
}

function cacheExpiration(home: TempHome): string | null {
  const dir = awsPaths(home.environment).cliCacheDir;
  try {
    const [name] = readdirSync(dir).filter((file) => file.endsWith('.json'));
    return name ? (JSON.parse(readFileSync(join(dir, name), 'utf8')).Credentials.Expiration as string) : null;
  } catch {
    return null;
  }
}

test('the daemon renews a role that needs MFA with codes from mfa_process, never prompting and never logging the code', { timeout: 60_000 }, async () => {
  const { home, runs } = homeWith(`console.log(${JSON.stringify(CODE)});`);
  try {
    assert.equal(runCli(['keep', 'project1'], home.env).code, 0);
    const child = spawn(process.execPath, [ROLEKEEPER_BIN, 'daemon', '--lead', '14m57s', '--jitter', '0s', '--min-interval', '1s', '--endpoint-port', '0'], {
      env: home.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const expiries: string[] = [];
    const started = Date.now();
    while (expiries.length < 3 && Date.now() - started < 40_000) {
      const expiration = cacheExpiration(home);
      if (expiration && expiration !== expiries.at(-1)) expiries.push(expiration);
      await sleep(100);
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.ok(expiries.length >= 3, `renewed ${expiries.length} times; stderr:\n${stderr}`);
    assert.ok(runs() >= 3, `mfa_process ran ${runs()} times`);
    assert.match(stderr, /project1 refreshed, valid until/);
    assert.doesNotMatch(stderr, /needs an MFA code|needs a code/);
    assert.ok(!stderr.includes(CODE), 'the MFA code in the daemon log');
  } finally {
    home.cleanup();
  }
});

test('rolekeeper refresh takes the code from mfa_process; a command printing garbage is a clear error and nothing is asked', () => {
  const good = homeWith(`console.log(${JSON.stringify(CODE)});`);
  try {
    const result = runCli(['refresh', 'project1'], good.home.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(good.runs(), 1);
    assert.ok(!(result.stdout + result.stderr).includes(CODE));
  } finally {
    good.home.cleanup();
  }
  const garbage = homeWith('console.log("Enter your PIN:");');
  try {
    const result = runCli(['refresh', 'project1'], garbage.home.env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /The mfa_process of profile "project1" did not print a six-digit code/);
    assert.doesNotMatch(result.stderr, /Enter your PIN/);
    assert.equal(cacheExpiration(garbage.home), null);
  } finally {
    garbage.home.cleanup();
  }
});
