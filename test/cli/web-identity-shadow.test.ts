// A shell that still holds AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE (a CI job's, an EKS pod's):
// botocore's web-identity provider comes before the container provider, so without care `exec`
// and `export --via-endpoint` would run the real AWS CLIs as the web-identity role. Against moto.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCli, runCliAsync } from '../helpers/run-cli';
import { AWS_CLIS, awsCliEnv } from '../helpers/aws-cli';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { startDaemon, type RunningDaemon } from '../helpers/daemon';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function newHome(): TempHome {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/project-role`, 'source_profile = base', ''].join('\n');
  return makeTempHome({ config, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
}

function webIdentity(home: TempHome): Record<string, string> {
  const tokenFile = join(home.home, 'web-identity-token');
  writeFileSync(tokenFile, 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl');
  return { AWS_ROLE_ARN: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/web-role`, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_SESSION_NAME: 'ci-job' };
}

const bashQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

describe('web-identity variables in the shell', () => {
  for (const cli of AWS_CLIS) {
    test(`exec PROFILE -- ${cli.name} sts get-caller-identity runs as PROFILE's role, not the web-identity role`, { timeout: 90_000 }, async () => {
      const home = newHome();
      try {
        const env = { ...awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url, ...webIdentity(home) };
        // The shell's own aws call is the web-identity role: the variables really are in effect.
        const plain = spawnSync(cli.binary, ['sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', moto.url], { env, encoding: 'utf8' });
        assert.equal(plain.status, 0, plain.stderr);
        assert.match(JSON.parse(plain.stdout).Arn, /:assumed-role\/web-role\/ci-job$/);
        const result = await runCliAsync(['exec', 'project1', '--', cli.binary, 'sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', moto.url], env);
        assert.equal(result.code, 0, result.stderr);
        assert.match(JSON.parse(result.stdout).Arn, /:assumed-role\/project-role\//);
      } finally {
        home.cleanup();
      }
    });
  }

  test('export --via-endpoint clears them, and doctor reports them while they shadow the endpoint', { timeout: 120_000 }, async () => {
    const home = newHome();
    let daemon: RunningDaemon | null = null;
    try {
      await changeStore(home.environment, (data) => void (data.kept = ['project1']));
      daemon = await startDaemon(home.env);

      const env = { ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url, ...webIdentity(home) };
      const rolekeeper = `${bashQuote(process.execPath)} ${bashQuote(ROLEKEEPER_BIN)}`;
      const caller = `/usr/bin/aws sts get-caller-identity --output json --endpoint-url ${bashQuote(moto.url)}`;
      const exported = spawnSync('bash', ['-c', `eval "$(${rolekeeper} export project1 --via-endpoint --shell bash)" && env | grep -c '^AWS_ROLE_ARN=\\|^AWS_WEB_IDENTITY_TOKEN_FILE=\\|^AWS_ROLE_SESSION_NAME='; ${caller}`], { env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(exported.status, 0, exported.stderr);
      const [count, ...json] = exported.stdout.split('\n');
      assert.equal(count, '0', 'no web-identity variable is left');
      assert.match(JSON.parse(json.join('\n')).Arn, /:assumed-role\/project-role\//);

      // The same shell before the fix lines: the endpoint variables and the web-identity ones.
      const lines = runCli(['export', 'project1', '--via-endpoint', '--shell', 'bash'], env).stdout;
      const shellEnv: Record<string, string> = { ...env };
      for (const match of lines.matchAll(/^export (\w+)='([^']*)'$/gm)) shellEnv[match[1]!] = match[2]!;
      const doctor = runCli(['doctor', '--json'], shellEnv);
      const finding = (JSON.parse(doctor.stdout) as { findings: Array<{ code: string; profile: string; fix: string; message: string }> }).findings.find((item) => item.code === 'web-identity-shadows-profile');
      assert.ok(finding, doctor.stdout);
      assert.equal(finding.profile, 'rolekeeper-endpoint');
      assert.match(finding.message, /AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME set/);
      assert.equal(finding.fix, 'unset AWS_ROLE_ARN\nunset AWS_WEB_IDENTITY_TOKEN_FILE\nunset AWS_ROLE_SESSION_NAME');

      // A profile with keys selected by AWS_PROFILE is shadowed too; a role profile is not (assume-role comes first).
      const selectBase = runCli(['doctor', '--json'], { ...env, AWS_PROFILE: 'base' });
      assert.ok((JSON.parse(selectBase.stdout) as { findings: Array<{ code: string }> }).findings.some((item) => item.code === 'web-identity-shadows-profile'));
      const selectRole = runCli(['doctor', '--json'], { ...env, AWS_PROFILE: 'project1' });
      assert.ok(!(JSON.parse(selectRole.stdout) as { findings: Array<{ code: string }> }).findings.some((item) => item.code === 'web-identity-shadows-profile'));
    } finally {
      await daemon?.stop();
      home.cleanup();
    }
  });
});
