// `exec` killed with SIGKILL while its child runs: the child's next credential request fails at
// once with a message that says why, the port stays held so no other local user (nobody, here)
// can take it and answer the child, and the guard that holds it goes when the child does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { makeTempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { ROLEKEEPER_BIN } from '../helpers/run-cli';
import { awsCliEnv } from '../helpers/aws-cli';
import { runAsOtherUser } from '../helpers/other-user';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

const BIND = `
require('node:net').createServer().once('error', (e) => console.log('bind ' + e.code)).listen(Number(process.env.PORT), '127.0.0.1', () => { console.log('bind ok'); process.exit(0); });
`;

test('exec killed with SIGKILL: the child\'s next credential request fails fast saying why, and nobody can take the port meanwhile', { timeout: 120_000 }, async () => {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/project-role`, 'source_profile = base', ''].join('\n');
  const credentials = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
  const home = makeTempHome({ config, credentials, env: { AWS_ENDPOINT_URL_STS: moto.url } });
  const go = join(home.home, 'go');
  const report = join(home.home, 'report');
  let exec: ChildProcess | null = null;
  try {
    const env = { ...awsCliEnv({ version: 2, base: home.env, stsEndpoint: moto.url }), AWS_ENDPOINT_URL_STS: moto.url, GO: go, REPORT: report, STS_URL: moto.url };
    // The child: one call while exec lives, then waits for the test to kill exec, then calls again, timed.
    // Each report is written whole (then renamed), so the test never reads half of one; every wait is bounded.
    const script = [
      'echo "${AWS_CONTAINER_CREDENTIALS_FULL_URI}" > "$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT.url"',
      '/usr/bin/aws sts get-caller-identity --output text --query Arn --endpoint-url "$STS_URL" > "$REPORT.tmp" 2>&1; mv "$REPORT.tmp" "$REPORT.first"',
      'for i in $(seq 600); do [ -e "$GO" ] && break; sleep 0.1; done',
      'start=$(date +%s%N)',
      '/usr/bin/aws sts get-caller-identity --output text --query Arn --endpoint-url "$STS_URL" > "$REPORT.tmp" 2>&1; echo "exit $?" >> "$REPORT.tmp"; mv "$REPORT.tmp" "$REPORT.second"',
      'echo $(( ($(date +%s%N) - start) / 1000000 )) > "$REPORT.tmp" && mv "$REPORT.tmp" "$REPORT.ms"',
      'sleep 2',
    ].join('\n');
    exec = spawn(process.execPath, [ROLEKEEPER_BIN, 'exec', 'project1', '--', 'bash', '-c', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    exec.stderr!.on('data', (chunk) => (stderr += chunk));
    const waitFor = async (file: string, ms = 60_000): Promise<string> => {
      const started = Date.now();
      while (!existsSync(file)) {
        assert.ok(Date.now() - started < ms, `${file} never appeared; exec said: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      return readFileSync(file, 'utf8');
    };
    assert.match(await waitFor(`${report}.first`), /:assumed-role\/project-role\//);
    const port = Number(new URL((await waitFor(`${report}.url`)).trim()).port);

    const running = exec;
    running.kill('SIGKILL');
    await new Promise((resolve) => running.once('exit', resolve));
    const squat = await runAsOtherUser(BIND, { PORT: String(port) });
    assert.equal(squat.output.trim(), 'bind EADDRINUSE', 'the port stays held after exec died');
    writeFileSync(go, '');

    const second = await waitFor(`${report}.second`);
    assert.match(second, /rolekeeper exec \(pid \d+\), which served credentials to this command, was killed/);
    assert.match(second, /exit 255/);
    assert.ok(Number(await waitFor(`${report}.ms`)) < 15_000, 'the request failed fast');

    // Once the child has exited, the guard goes and the port is free again.
    const started = Date.now();
    let freed = '';
    while (Date.now() - started < 20_000) {
      freed = (await runAsOtherUser(BIND, { PORT: String(port) })).output.trim();
      if (freed === 'bind ok') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(freed, 'bind ok');
  } finally {
    if (exec?.exitCode === null && exec.signalCode === null) exec.kill('SIGKILL');
    writeFileSync(go, '');
    exec?.stderr?.destroy();
    home.cleanup();
  }
});
