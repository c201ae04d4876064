// Cross-checks Rolekeeper's reading of generated config/credentials files against the real AWS CLI:
// v1 (`aws` on PATH, from pip) and v2 (/usr/bin/aws, Debian). Each CLI's own botocore session is also
// asked once for its whole merged view (full_config), which is what `aws configure get` reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProfiles } from '../../src/main/core/aws-config/profile-loader';
import type { ProfileSet } from '../../src/main/core/aws-config/profile-model';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { runCommandAsync } from '../helpers/run-cli';

const AWS_V1 = 'aws';
const AWS_V2 = '/usr/bin/aws';


// Each CLI's botocore, loaded the way that CLI loads it: v1 uses the pip `botocore` package, the
// Debian v2 build vendors it as `awscli.botocore`.
const DUMP = (module: string) =>
  `import json\nfrom ${module}.session import Session\ns = Session()\nprint(json.dumps({"names": s.available_profiles, "profiles": s.full_config["profiles"]}))`;
const BOTOCORE = [
  { cli: 'v1', python: 'python3', module: 'botocore' },
  { cli: 'v2', python: '/usr/bin/python3', module: 'awscli.botocore' },
] as const;

/** Rolekeeper's view in the shape of botocore's full_config['profiles']. */
function asBotocore(set: ProfileSet): Record<string, Record<string, string | Record<string, string>>> {
  const out: Record<string, Record<string, string | Record<string, string>>> = {};
  for (const profile of set.profiles) {
    const values: Record<string, string | Record<string, string>> = {};
    for (const [key, value] of profile.values) values[key] = value.value;
    for (const [key, sub] of profile.subSections) values[key] = Object.fromEntries([...sub].map(([k, v]) => [k, v.value]));
    out[profile.name] = values;
  }
  return out;
}

function sortKeys(profiles: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(profiles).map(([name, values]) => [name, Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))]));
}

/** A small deterministic PRNG (mulberry32), so a failing case can be regenerated from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Feature = 'credentials-wins' | 'credentials-only' | 'crlf' | 'colon' | 'upper-case' | 'inline-comment' | 'continuation' | 'quoted-name' | 'plain';

interface Generated {
  config: string;
  credentials: string;
  /** (profile, key) pairs to ask `aws configure get` about, one per feature. */
  probes: Map<Feature, { profile: string; key: string }>;
}

const SETTINGS = ['region', 'output', 'role_session_name', 'external_id', 'mfa_serial', 'cli_pager', 'duration_seconds', 'ca_bundle'];

function generate(seed: number, profileCount: number): Generated {
  const random = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const probes = new Map<Feature, { profile: string; key: string }>();
  const probe = (feature: Feature, profile: string, key: string) => {
    if (!probes.has(feature)) probes.set(feature, { profile, key });
  };
  const config: string[] = ['# generated for a cross-check', ''];
  const credentials: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < profileCount; i++) {
    const quoted = random() < 0.15;
    const name = i === 0 ? 'default' : quoted ? `team ${i}` : `p${i}-${pick(['dev', 'prod', 'ci'])}`;
    names.push(name);
    const header = name === 'default' ? '[default]' : quoted ? `[profile "${name}"]` : pick([`[profile ${name}]`, `[profile   ${name}]`, `[profile\t${name}]`]);
    config.push(header);
    const keys = SETTINGS.filter(() => random() < 0.45);
    for (const key of keys) {
      let value = key === 'region' ? pick(['us-east-1', 'eu-west-1', 'ap-south-1']) : `${key}-${i}`;
      let writtenKey = key;
      let delimiter = pick([' = ', '=', ' =  ']);
      const style = random();
      if (style < 0.12) {
        delimiter = pick([': ', ':']);
        probe('colon', name, key);
      } else if (style < 0.22) {
        writtenKey = key.toUpperCase();
        probe('upper-case', name, key);
      } else if (style < 0.32) {
        value = `${value} # not a comment for the CLI`;
        probe('inline-comment', name, key);
      } else if (style < 0.4) {
        config.push(`${writtenKey}${delimiter}${value}`, `    continued-${i}`);
        probe('continuation', name, key);
        continue;
      } else if (quoted) {
        probe('quoted-name', name, key);
      } else {
        probe('plain', name, key);
      }
      config.push(`${writtenKey}${delimiter}${value}`);
      if (random() < 0.2) config.push(pick(['# a comment', '; another', '   # indented comment']));
    }
    if (random() < 0.2) config.push('s3 =', '  addressing_style = path', `  max_concurrent_requests = ${i}`);
    config.push('');
    if (random() < 0.35) {
      credentials.push(`[${name}]`, `aws_access_key_id = AKIAGEN${i}EXAMPLE`, `aws_secret_access_key = genSecret${i}EXAMPLE`);
      if (random() < 0.6) {
        credentials.push(`region = cred-region-${i}`);
        probe('credentials-wins', name, 'region');
      }
      credentials.push('');
    }
  }
  for (let i = 0; i < 3; i++) {
    const name = `creds-only-${seed}-${i}`;
    credentials.push(`[${name}]`, `aws_access_key_id = AKIAONLY${i}EXAMPLE`, `aws_secret_access_key = onlySecret${i}EXAMPLE`, `aws_session_token = onlyToken${i}`, '');
    probe('credentials-only', name, 'aws_session_token');
  }
  // Sections that are not profiles, an empty profile, and [DEFAULT] inheritance in the credentials file.
  config.push('[sso-session gen]', 'sso_region = us-east-1', '[services gen]', 'sts =', '  endpoint_url = http://127.0.0.1:1', `[profile empty-${seed}]`, '[not-a-profile]', 'region = x', '');
  if (seed % 2 === 1) credentials.unshift('[DEFAULT]', 'cli_timestamp_format = iso8601', '');
  // The credentials file uses CRLF line endings throughout.
  const crlf = credentials.join('\r\n');
  const firstCredentials = /^\[(?!DEFAULT\])([^\]]+)\]/m.exec(crlf);
  if (firstCredentials) probe('crlf', firstCredentials[1], 'aws_access_key_id');
  return { config: config.join('\n'), credentials: crlf, probes };
}

