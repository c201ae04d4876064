import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfiles } from '../../../src/main/core/aws-config/profile-loader';
import { withTempHome } from '../../helpers/temp-home';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'profiles', name), 'utf8');

const withHome = withTempHome;

const codes = (findings: Array<{ code: string }>): string[] => findings.map((f) => f.code);

test('profiles come in list-profiles order: config sections first, then credentials-only sections', () => {
  withHome({ config: fixture('tricky-config'), credentials: fixture('tricky-credentials') }, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual(
      set.profiles.map((p) => p.name),
      ['default', 'inline', 'spaced', 'with space', 'continued', 'empty', 'sso-user', 'profile inline', 'creds-only'],
    );
  });
});

test('the credentials file wins key by key, and every value keeps its file and line', () => {
  withHome({ config: fixture('tricky-config'), credentials: fixture('tricky-credentials') }, (home) => {
    const profile = loadProfiles(home.environment).get('default')!;
    assert.deepEqual(profile.region, { value: 'us-east-2', file: home.credentialsFile, line: 7, fileKind: 'credentials' });
    // output comes from the credentials file's [DEFAULT], which beats the config file's output = json.
    assert.deepEqual(profile.values.get('output'), { value: 'text', file: home.credentialsFile, line: 2, fileKind: 'credentials' });
    assert.deepEqual(profile.definedIn.map((d) => [d.fileKind, d.line]), [['config', 3], ['credentials', 4]]);
  });
});

test('sso-session, services and nested s3 blocks are read like botocore', () => {
  withHome({ config: fixture('tricky-config') }, (home) => {
    const set = loadProfiles(home.environment);
    assert.equal(set.ssoSessions.get('corp')!.get('sso_region')!.value, 'us-east-1');
    assert.equal(set.services.get('local')!.get('sts')!.get('endpoint_url')!.value, 'http://127.0.0.1:5000');
    assert.equal(set.get('with space')!.subSections.get('s3')!.get('signature_version')!.line, 21);
    assert.equal(set.get('sso-user')!.type, 'sso');
    assert.deepEqual(set.get('sso-user')!.problems, []);
    assert.equal(set.get('empty')!.values.size, 0);
  });
});

test('every place the JS SDK reads the files differently is a warning with file and line', () => {
  withHome({ config: fixture('tricky-config'), credentials: fixture('tricky-credentials') }, (home) => {
    const set = loadProfiles(home.environment);
    const at = (code: string) => set.findings.filter((f) => f.code === code).map((f) => `${f.file === home.configFile ? 'config' : 'credentials'}:${f.line}`).sort();
    assert.deepEqual(at('ini-inline-comment'), ['config:8']);
    assert.deepEqual(at('ini-colon-delimiter'), ['config:12']);
    assert.deepEqual(at('ini-upper-case-key'), ['config:12', 'config:13']);
    assert.deepEqual(at('ini-continuation-line'), ['config:25']);
    assert.deepEqual(at('profile-name-sdk-unreadable'), ['config:11', 'config:16']);
    assert.deepEqual(at('section-not-a-profile'), ['config:42']);
    assert.deepEqual(at('ini-default-section'), ['credentials:1']);
    assert.deepEqual(at('credentials-profile-prefix'), ['credentials:9']);
    assert.deepEqual(at('key-in-both-files'), ['credentials:2', 'credentials:7']);
    assert.ok(set.findings.every((f) => f.severity === 'warning' && f.advice));
  });
});

test('[profile default] beside [default] is a warning and the later section wins, as in the AWS CLI', () => {
  withHome({ config: '[profile default]\nregion = a\n[default]\nregion = b\n' }, (home) => {
    const set = loadProfiles(home.environment);
    assert.equal(set.get('default')!.region!.value, 'b');
    assert.deepEqual(codes(set.findings), ['profile-default-twice']);
    assert.equal(set.findings[0].line, 3);
  });
});

