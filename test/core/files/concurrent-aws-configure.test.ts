// Rolekeeper's writer and the real `aws configure set` (CLI v1) writing the same ~/.aws/config
// at once: the AWS CLI takes no lock and rewrites the file in place, so only Rolekeeper's own
// checks (the re-read before writing, the re-check right before the rename) keep either side's
// edits. Every round checks that neither side's last write went missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeManagedKeys } from '../../../src/main/core/sinks/managed-keys';
import { HeldCredentials } from '../../../src/main/core/sinks/held-credentials';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { parseIni } from '../../../src/main/core/aws-config/ini-parser';
import { readStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { readWithBotocore } from '../../helpers/botocore';
import { runCommandAsync } from '../../helpers/run-cli';
import { makeTempHome, type TempHome } from '../../helpers/temp-home';

const ROUNDS = Number(process.env.ROLEKEEPER_CONCURRENCY_ROUNDS ?? 100);
/** Independent pairs of writers (one temp HOME each), so the rounds run side by side. */
const HOMES = 2;

const CONFIG = '# team config\n[profile other]\nregion = r-0\n\n[profile managed]\naws_access_key_id = ASIA0\naws_secret_access_key = secret-0\naws_session_token = token-0\n';

function keysIn(home: TempHome): { region: string | undefined; keyId: string | undefined } {
  const ini = parseIni(readFileSync(home.configFile, 'utf8'));
  assert.equal(ini.error, null, 'the file stays parseable');
  const section = (header: string) => ini.sections.find((s) => s.header === header)?.entries;
  return { region: section('profile other')?.get('region')?.value, keyId: section('profile managed')?.get('aws_access_key_id')?.value };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function holdsManagedKey(home: TempHome, written: number): boolean {
  const ini = parseIni(readFileSync(home.configFile, 'utf8'));
  return ini.sections.find((s) => s.header === 'profile managed')?.entries.get('aws_access_key_id')?.value === `ASIA${written}`;
}

interface PairResult {
  rounds: number;
  rolekeeperWrites: number;
  cliWritesLost: number;
  rolekeeperWritesLost: number;
}

async function runPair(home: TempHome, rounds: number): Promise<PairResult> {
  const context = { environment: home.environment, profiles: loadProfiles(home.environment), store: readStore(home.environment), held: new HeldCredentials(false), now: Date.now };
  const result: PairResult = { rounds, rolekeeperWrites: 0, cliWritesLost: 0, rolekeeperWritesLost: 0 };
  let stopped = false;
  let lastWritten = 0;
  let inFlight: Promise<void> = Promise.resolve();

  const writer = (async () => {
    while (!stopped) {
      // Nobody else writes the managed keys: they must still be the ones written last. The CLI
      // rewrites the file in place, so a read can catch it half-written: look twice before counting.
      if (!holdsManagedKey(home, lastWritten)) {
        await sleep(30);
        if (!holdsManagedKey(home, lastWritten)) result.rolekeeperWritesLost++;
      }
      const next = lastWritten + 1;
      inFlight = writeManagedKeys('managed', { accessKeyId: `ASIA${next}`, secretAccessKey: `secret-${next}`, sessionToken: `token-${next}`, expiration: new Date() }, context).then(() => undefined);
      await inFlight;
      lastWritten = next;
      result.rolekeeperWrites++;
    }
  })();

  try {
    for (let round = 1; round <= rounds; round++) {
      const cli = await runCommandAsync('aws', ['configure', 'set', 'region', `r-${round}`, '--profile', 'other'], home.env);
      assert.equal(cli.code, 0, `aws configure set succeeds: ${cli.stderr.slice(0, 200)}`);
      // A write of Rolekeeper's that read the file before the CLI wrote it lands now, if at all.
      await inFlight;
      if (keysIn(home).region !== `r-${round}`) result.cliWritesLost++;
    }
  } finally {
    stopped = true;
    await writer;
  }
  const final = keysIn(home);
  assert.equal(final.keyId, `ASIA${lastWritten}`);
  assert.equal(final.region, `r-${rounds}`);
  return result;
}

test(`${ROUNDS * HOMES} rounds of the real \`aws configure set\` against Rolekeeper's writer on the same file lose no write of either`, async () => {
  const homes = Array.from({ length: HOMES }, () => makeTempHome({ config: CONFIG, credentials: '' }));
  try {
    const results = await Promise.all(homes.map((home) => runPair(home, ROUNDS)));
    const total = results.reduce((sum, r) => ({
      rounds: sum.rounds + r.rounds,
      rolekeeperWrites: sum.rolekeeperWrites + r.rolekeeperWrites,
      cliWritesLost: sum.cliWritesLost + r.cliWritesLost,
      rolekeeperWritesLost: sum.rolekeeperWritesLost + r.rolekeeperWritesLost,
    }));
    console.log(`aws configure set vs Rolekeeper: ${JSON.stringify(total)}`);
    assert.ok(total.rolekeeperWrites > total.rounds, 'the writers really overlapped');
    assert.equal(total.cliWritesLost, 0, 'no `aws configure set` was undone by Rolekeeper');
    assert.equal(total.rolekeeperWritesLost, 0, 'no Rolekeeper write was undone');
    // And botocore itself reads both profiles from the final files.
    for (const [i, view] of readWithBotocore(homes.map((home) => ({ path: home.configFile, kind: 'config' as const }))).entries()) {
      assert.ok(view.ok);
      assert.equal(view.profiles.other?.region, `r-${ROUNDS}`);
      assert.equal(view.profiles.managed?.aws_access_key_id, keysIn(homes[i]!).keyId);
    }
  } finally {
    for (const home of homes) home.cleanup();
  }
});
