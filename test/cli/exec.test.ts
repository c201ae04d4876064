// `rolekeeper exec` with the real AWS CLI v2 as (part of) the child, against moto_server: a 900 s
// session and a lead that makes it due 3 s after issue, so a 20-second child lives through several
// refreshes; exit codes and signals pass through.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCliAsync } from '../helpers/run-cli';
import { awsCliEnv } from '../helpers/aws-cli';
import { startFaultProxy } from '../helpers/fault-proxy';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const ROLE = 'long-deploy';
// [default] holds keys of another identity and the parent shell selects it with AWS_PROFILE and
// plain keys: exec must route around all of them.
const CREDENTIALS =
  '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n' +
  '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = default-secret-not-used\n';

function newHome(): TempHome {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile deploy]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/${ROLE}`, 'source_profile = base', 'duration_seconds = 900', 'region = eu-west-1', ''].join('\n');
  return makeTempHome({ config, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url } });
}

function parentEnv(home: TempHome): Record<string, string> {
  return {
    ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }),
    AWS_ENDPOINT_URL_STS: moto.url,
    STS_URL: moto.url,
    AWS_PROFILE: 'default',
    AWS_ACCESS_KEY_ID: 'AKIASHADOWSHADOW0000',
    AWS_SECRET_ACCESS_KEY: 'shadow-secret',
  };
}

// Each round: the key id the endpoint serves now (an id, not a secret) and one real CLI call.
const CHILD = `
for i in $(seq 1 "$ROUNDS"); do
  node -e 'fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI,{headers:{Authorization:process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN}}).then(r=>r.json()).then(j=>console.log("key "+j.AccessKeyId))' || exit 8
  arn=$(/usr/bin/aws sts get-caller-identity --output text --query Arn --endpoint-url "$STS_URL") || exit 9
  echo "call $arn region=$AWS_REGION profile=$AWS_PROFILE"
  sleep 1
done
exit 7
`;

describe('rolekeeper exec', () => {
  test('keeps a real AWS CLI child authenticated across several refreshes of a 900 s session, and returns its exit code', { timeout: 180_000 }, async () => {
    const home = newHome();
    try {
      const result = await runCliAsync(
        ['exec', 'deploy', '--lead', '14m57s', '--min-interval', '1s', '--', 'bash', '-c', CHILD],
        { ...parentEnv(home), ROUNDS: '14' },
      );
      assert.equal(result.code, 7, result.stderr);
      const calls = result.stdout.split('\n').filter((line) => line.startsWith('call '));
      assert.equal(calls.length, 14, result.stdout + result.stderr);
      for (const call of calls) assert.match(call, new RegExp(`^call arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${ROLE}/\\S+ region=eu-west-1 profile=rolekeeper-endpoint$`));
      const keys = new Set(result.stdout.split('\n').filter((line) => line.startsWith('key ')));
      assert.ok(keys.size >= 3, `the child lived through at least two refreshes (${keys.size} sessions seen)`);
      assert.doesNotMatch(result.stdout + result.stderr, /shadow-secret|wJalrXUtnFEMI/);
    } finally {
      home.cleanup();
    }
  });

  test('--env gives the child plain keys with AWS_CREDENTIAL_EXPIRATION and no shadowing variable', { timeout: 90_000 }, async () => {
    const home = newHome();
    try {
      const script = 'test -z "$AWS_PROFILE" || exit 3; test -n "$AWS_CREDENTIAL_EXPIRATION" || exit 4; test -z "$AWS_CONTAINER_CREDENTIALS_FULL_URI" || exit 5; /usr/bin/aws sts get-caller-identity --output text --query Arn --endpoint-url "$STS_URL"';
      const result = await runCliAsync(['exec', 'deploy', '--env', '--', 'bash', '-c', script], parentEnv(home));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`assumed-role/${ROLE}/`));
    } finally {
      home.cleanup();
    }
  });

  test('forwards SIGTERM to the child and returns the code it exits with; a missing command is 127', { timeout: 90_000 }, async () => {
    const home = newHome();
    try {
      const child = spawn(process.execPath, [ROLEKEEPER_BIN, 'exec', 'deploy', '--', 'bash', '-c', 'trap "exit 42" TERM; echo ready; sleep 60 & wait'], {
        env: parentEnv(home),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const started = Date.now();
      while (!out.includes('ready') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
      assert.ok(out.includes('ready'));
      child.kill('SIGTERM');
      assert.equal(await exited, 42);

      const missing = await runCliAsync(['exec', 'deploy', '--', 'no-such-command-rolekeeper'], parentEnv(home));
      assert.equal(missing.code, 127);
      assert.match(missing.stderr, /no-such-command-rolekeeper: command not found/);
    } finally {
      home.cleanup();
    }
  });
  test('a session that outlasts the lead is reused, so a second exec calls no STS; an edited role, a longer lead or an MFA role get a fresh one', { timeout: 90_000 }, async () => {
    const proxy = await startFaultProxy(moto.url);
    const role = (name: string, extra = ''): string => `[profile ${name}]\nrole_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/${ROLE}\nsource_profile = base\n${extra}`;
    const config = ['[profile base]\nregion = us-east-1\n', role('plain'), role('guarded', `mfa_serial = arn:aws:iam::${MOTO_ACCOUNT_ID}:mfa/alice\n`)].join('\n');
    const home = makeTempHome({ config, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: proxy.url } });
    try {
      const env = { ...home.env, LANG: 'C' };
      const printKey = ['node', '-e', 'fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI,{headers:{Authorization:process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN}}).then(r=>r.json()).then(j=>console.log(j.AccessKeyId))'];
      const assumed = (): number => proxy.requestsFor('AssumeRole').length;
      const first = await runCliAsync(['exec', 'plain', '--', ...printKey], env);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(assumed(), 1);
      const second = await runCliAsync(['exec', 'plain', '--', ...printKey], env);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, first.stdout, 'the same session');
      assert.equal(assumed(), 1, 'no second AssumeRole');
      // A lead longer than what is left (1 h sessions) makes the cached one too short.
      const longLead = await runCliAsync(['exec', 'plain', '--lead', '61m', '--', ...printKey], env);
      assert.equal(longLead.code, 0, longLead.stderr);
      assert.notEqual(longLead.stdout, first.stdout);
      // (Its keeper may refresh again at once: with that lead every session is due.)
      assert.ok(assumed() >= 2);
      // Another role in the file: the cached session belongs to the old one.
      writeFileSync(home.configFile, config.replace(`role/${ROLE}\nsource_profile = base\n\n`, `role/other-${ROLE}\nsource_profile = base\n\n`));
      const beforeEdit = assumed();
      const edited = await runCliAsync(['exec', 'plain', '--', ...printKey], env);
      assert.equal(edited.code, 0, edited.stderr);
      assert.equal(assumed(), beforeEdit + 1, 'the edited role is assumed, not served from the old cache');

      // The keeper cannot ask for an MFA code later: an MFA role always starts with a fresh session.
      const beforeMfa = assumed();
      const mfa = await runCliAsync(['exec', 'guarded', '--mfa-code', '123456', '--', ...printKey], env);
      assert.equal(mfa.code, 0, mfa.stderr);
      assert.equal(assumed(), beforeMfa + 1);
      const again = await runCliAsync(['exec', 'guarded', '--', ...printKey], env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /needs a code from MFA device/);
    } finally {
      home.cleanup();
      await proxy.stop();
    }
  });
});
