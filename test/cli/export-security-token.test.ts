// botocore reads AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN: an export must leave no older one in effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome } from '../helpers/temp-home';
import { ROLEKEEPER_BIN, runCommandAsync } from '../helpers/run-cli';

const TOKEN = 'FwoGZXIvYXdzTheNewSessionToken0001';
const CREDENTIALS = `[project1]\naws_access_key_id = ASIANEWSESSION000001\naws_secret_access_key = newsecret/0000000000000000000000000000\naws_session_token = ${TOKEN}\n`;

test('export AWS_SECURITY_TOKEN=old; eval "$(rolekeeper export project1)" leaves botocore with the new session token', async () => {
  const home = makeTempHome({ config: '', credentials: CREDENTIALS });
  try {
    const script = [
      'export AWS_SECURITY_TOKEN=old',
      `eval "$("${process.execPath}" "${ROLEKEEPER_BIN}" export project1 --shell bash)"`,
      `python3 -c 'import botocore.session; print(botocore.session.Session().get_credentials().token)'`,
    ].join('\n');
    const result = await runCommandAsync('bash', ['--norc', '--noprofile', '-e', '-c', script], home.env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), TOKEN);
  } finally {
    home.cleanup();
  }
});
