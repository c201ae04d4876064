// Another local user (a process running as nobody) against this user's endpoint: it cannot read the
// discovery or token file; when the keeper dies it can take the freed port and keep the token a shell
// sends there, but after the keeper restarts (moved to another port) that token gets 403, doctor
// flags the stale shell, and its fix gives a new token. Against moto and the built CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { startMoto, MOTO_ACCOUNT_ID, type Moto } from '../helpers/moto';
import { runCli } from '../helpers/run-cli';
import { runAsOtherUser, startAsOtherUser } from '../helpers/other-user';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { discoveryFilePath, readEndpointDiscovery } from '../../src/main/core/always-fresh/endpoint-discovery';
import { endpointTokens } from '../../src/main/core/credentials/endpoint-export';
import { startDaemon, type RunningDaemon } from '../helpers/daemon';

let moto: Moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto.stop();
});

function aliceHome(): TempHome {
  const config = ['[profile base]', 'region = us-east-1', '', '[profile project1]', `role_arn = arn:aws:iam::${MOTO_ACCOUNT_ID}:role/alice-role`, 'source_profile = base', ''].join('\n');
  const credentials = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
  return makeTempHome({ config, credentials, env: { AWS_ENDPOINT_URL_STS: moto.url, AWS_DEFAULT_REGION: 'us-east-1' } });
}

function exported(home: TempHome): Record<string, string> {
  const result = runCli(['export', 'project1', '--via-endpoint', '--shell', 'bash'], home.env);
  assert.equal(result.code, 0, result.stderr);
  const variables: Record<string, string> = {};
  for (const match of result.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) variables[match[1]!] = match[2]!;
  return variables;
}

// Listens on the freed port, prints every Authorization header it is sent, and answers with its own keys.
const SQUATTER = `
const http = require('node:http');
http.createServer((request, response) => {
  console.log('captured ' + (request.headers.authorization || '-'));
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ AccessKeyId: 'AKIANOBODYNOBODY0000', SecretAccessKey: 'nobody', Token: 'nobody', Expiration: new Date(Date.now() + 3600e3).toISOString() }));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening as uid ' + process.getuid()));
`;

const USE_TOKEN = `
fetch(process.env.URL, { headers: { Authorization: process.env.TOKEN } }).then((r) => console.log('status ' + r.status), (e) => console.log('error ' + e.message));
`;

const READ_FILES = `
const fs = require('node:fs');
for (const file of JSON.parse(process.env.FILES)) {
  try { fs.readFileSync(file); console.log('read ' + file); } catch (error) { console.log(error.code + ' ' + file); }
}
`;

test('another user cannot read the files, and a token it captured on the freed port gets 403 after the keeper restarts elsewhere; doctor and its fix give a new one', { timeout: 120_000 }, async () => {
  const home = aliceHome();
  let daemon: RunningDaemon | null = null;
  const squatter = { stop: async (): Promise<unknown> => undefined };
  try {
    await changeStore(home.environment, (data) => void (data.kept = ['project1']));
    daemon = await startDaemon(home.env, { waitFor: /project1 (refreshed|fresh)/ });
    const shell = exported(home);
    const first = readEndpointDiscovery(home.environment)!;
    const tokenFile = endpointTokens(home.environment).file;

    // Folders opened up as far as a careless umask would: the files' own 0600 still keeps them.
    const opened = [home.home, dirname(dirname(tokenFile)), dirname(tokenFile)];
    for (const folder of opened) chmodSync(folder, 0o755);
    const files = [discoveryFilePath(home.environment), tokenFile];
    for (const file of files) assert.equal(statSync(file).mode & 0o777, 0o600);
    const reading = await runAsOtherUser(READ_FILES, { FILES: JSON.stringify(files) });
    assert.equal(reading.output, files.map((file) => `EACCES ${file}\n`).join(''));

    // The keeper dies; nobody takes its port, and the shell's next request hands it the token.
    daemon.child.kill('SIGKILL');
    await new Promise((resolve) => daemon!.child.once('exit', resolve));
    const squatting = startAsOtherUser(SQUATTER, { PORT: String(first.port) });
    squatter.stop = squatting.stop;
    await squatting.waitFor(/listening as uid 65534/);
    const sent = await fetch(shell.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { Authorization: shell.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
    assert.equal(((await sent.json()) as { AccessKeyId: string }).AccessKeyId, 'AKIANOBODYNOBODY0000', 'the residual risk: a squatted port answers');
    const captured = (await squatting.waitFor(/captured (\S+)/))[1]!;
    assert.equal(captured, shell.AWS_CONTAINER_AUTHORIZATION_TOKEN);

    // The keeper restarts, finds its port taken and moves; the captured token is worthless there.
    daemon = await startDaemon(home.env, { waitFor: /project1 (refreshed|fresh)/ });
    const moved = readEndpointDiscovery(home.environment)!;
    assert.notEqual(moved.port, first.port);
    assert.match(daemon.log(), /the endpoint moved from port/);
    const movedUrl = shell.AWS_CONTAINER_CREDENTIALS_FULL_URI!.replace(`:${first.port}/`, `:${moved.port}/`);
    const replay = await runAsOtherUser(USE_TOKEN, { URL: movedUrl, TOKEN: captured });
    assert.equal(replay.output.trim(), 'status 403');

    // Doctor flags the shell that still holds the old URL and token; its fix gives a new token that works.
    const doctor = runCli(['doctor', '--json'], { ...home.env, ...shell });
    const finding = (JSON.parse(doctor.stdout) as { findings: Array<{ code: string; fix: string }> }).findings.find((item) => item.code === 'container-endpoint-moved');
    assert.ok(finding, doctor.stdout);
    assert.match(finding.fix, /rolekeeper export project1 --via-endpoint/);
    assert.ok(!doctor.stdout.includes(captured), 'doctor never prints the token');
    const fresh = exported(home);
    assert.notEqual(fresh.AWS_CONTAINER_AUTHORIZATION_TOKEN, captured);
    assert.equal(fresh.AWS_CONTAINER_CREDENTIALS_FULL_URI, movedUrl);
    const ok = await fetch(fresh.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { Authorization: fresh.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
    assert.equal(ok.status, 200);
  } finally {
    await squatter.stop();
    daemon?.child.kill('SIGTERM');
    home.cleanup();
  }
});