async function bulkView(home: TempHome, python: string, module: string): Promise<{ names: string[]; profiles: Record<string, Record<string, unknown>> }> {
  const result = await runCommandAsync(python, ['-c', DUMP(module)], home.env);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

for (const seed of [7, 2026]) {
  test(`generated files (seed ${seed}): both CLIs' botocore sessions see the same profile names, order and values`, async (t) => {
    const generated = generate(seed, 40);
    const home = makeTempHome({ config: generated.config, credentials: generated.credentials });
    t.after(() => home.cleanup());
    const ours = loadProfiles(home.environment);
    const views = await Promise.all(BOTOCORE.map((b) => bulkView(home, b.python, b.module)));
    for (const [index, view] of views.entries()) {
      const cli = BOTOCORE[index].cli;
      assert.deepEqual(ours.profiles.map((p) => p.name), view.names, `profile names and order (${cli})`);
      assert.deepEqual(sortKeys(asBotocore(ours)), sortKeys(view.profiles), `merged values (${cli})`);
    }
  });
}

test('generated files: `aws configure list-profiles` (v2) prints our names, in our order', async (t) => {
  const generated = generate(11, 30);
  const home = makeTempHome({ config: generated.config, credentials: generated.credentials });
  t.after(() => home.cleanup());
  const result = await runCommandAsync(AWS_V2, ['configure', 'list-profiles'], home.env);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(loadProfiles(home.environment).profiles.map((p) => p.name), result.stdout.split('\n').filter((l) => l !== ''));
});

test('generated files: `aws configure get KEY --profile X` (v1 and v2) equals our value for every tricky case', async (t) => {
  const generated = generate(42, 40);
  const home = makeTempHome({ config: generated.config, credentials: generated.credentials });
  t.after(() => home.cleanup());
  const ours = loadProfiles(home.environment);
  const features: Feature[] = ['credentials-wins', 'credentials-only', 'crlf', 'colon', 'upper-case', 'inline-comment', 'continuation', 'quoted-name'];
  for (const feature of features) assert.ok(generated.probes.has(feature), `the generator covered ${feature}`);
  // Each real CLI start costs seconds of CPU: every feature is asked of one CLI, the two that matter
  // most (which file wins, continuation lines) of both; the bulk test above covers every key of both.
  const plan: Array<[string, Feature]> = features.map((feature, i) => [i % 2 === 0 ? AWS_V1 : AWS_V2, feature]);
  plan.push([AWS_V2, 'credentials-wins'], [AWS_V1, 'continuation']);
  const check = async ([aws, feature]: [string, Feature]) => {
    const { profile, key } = generated.probes.get(feature)!;
    const result = await runCommandAsync(aws, ['configure', 'get', key, '--profile', profile], home.env);
    const expected = ours.get(profile)!.values.get(key)!;
    assert.equal(result.code, 0, `${aws} ${feature}: ${result.stderr}`);
    assert.equal(result.stdout.replace(/\n$/, ''), expected.value, `${aws} configure get ${key} --profile ${profile} (${feature})`);
    const fromCredentials = feature === 'credentials-wins' || feature === 'credentials-only' || feature === 'crlf';
    assert.equal(expected.fileKind, fromCredentials ? 'credentials' : 'config');
  };
  for (let i = 0; i < plan.length; i += 3) await Promise.all(plan.slice(i, i + 3).map(check));
});

test('a duplicate section: both CLIs refuse the file and Rolekeeper reports it as an error at that line', async (t) => {
  const home = makeTempHome({ config: '[profile a]\nregion = us-east-1\n\n[profile b]\n\n[profile a]\noutput = json\n' });
  t.after(() => home.cleanup());
  const [v1, v2] = await Promise.all([
    runCommandAsync(AWS_V1, ['configure', 'get', 'region', '--profile', 'a'], home.env),
    runCommandAsync(AWS_V2, ['configure', 'list-profiles'], home.env),
  ]);
  for (const result of [v1, v2]) {
    assert.notEqual(result.code, 0);
    assert.ok(result.stderr.includes(`Unable to parse config file: ${home.configFile}`), result.stderr);
  }
  const set = loadProfiles(home.environment);
  assert.deepEqual(set.findings.map((f) => [f.code, f.severity, f.file, f.line]), [['ini-duplicate-section', 'error', home.configFile, 6]]);
  assert.deepEqual(set.profiles, []);
});

test('a UTF-8 BOM: both CLIs refuse the file and Rolekeeper reports it', async (t) => {
  const home = makeTempHome({ config: '\ufeff[profile a]\nregion = us-east-1\n' });
  t.after(() => home.cleanup());
  const [v1, v2] = await Promise.all([
    runCommandAsync(AWS_V1, ['configure', 'get', 'region', '--profile', 'a'], home.env),
    runCommandAsync(AWS_V2, ['configure', 'get', 'region', '--profile', 'a'], home.env),
  ]);
  for (const result of [v1, v2]) assert.match(result.stderr, /Unable to parse config file/);
  assert.deepEqual(loadProfiles(home.environment).findings.map((f) => [f.code, f.severity]), [['ini-bom', 'error']]);
});
