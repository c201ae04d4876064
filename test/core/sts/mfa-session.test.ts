// The MFA-session cache on disk: written like every other cache of secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempHome } from '../../helpers/temp-home';
import { createMfaSessionCache } from '../../../src/main/core/sts/mfa-session';

const SESSION = { accessKeyId: 'ASIAMFASESSION000001', secretAccessKey: 'mfa-secret', sessionToken: 'mfa-token', expiration: new Date(Date.now() + 3600_000) };

test('a session is written 0600 even over a 0644 file, and a symlink in its place is replaced, never written through', () =>
  withTempHome({}, async (home) => {
    const folder = join(home.home, 'mfa-sessions');
    mkdirSync(folder, { recursive: true });
    const cache = createMfaSessionCache({ folder });
    const elsewhere = join(home.home, 'elsewhere.json');
    writeFileSync(elsewhere, 'not yours', { mode: 0o644 });
    symlinkSync(elsewhere, join(folder, 'mfa-session-linked.json'));
    writeFileSync(join(folder, 'mfa-session-loose.json'), '{}', { mode: 0o644 });

    await cache.put('linked', SESSION);
    await cache.put('loose', SESSION);

    assert.equal(readFileSync(elsewhere, 'utf8'), 'not yours', 'the link target is untouched');
    assert.ok(lstatSync(join(folder, 'mfa-session-linked.json')).isFile(), 'the link itself was replaced by a file');
    for (const name of ['linked', 'loose']) assert.equal(statSync(join(folder, `mfa-session-${name}.json`)).mode & 0o777, 0o600, name);
    assert.equal((await createMfaSessionCache({ folder }).get('loose', 0))?.accessKeyId, SESSION.accessKeyId);
  }));