test('two headers naming one profile keep the later section in the first place', () => {
  withHome({ config: '[profile a]\nregion = 1\n[profile b]\n[profile "a"]\noutput = json\n' }, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual(set.profiles.map((p) => p.name), ['a', 'b']);
    assert.equal(set.get('a')!.values.has('region'), false);
    assert.ok(codes(set.findings).includes('profile-defined-twice'));
  });
});

test('section headers are split like shlex: a glued prefix still counts, a wrong word count is ignored with a warning', () => {
  withHome({ config: '[profiles x]\nregion = r1\n[profile a b]\n[profile]\n[profile "unclosed]\n[Default]\nregion = r5\n' }, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual(set.profiles.map((p) => p.name), ['x']);
    assert.deepEqual(set.findings.map((f) => [f.code, f.line]), [
      ['profile-name-sdk-unreadable', 1],
      ['section-header-ignored', 3],
      ['section-header-ignored', 4],
      ['section-header-ignored', 5],
      ['section-not-a-profile', 6],
    ]);
  });
});

test('a config file the AWS CLI refuses is an error finding and its profiles are unavailable', () => {
  withHome({ config: fixture('duplicate-section-config'), credentials: fixture('seed-credentials') }, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual(set.profiles.map((p) => p.name), ['default', 'user1']);
    assert.deepEqual(set.findings.map((f) => [f.code, f.severity, f.file, f.line]), [['ini-duplicate-section', 'error', home.configFile, 7]]);
    assert.match(set.findings[0].message, /Unable to parse config file/);
  });
});

test('a BOM or invalid UTF-8 in the credentials file is an error finding, not a crash', () => {
  withHome({ config: fixture('seed-config'), credentials: '\ufeff[user1]\naws_access_key_id = A\naws_secret_access_key = B\n' }, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual(codes(set.findings), ['ini-bom']);
    assert.equal(set.get('user1'), undefined);
    assert.equal(set.get('project1')!.problems[0].code, 'source-profile-missing');
  });
  withHome({ config: Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x6b, 0x3d, 0xff, 0x0a]) as unknown as string }, (home) => {
    assert.deepEqual(codes(loadProfiles(home.environment).findings), ['ini-not-utf8']);
  });
});

test('a folder where the config file should be, or an unreadable file, is a warning and reads as empty', () => {
  withHome({}, (home) => {
    mkdirSync(home.configFile);
    const set = loadProfiles(home.environment);
    assert.deepEqual(codes(set.findings), ['file-not-a-file']);
    assert.deepEqual(set.profiles, []);
  });
  withHome({ config: '[default]\n', credentials: fixture('seed-credentials') }, (home) => {
    const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    const set = loadProfiles(home.environment, {
      readFile: (path) => {
        if (path === home.credentialsFile) throw denied;
        return readFileSync(path);
      },
    });
    assert.deepEqual(set.findings.map((f) => [f.code, f.file]), [['file-unreadable', home.credentialsFile]]);
    assert.match(set.findings[0].message, /EACCES/);
    assert.deepEqual(set.profiles.map((p) => p.name), ['default']);
  });
});

test('missing files give no profiles and no findings', () => {
  withHome({}, (home) => {
    const set = loadProfiles(home.environment);
    assert.deepEqual([set.profiles, set.findings], [[], []]);
  });
});

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE choose the files', () => {
  withHome({ config: '[profile home]\n' }, (home) => {
    const other = home.write('elsewhere/cfg', '[profile elsewhere]\n');
    const set = loadProfiles({ ...home.environment, env: { ...home.env, AWS_CONFIG_FILE: other } });
    assert.deepEqual(set.profiles.map((p) => p.name), ['elsewhere']);
    assert.equal(set.paths.configFile, other);
  });
});

test('no finding ever contains a secret value', () => {
  withHome({ config: fixture('tricky-config') + '[profile leak]\naws_secret_access_key = SuperSecret#x ;y\naws_secret_access_key2 = 1\n  more\n', credentials: fixture('tricky-credentials') }, (home) => {
    const text = JSON.stringify(loadProfiles(home.environment).findings);
    assert.doesNotMatch(text, /SuperSecret|defaultsecretEXAMPLE|spacedsecretEXAMPLE/);
  });
});
