// Keys in a boto2 config (~/.boto) or the EC2 tools' AWS_CREDENTIAL_FILE: both AWS CLIs read them
// after the profile's credentials and before the container provider. `verify` must sign with them
// when `aws` does; `exec` and `export --via-endpoint` must not be shadowed by them. Against moto.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN, runCli, runCliAsync } from '../helpers/run-cli';
import { AWS_CLIS, awsCliEnv } from '../helpers/aws-cli';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { startDaemon, type RunningDaemon } from '../helpers/daemon';

let moto: Moto;
/** An IAM user of its own in moto, whose keys the legacy files hold: its ARN tells who signed. */
let legacyUser: { name: string; accessKeyId: string; secretAccessKey: string };

async function iam(action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(moto.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString(),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${action}: ${text}`);
  return text;
}

function xmlField(xml: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml);
  assert.ok(match, `no <${name}> in the answer`);
  return match[1]!;
}

before(async () => {
  moto = await startMoto();
  const name = `legacy-${randomBytes(4).toString('hex')}`;
  await iam('CreateUser', { UserName: name });
  const key = await iam('CreateAccessKey', { UserName: name });
  legacyUser = { name, accessKeyId: xmlField(key, 'AccessKeyId'), secretAccessKey: xmlField(key, 'SecretAccessKey') };
});
after(async () => {
  await moto.stop();
});

const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

function newHome(): TempHome {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/project-role`, 'source_profile = base', ''].join('\n');
  return makeTempHome({ config, credentials: CREDENTIALS, env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
}

type Legacy = 'boto' | 'ec2';

/** Writes the legacy user's keys where `kind` says; the variables the shell needs for it. */
function legacyKeys(home: TempHome, kind: Legacy): Record<string, string> {
  if (kind === 'boto') {
    home.write('.boto', `[Boto]\ndebug = 0\n[Credentials]\naws_access_key_id = ${legacyUser.accessKeyId}\naws_secret_access_key = ${legacyUser.secretAccessKey}\n`);
    return {};
  }
  home.write('ec2-tools/credentials', `AWSAccessKeyId=${legacyUser.accessKeyId}\nAWSSecretKey=${legacyUser.secretAccessKey}\n`);
  return { AWS_CREDENTIAL_FILE: '~/ec2-tools/credentials' };
}

const bashQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

function callerArn(binary: string, env: Record<string, string>): string {
  const result = spawnSync(binary, ['sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', moto.url], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { Arn: string }).Arn;
}

describe('AWS_CREDENTIAL_FILE and the boto2 config', () => {
  for (const cli of AWS_CLIS) {
    test(`verify without a profile signs with the keys ${cli.name} finds only in ~/.boto or AWS_CREDENTIAL_FILE`, { timeout: 90_000 }, () => {
      for (const kind of ['boto', 'ec2'] as const) {
        const home = makeTempHome({ config: '', credentials: '', env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
        try {
          const env = { ...awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: moto.url }), ...legacyKeys(home, kind) };
          const arn = callerArn(cli.binary, env);
          assert.match(arn, new RegExp(`:user/${legacyUser.name}$`), `${kind}: the CLI signs with the file's keys`);
          const verify = runCli(['verify', '--json'], { ...env, AWS_ENDPOINT_URL_STS: moto.url });
          assert.equal(verify.code, 0, `${kind}: ${verify.stderr}`);
          assert.equal((JSON.parse(verify.stdout) as { Arn: string }).Arn, arn, kind);
        } finally {
          home.cleanup();
        }
      }
    });

    test(`exec PROFILE -- ${cli.name} sts get-caller-identity runs as PROFILE's role, not as keys in ~/.boto or AWS_CREDENTIAL_FILE`, { timeout: 120_000 }, async () => {
      for (const kind of ['boto', 'ec2'] as const) {
        const home = newHome();
        try {
          const env = { ...awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url, ...legacyKeys(home, kind) };
          // A credential-less profile really falls to the file's keys, before the container endpoint.
          runCli(['exec', 'project1', '--', 'true'], env);
          const shadowed = { ...env, AWS_PROFILE: 'rolekeeper-endpoint', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/nothing', AWS_CONTAINER_AUTHORIZATION_TOKEN: 't' };
          assert.match(callerArn(cli.binary, shadowed), new RegExp(`:user/${legacyUser.name}$`), kind);
          const result = await runCliAsync(['exec', 'project1', '--', cli.binary, 'sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', moto.url], env);
          assert.equal(result.code, 0, `${kind}: ${result.stderr}`);
          assert.match((JSON.parse(result.stdout) as { Arn: string }).Arn, /:assumed-role\/project-role\//, kind);
        } finally {
          home.cleanup();
        }
      }
    });
  }

  test('export --via-endpoint keeps both files out, --unset takes BOTO_CONFIG back, and doctor reports the keys while they win over the endpoint', { timeout: 150_000 }, async () => {
    const home = newHome();
    let daemon: RunningDaemon | null = null;
    try {
      await changeStore(home.environment, (data) => void (data.kept = ['project1']));
      daemon = await startDaemon(home.env);

      const rolekeeper = `${bashQuote(process.execPath)} ${bashQuote(ROLEKEEPER_BIN)}`;
      for (const cli of AWS_CLIS) {
        const env = { ...awsCliEnv({ version: cli.version, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url, ...legacyKeys(home, 'boto'), ...legacyKeys(home, 'ec2') };
        const caller = `${bashQuote(cli.binary)} sts get-caller-identity --output json --endpoint-url ${bashQuote(moto.url)}`;
        const script = [
          `eval "$(${rolekeeper} export project1 --via-endpoint --shell bash)"`,
          `echo "ec2=\${AWS_CREDENTIAL_FILE-unset} boto=\${BOTO_CONFIG-unset}"`,
          caller,
          `eval "$(${rolekeeper} export --unset --shell bash)"`,
          `echo "after=\${BOTO_CONFIG-unset} \${AWS_PROFILE-unset}"`,
        ].join(' && ');
        const shell = spawnSync('bash', ['-c', script], { env, encoding: 'utf8', timeout: 60_000 });
        assert.equal(shell.status, 0, shell.stderr);
        const [variables, ...rest] = shell.stdout.trim().split('\n');
        assert.equal(variables, 'ec2=unset boto=/dev/null', cli.name);
        const last = rest.pop();
        assert.equal(last, 'after=unset unset', cli.name);
        assert.match((JSON.parse(rest.join('\n')) as { Arn: string }).Arn, /:assumed-role\/project-role\//, cli.name);
      }

      // The same shell with the endpoint lines but not the clearing ones: doctor says the boto keys win.
      const env = { ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }), ...legacyKeys(home, 'boto') };
      const lines = runCli(['export', 'project1', '--via-endpoint', '--shell', 'bash'], env).stdout;
      const shellEnv: Record<string, string> = { ...env };
      for (const match of lines.matchAll(/^export (\w+)='([^']*)'$/gm)) if (match[1] !== 'BOTO_CONFIG') shellEnv[match[1]!] = match[2]!;
      const doctor = runCli(['doctor', '--json', '--offline'], shellEnv);
      const findings = (JSON.parse(doctor.stdout) as { findings: Array<{ code: string; severity: string; profile: string; fix: string; message: string }> }).findings;
      const found = findings.find((item) => item.code === 'legacy-credential-keys');
      assert.ok(found, doctor.stdout);
      assert.equal(found.severity, 'error');
      assert.equal(found.profile, 'rolekeeper-endpoint');
      assert.ok(!doctor.stdout.includes(legacyUser.secretAccessKey) && !doctor.stdout.includes(legacyUser.accessKeyId), 'no key in the output');
      // Its fix, pasted into that shell, leaves the endpoint to answer.
      const fixed = spawnSync('bash', ['-c', `${found.fix} && /usr/bin/aws sts get-caller-identity --output json --endpoint-url ${bashQuote(moto.url)}`], { env: shellEnv, encoding: 'utf8', timeout: 60_000 });
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.match((JSON.parse(fixed.stdout) as { Arn: string }).Arn, /:assumed-role\/project-role\//);
    } finally {
      await daemon?.stop();
      home.cleanup();
    }
  });
});
