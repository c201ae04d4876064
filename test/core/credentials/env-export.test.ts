import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeTempHome } from '../../helpers/temp-home';
import {
  CREDENTIAL_VARIABLES,
  UnsafeExportValueError,
  formatExportExpiration,
  renderCredentialExport,
  renderCredentialUnset,
  renderEndpointExport,
  renderEndpointUnset,
} from '../../../src/main/core/credentials/env-export';

const creds = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'wJalr/K7MDENG+bPxRfi',
  sessionToken: 'FQoGZXIvYXdzEBYa==',
  expiration: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
};

test('bash and zsh lines export the same variables as aws configure export-credentials', () => {
  const expected =
    "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'\n" +
    "export AWS_SECRET_ACCESS_KEY='wJalr/K7MDENG+bPxRfi'\n" +
    "export AWS_SESSION_TOKEN='FQoGZXIvYXdzEBYa=='\n" +
    "export AWS_SECURITY_TOKEN='FQoGZXIvYXdzEBYa=='\n" +
    "export AWS_CREDENTIAL_EXPIRATION='2030-01-02T03:04:05Z'\n";
  assert.equal(renderCredentialExport(creds, 'bash'), expected);
  assert.equal(renderCredentialExport(creds, 'zsh'), expected);
});

test('each shell gets its own assignment syntax', () => {
  assert.equal(renderCredentialExport(creds, 'fish').split('\n')[0], "set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE'");
  assert.equal(renderCredentialExport(creds, 'powershell').split('\n')[1], "$Env:AWS_SECRET_ACCESS_KEY = 'wJalr/K7MDENG+bPxRfi'");
  assert.equal(renderCredentialExport(creds, 'cmd').split('\n')[4], 'set "AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05Z"');
});

test('static keys print no token and no expiration line, and clear any token an older export left', () => {
  assert.equal(
    renderCredentialExport({ accessKeyId: 'AKIA', secretAccessKey: 's' }, 'bash'),
    "export AWS_ACCESS_KEY_ID='AKIA'\nexport AWS_SECRET_ACCESS_KEY='s'\nunset AWS_SESSION_TOKEN\nunset AWS_SECURITY_TOKEN\n",
  );
});

test('json is exactly the credential_process output', () => {
  assert.equal(
    renderCredentialExport(creds, 'json'),
    '{\n  "Version": 1,\n  "AccessKeyId": "ASIAEXAMPLE",\n  "SecretAccessKey": "wJalr/K7MDENG+bPxRfi",\n  "SessionToken": "FQoGZXIvYXdzEBYa==",\n  "Expiration": "2030-01-02T03:04:05Z"\n}\n',
  );
  assert.deepEqual(JSON.parse(renderCredentialExport({ accessKeyId: 'A', secretAccessKey: 'B' }, 'json')), {
    Version: 1,
    AccessKeyId: 'A',
    SecretAccessKey: 'B',
  });
});

test('the expiration is printed like Python isoformat, with microseconds only when there are some', () => {
  assert.equal(formatExportExpiration(new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 250))), '2030-01-02T03:04:05.250000+00:00');
});

test('--unset clears all five variables, AWS_SECURITY_TOKEN included, in every shell', () => {
  assert.equal(
    renderCredentialUnset('bash'),
    CREDENTIAL_VARIABLES.map((name) => `unset ${name}\n`).join(''),
  );
  assert.match(renderCredentialUnset('fish'), /^set -e AWS_SECURITY_TOKEN$/m);
  assert.match(renderCredentialUnset('powershell'), /^Remove-Item -Path Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue$/m);
  assert.match(renderCredentialUnset('cmd'), /^set "AWS_SESSION_TOKEN="$/m);
  for (const shell of ['bash', 'fish', 'powershell', 'cmd'] as const) {
    assert.equal(renderCredentialUnset(shell).trim().split('\n').length, 5);
  }
  assert.throws(() => renderCredentialUnset('json'), /pick a shell/);
});

test('the endpoint form sets the container variables and the profile only when given', () => {
  const endpoint = { fullUri: 'http://127.0.0.1:9911/creds', authorizationToken: 'tok en' };
  assert.equal(
    renderEndpointExport(endpoint, 'bash'),
    "export AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:9911/creds'\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN='tok en'\n",
  );
  assert.match(renderEndpointExport({ ...endpoint, profile: 'dev' }, 'powershell'), /^\$Env:AWS_PROFILE = 'dev'$/m);
  assert.match(renderEndpointExport({ ...endpoint, profile: 'dev' }, 'cmd'), /^set "AWS_PROFILE=dev"$/m);
  assert.match(renderEndpointExport(endpoint, 'fish'), /^set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN 'tok en'$/m);
  assert.equal(renderEndpointUnset('bash'), 'unset AWS_CONTAINER_CREDENTIALS_FULL_URI\nunset AWS_CONTAINER_AUTHORIZATION_TOKEN\n');
  assert.match(renderEndpointUnset('bash', true), /unset AWS_PROFILE/);
  assert.throws(() => renderEndpointExport(endpoint, 'json'), /pick a shell/);
});

const HOSTILE = [
  "it's",
  '"double" quotes',
  '$(touch PWNED)',
  '`touch PWNED`',
  '${HOME} $HOME',
  'back\\slash\\',
  'semi; touch PWNED',
  'new\nline',
  '!event -e *',
  "'; touch PWNED; echo '",
  'ünïcödé ✓ 😀',
  ' leading and trailing ',
  '',
];

