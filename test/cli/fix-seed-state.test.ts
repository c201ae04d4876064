// The seed article's broken state, repaired in one command: a CLI cache entry STS rejects for
// project1, expired keys exported in the shell with a stale AWS_SECURITY_TOKEN, and an
// `export AWS_SESSION_TOKEN=…` line in ~/.bashrc. After `eval "$(rolekeeper fix --shell bash --yes)"`
// the real AWS CLI v1 and v2 work in that shell and in a new `bash -i`; ~/.bashrc lost only that line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { MOTO_ACCOUNT_ID } from '../helpers/moto';
import { motoBehindProxy } from '../helpers/fault-proxy';
import { AWS_CLIS, awsCliEnv, runAwsAsync } from '../helpers/aws-cli';
import { ROLEKEEPER_BIN, runCliAsync, runCommandAsync } from '../helpers/run-cli';
import { awsPaths } from '../../src/main/core/model/aws-environment';

const ROLE_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/project1`;
const CONFIG = `[profile project1]\nrole_arn = ${ROLE_ARN}\nsource_profile = user1\nregion = us-east-1\n`;
const CREDENTIALS = '[user1]\naws_access_key_id = AKIAUSER1SEEDFIX0001\naws_secret_access_key = user1secret/seedfix00000000000000000000\n';
const EXPORTED_KEY = 'ASIAEXPORTEDSEED0001';
const EXPIRED_TOKEN = { type: 'sts-error', status: 400, code: 'ExpiredToken', message: 'The security token included in the request is expired' } as const;
const BASHRC_BEFORE = '# my bashrc\nalias ll="ls -l"\nexport PATH="$HOME/bin:$PATH"\nexport AWS_SESSION_TOKEN=FwoGZXIvYXdzStaleFromTheSeed\n\nexport EDITOR=vi\n';
const BASHRC_AFTER = '# my bashrc\nalias ll="ls -l"\nexport PATH="$HOME/bin:$PATH"\n\nexport EDITOR=vi\n';

const rig = motoBehindProxy();

function parseEnv(dump: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of dump.split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

async function callerIdentityWorks(env: Record<string, string>, home: TempHome, viaVariable: boolean): Promise<void> {
  for (const cli of AWS_CLIS) {
    const base = viaVariable ? { ...env, AWS_PROFILE: 'project1' } : env;
    const args = viaVariable ? ['sts', 'get-caller-identity', '--output', 'json'] : ['sts', 'get-caller-identity', '--profile', 'project1', '--output', 'json'];
    const result = await runAwsAsync(cli.binary, args, awsCliEnv({ version: cli.version, base, stsEndpoint: rig.proxy.url, dataDir: join(home.home, 'aws-data') }));
    assert.equal(result.code, 0, `${cli.name} ${viaVariable ? 'AWS_PROFILE=project1' : '--profile project1'}: ${result.stderr}`);
    assert.match(result.stdout, /assumed-role\/project1\//);
  }
}

describe('rolekeeper fix on the seed article\'s broken state', () => {
  interface ShellCase {
    shell: 'bash' | 'zsh' | 'fish';
    /** The startup file and the text in it before the fix. */
    rcFile: string;
    rcBefore: string;
    /** Its text after: null when the shell rewrites the file itself (fish's universal variables). */
    rcAfter: string | null;
    /** Runs `rolekeeper fix` in the shell and dumps the environment after it (NUL-separated). */
    fixScript(dump: string): string[];
    /** A new interactive shell that reads its startup files and dumps its environment. */
    newShell(dump: string): string[];
  }

  const rk = `"${process.execPath}" "${ROLEKEEPER_BIN}"`;
  const CASES: ShellCase[] = [
    {
      shell: 'bash',
      rcFile: '.bashrc',
      rcBefore: BASHRC_BEFORE,
      rcAfter: BASHRC_AFTER,
      fixScript: (dump) => ['bash', '--norc', '--noprofile', '-c', `rolekeeper() { ${rk} "$@"; }\neval "$(rolekeeper fix --shell bash --yes)"\nenv -0 > "${dump}"\n`],
      newShell: (dump) => ['bash', '-i', '-c', `env -0 > "${dump}"`],
    },
    {
      shell: 'zsh',
      rcFile: '.zshrc',
      rcBefore: BASHRC_BEFORE,
      rcAfter: BASHRC_AFTER,
      fixScript: (dump) => ['zsh', '-f', '-c', `rolekeeper() { ${rk} "$@"; }\neval "$(rolekeeper fix --shell zsh --yes)"\nenv -0 > "${dump}"\n`],
      newShell: (dump) => ['zsh', '-i', '-c', `env -0 > "${dump}"`],
    },
    {
      shell: 'fish',
      rcFile: '.config/fish/fish_variables',
      rcBefore: '# This file contains fish universal variable definitions.\n# VERSION: 3.0\nSETUVAR --export AWS_SESSION_TOKEN:FwoGZXIvYXdzStaleFromTheSeed\nSETUVAR fish_greeting:\n',
      rcAfter: null,
      fixScript: (dump) => ['fish', '-c', `function rolekeeper; ${rk} $argv; end\nrolekeeper fix --shell fish --yes | source\nenv -0 > "${dump}"\n`],
      newShell: (dump) => ['fish', '-i', '-c', `env -0 > "${dump}"`],
    },
  ];

  for (const spec of CASES) {
    test(`${spec.shell}: after the fix's lines run in ${spec.shell}, both AWS CLIs work there and in a new ${spec.shell}; the startup file lost only the credential`, async () => {
      const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
      try {
        const rkEnv = { ...home.env, AWS_ENDPOINT_URL_STS: rig.proxy.url, AWS_DEFAULT_REGION: 'us-east-1', SHELL: `/bin/${spec.shell}` };
        const refreshed = await runCliAsync(['refresh', 'project1'], rkEnv);
        assert.equal(refreshed.code, 0, refreshed.stderr);
        const cacheDir = awsPaths(home.environment).cliCacheDir;
        const [entryFile] = readdirSync(cacheDir);
        const rejectedKey = JSON.parse(readFileSync(join(cacheDir, entryFile), 'utf8')).Credentials.AccessKeyId as string;
        rig.proxy.setFaultForKey(rejectedKey, EXPIRED_TOKEN);
        rig.proxy.setFaultForKey(EXPORTED_KEY, EXPIRED_TOKEN);
        const rc = home.write(spec.rcFile, spec.rcBefore);

        // Before: the AWS CLI fails on the rejected entry.
        const before = await runAwsAsync('aws', ['sts', 'get-caller-identity', '--profile', 'project1'], awsCliEnv({ version: 1, base: home.env, stsEndpoint: rig.proxy.url }));
        assert.notEqual(before.code, 0);

        const brokenShell = {
          ...rkEnv,
          AWS_ACCESS_KEY_ID: EXPORTED_KEY,
          AWS_SECRET_ACCESS_KEY: 'exportedsecret/seed000000000000000000000',
          AWS_SESSION_TOKEN: 'FwoGZXIvYXdzExportedSessionToken',
          AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzOlderSecurityToken',
          AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
        };
        const dumpFile = join(home.home, 'env-after');
        const [program, ...args] = spec.fixScript(dumpFile);
        const fixed = await runCommandAsync(program, args, brokenShell);
        assert.equal(fixed.code, 0, fixed.stderr);
        const after = parseEnv(readFileSync(dumpFile, 'utf8'));
        for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']) {
          assert.equal(after[name], undefined, `${name} is gone from the shell: ${fixed.stderr}`);
        }
        assert.match(fixed.stderr, /`aws sts get-caller-identity --profile project1` works/);
        await callerIdentityWorks(after, home, false);
        await callerIdentityWorks(after, home, true);

        const rcNow = readFileSync(rc, 'utf8');
        if (spec.rcAfter !== null) assert.equal(rcNow, spec.rcAfter, 'only the credential line left the startup file');
        else {
          assert.doesNotMatch(rcNow, /AWS_SESSION_TOKEN/, 'the universal variable is gone');
          assert.match(rcNow, /SETUVAR fish_greeting:/, 'the other universal variables stay');
        }
        const rcName = spec.rcFile.split('/').pop()!;
        const rcDir = join(home.home, spec.rcFile, '..');
        const backups = readdirSync(rcDir).filter((name) => name.startsWith(`${rcName}.rolekeeper-backup-`));
        assert.equal(backups.length, 1, `one backup of ${spec.rcFile}: ${fixed.stderr}`);
        assert.equal(readFileSync(join(rcDir, backups[0]), 'utf8'), spec.rcBefore, 'the backup holds the old file');

        const [newProgram, ...newArgs] = spec.newShell(dumpFile);
        const fresh = await runCommandAsync(newProgram, newArgs, home.env);
        assert.equal(fresh.code, 0, fresh.stderr);
        const newShell = parseEnv(readFileSync(dumpFile, 'utf8'));
        assert.equal(newShell.AWS_SESSION_TOKEN, undefined, `a new ${spec.shell} no longer sets AWS_SESSION_TOKEN`);
        await callerIdentityWorks(newShell, home, false);
        for (const output of [fixed.stdout, fixed.stderr]) assert.ok(!output.includes('user1secret') && !output.includes('StaleFromTheSeed'), 'no secret printed');
      } finally {
        home.cleanup();
      }
    });
  }

  test('plain doctor reports a rejected cache entry of the profile in use as an error with a working fix; STS unreachable is said once, in time', async () => {
    const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
    try {
      const rkEnv = { ...home.env, AWS_ENDPOINT_URL_STS: rig.proxy.url, AWS_DEFAULT_REGION: 'us-east-1', SHELL: '/bin/bash', AWS_PROFILE: 'project1' };
      assert.equal((await runCliAsync(['refresh', 'project1'], rkEnv)).code, 0);
      const cacheDir = awsPaths(home.environment).cliCacheDir;
      const [entryFile] = readdirSync(cacheDir);
      rig.proxy.setFaultForKey(JSON.parse(readFileSync(join(cacheDir, entryFile), 'utf8')).Credentials.AccessKeyId, EXPIRED_TOKEN);

      const doctor = await runCliAsync(['doctor', '--json'], rkEnv);
      assert.equal(doctor.code, 1, doctor.stderr);
      const { findings, sts } = JSON.parse(doctor.stdout) as { findings: Array<{ code: string; severity: string; profile: string; fix: string | null; repair: Array<{ kind: string }> }>; sts: string };
      assert.equal(sts, 'checked');
      const rejected = findings.find((item) => item.code === 'credentials-rejected');
      assert.ok(rejected, doctor.stdout);
      assert.equal(rejected.severity, 'error');
      assert.deepEqual(rejected.repair.map((step) => step.kind), ['remove-cache-entry', 'refresh-profile']);
      // One status from one place: list and the greeting say the same of project1 now.
      const listedBefore = JSON.parse((await runCliAsync(['list', '--json'], rkEnv)).stdout) as Array<{ name: string; status: string }>;
      assert.equal(listedBefore.find((row) => row.name === 'project1')?.status, 'expired');
      const greeting = await runCliAsync([], rkEnv);
      assert.match(greeting.stdout, /1 error/);
      assert.match(greeting.stdout, /rolekeeper doctor/);
      // The fix lines run in bash and make the CLI work again.
      const script = `rolekeeper() { "${process.execPath}" "${ROLEKEEPER_BIN}" "$@"; }\n${rejected.fix}\n`;
      const ran = await runCommandAsync('bash', ['--norc', '--noprofile', '-e', '-c', script], rkEnv);
      assert.equal(ran.code, 0, ran.stderr);
      await callerIdentityWorks(home.env, home, false);
      const listed = await runCliAsync(['list', '--json'], rkEnv);
      assert.doesNotMatch(listed.stdout, /"status": "expired"/);

      const started = Date.now();
      const offline = await runCliAsync(['doctor', '--json'], { ...rkEnv, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
      assert.ok(Date.now() - started < 20_000, 'doctor finished within its timeout');
      const unreachable = JSON.parse(offline.stdout) as { findings: Array<{ code: string }>; sts: string };
      assert.equal(unreachable.sts, 'unreachable');
      assert.equal(unreachable.findings.filter((item) => item.code === 'sts-unreachable').length, 1);
    } finally {
      home.cleanup();
    }
  });
});