function evalInShell(shell: string, script: string, names: string[], cwd: string): string[] {
  const dump = names.map((name) => `printf '%s\\0' "$${name}"`).join('; ');
  const result = spawnSync(shell, ['-c', `eval "$1"; ${dump}`, 'sh', script], { encoding: 'utf8', cwd, env: { PATH: process.env.PATH ?? '' } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\0').slice(0, names.length);
}

/** One script exporting each value as V0, V1, … through the bash renderer (values may hold newlines). */
function exportAsNumberedVariables(values: string[]): string {
  return values
    .map((value, index) => {
      const rendered = renderCredentialExport({ accessKeyId: value, secretAccessKey: 's' }, 'bash');
      const line = rendered.slice(0, rendered.indexOf('\nexport AWS_SECRET_ACCESS_KEY='));
      return line.replace(/^export AWS_ACCESS_KEY_ID=/, `export V${index}=`);
    })
    .join('\n');
}

test('bash and sh eval of the export gives back hostile values byte for byte and runs nothing', () => {
  const home = makeTempHome();
  try {
    for (const shell of ['bash', 'sh']) {
      const script = exportAsNumberedVariables(HOSTILE);
      assert.deepEqual(evalInShell(shell, script, HOSTILE.map((_, i) => `V${i}`), home.home), HOSTILE, shell);
      const full = renderCredentialExport({ accessKeyId: HOSTILE[2], secretAccessKey: HOSTILE[9], sessionToken: HOSTILE[3], expiration: creds.expiration }, 'bash');
      assert.deepEqual(
        evalInShell(shell, full, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'], home.home),
        [HOSTILE[2], HOSTILE[9], HOSTILE[3], '2030-01-02T03:04:05Z'],
      );
    }
    assert.equal(existsSync(join(home.home, 'PWNED')), false);
  } finally {
    home.cleanup();
  }
});

test('bash eval round-trips random strings, and the unset lines clear them again', () => {
  const home = makeTempHome();
  try {
    const values = fc.sample(fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\0')), { numRuns: 60, seed: 7 });
    assert.deepEqual(evalInShell('bash', exportAsNumberedVariables(values), values.map((_, i) => `V${i}`), home.home), values);
    const setAndUnset = renderCredentialExport(creds, 'bash') + 'export AWS_SECURITY_TOKEN=stale\n' + renderCredentialUnset('bash');
    const dump = spawnSync('bash', ['-c', `eval "$1"; env`, 'sh', setAndUnset], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(dump.status, 0);
    assert.doesNotMatch(dump.stdout, /^AWS_/m);
  } finally {
    home.cleanup();
  }
});

/** Reads one single-quoted word by fish's documented rules: only \' and \\ are escapes. */
function unquoteFish(word: string): string {
  assert.ok(word.startsWith("'") && word.endsWith("'"));
  let out = '';
  for (let i = 1; i < word.length - 1; i += 1) {
    if (word[i] === '\\' && (word[i + 1] === "'" || word[i + 1] === '\\')) {
      out += word[i + 1];
      i += 1;
    } else {
      assert.notEqual(word[i], "'", 'an unescaped quote would end the word early');
      out += word[i];
    }
  }
  return out;
}

/** PowerShell single-quoted strings: a doubled quote (any of the four quote characters) is one. */
function unquotePowershell(word: string): string {
  assert.ok(word.startsWith("'") && word.endsWith("'"));
  const body = word.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    if ("'\u2018\u2019\u201a\u201b".includes(body[i])) {
      assert.equal(body[i + 1], body[i], 'a lone quote character would end the string');
      i += 1;
    }
    out += body[i];
  }
  return out;
}

test('fish and PowerShell quoting round-trips hostile values under each shell quoting rules', () => {
  for (const value of [...HOSTILE, 'a\u2019b', "\\'"]) {
    const fish = renderCredentialExport({ accessKeyId: value, secretAccessKey: 's' }, 'fish');
    const fishLine = fish.slice(0, fish.indexOf("\nset -gx AWS_SECRET"));
    assert.equal(unquoteFish(fishLine.slice('set -gx AWS_ACCESS_KEY_ID '.length)), value);
    const ps = renderCredentialExport({ accessKeyId: value, secretAccessKey: 's' }, 'powershell');
    const psLine = ps.slice(0, ps.indexOf("\n$Env:AWS_SECRET"));
    assert.equal(unquotePowershell(psLine.slice('$Env:AWS_ACCESS_KEY_ID = '.length)), value);
  }
});

test('values cmd cannot hold safely are refused with the variable named and the value not shown', () => {
  for (const value of ['a"b', '%PATH%', 'bang!', 'new\nline']) {
    assert.throws(
      () => renderCredentialExport({ accessKeyId: 'AKIA', secretAccessKey: value }, 'cmd'),
      (error: Error) => error instanceof UnsafeExportValueError && /AWS_SECRET_ACCESS_KEY/.test(error.message) && !error.message.includes(value),
    );
  }
  assert.equal(renderCredentialExport({ accessKeyId: 'A', secretAccessKey: 'a&b|c<d>e^f g' }, 'cmd').split('\n')[1], 'set "AWS_SECRET_ACCESS_KEY=a&b|c<d>e^f g"');
  assert.throws(() => renderCredentialExport({ accessKeyId: 'A', secretAccessKey: 'nul\0' }, 'bash'), UnsafeExportValueError);
});
