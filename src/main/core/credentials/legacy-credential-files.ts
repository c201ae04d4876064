// The two files both AWS CLIs still read after every profile provider and before the container
// endpoint (botocore's OriginalEC2Provider and BotoProvider): the EC2 tools' AWS_CREDENTIAL_FILE
// (`AWSAccessKeyId=`/`AWSSecretKey=` lines) and boto2's config ([Credentials] in $BOTO_CONFIG, else
// /etc/boto.cfg, then ~/.boto). Read as botocore reads them, without writing anything.
import { readFileSync, statSync } from 'node:fs';
import { expandHome, expandUserPath, type AwsEnvironment } from '../model/aws-environment';
import { parseIni } from '../aws-config/ini-parser';
import type { AwsCredentials } from '../model/credentials';

export type LegacyFileKind = 'ec2-credential-file' | 'boto-config';

/** What one of the two providers finds. Never holds a secret outside `credentials`. */
export type LegacyFileRead =
  | { state: 'keys'; kind: LegacyFileKind; file: string; line: number; credentials: AwsCredentials }
  /** What the AWS CLI fails with, in botocore's words; `line` when the file has the key id. */
  | { state: 'error'; kind: LegacyFileKind; file: string; line: number | null; message: string };

// Python's str.splitlines() and str.strip(), which botocore's key=value reader uses.
function pythonLines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const PYTHON_SPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PYTHON_STRIP = new RegExp(`^${PYTHON_SPACE}+|${PYTHON_SPACE}+$`, 'g');

function pythonStrip(text: string): string {
  return text.replace(PYTHON_STRIP, '');
}

/** botocore's OriginalEC2Provider; null when AWS_CREDENTIAL_FILE is unset or names no key id. */
export function readEc2CredentialFile(environment: AwsEnvironment): LegacyFileRead | null {
  const variable = environment.env.AWS_CREDENTIAL_FILE;
  if (variable === undefined) return null;
  // os.path.expanduser only: unlike AWS_CONFIG_FILE, botocore expands no variables here.
  const file = expandHome(variable, environment);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { state: 'error', kind: 'ec2-credential-file', file, line: null, message: `The specified config file (${file}) could not be found.` };
  }
  const values = new Map<string, { value: string; line: number }>();
  pythonLines(text).forEach((line, index) => {
    const equals = line.indexOf('=');
    if (equals < 0) return;
    values.set(pythonStrip(line.slice(0, equals)), { value: pythonStrip(line.slice(equals + 1)), line: index + 1 });
  });
  const keyId = values.get('AWSAccessKeyId');
  if (!keyId) return null;
  const secret = values.get('AWSSecretKey');
  if (!secret) {
    // botocore fails with a bare KeyError ('AWSSecretKey'); said here as its other providers say it.
    return { state: 'error', kind: 'ec2-credential-file', file, line: keyId.line, message: 'Partial credentials found in ec2-credentials-file, missing: AWSSecretKey' };
  }
  return { state: 'keys', kind: 'ec2-credential-file', file, line: keyId.line, credentials: { accessKeyId: keyId.value, secretAccessKey: secret.value } };
}

/** The files BotoProvider tries, in its order: $BOTO_CONFIG alone when it is set. */
export function botoConfigCandidates(environment: AwsEnvironment): string[] {
  const variable = environment.env.BOTO_CONFIG;
  return (variable !== undefined ? [variable] : ['/etc/boto.cfg', '~/.boto']).map((candidate) => expandUserPath(candidate, environment));
}

/** botocore's BotoProvider: the first candidate that is a file with aws_access_key_id in [Credentials]. */
export function readBotoConfig(environment: AwsEnvironment): LegacyFileRead | null {
  for (const file of botoConfigCandidates(environment)) {
    let text: string;
    try {
      if (!statSync(file).isFile()) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseIni(text);
    if (parsed.error) return { state: 'error', kind: 'boto-config', file, line: parsed.error.line, message: `Unable to parse config file: ${file}` };
    const section = parsed.sections.find((candidate) => candidate.header === 'Credentials');
    const keyId = section?.entries.get('aws_access_key_id');
    if (!section || !keyId) continue;
    const secret = section.entries.get('aws_secret_access_key');
    if (!secret) return { state: 'error', kind: 'boto-config', file, line: keyId.line, message: 'Partial credentials found in boto-config, missing: aws_secret_access_key' };
    return { state: 'keys', kind: 'boto-config', file, line: keyId.line, credentials: { accessKeyId: keyId.value, secretAccessKey: secret.value } };
  }
  return null;
}

/** What both providers find, in the chain's order (the first one that answers wins). */
export function readLegacyCredentialFiles(environment: AwsEnvironment): LegacyFileRead[] {
  return [readEc2CredentialFile(environment), readBotoConfig(environment)].filter((read): read is LegacyFileRead => read !== null);
}

/** Named in exec's child and `export --via-endpoint`'s lines as removed: keys there would win over the endpoint. */
export const EC2_CREDENTIAL_FILE_VARIABLE = 'AWS_CREDENTIAL_FILE';

/** A BOTO_CONFIG that names no regular file: BotoProvider then reads neither /etc/boto.cfg nor ~/.boto. */
export function noBotoConfig(environment: AwsEnvironment): string {
  return environment.platform === 'win32' ? 'NUL' : '/dev/null';
}

/**
 * BOTO_CONFIG for a child or shell that must ask the container endpoint: a path that is no file
 * when a boto2 config would answer first (keys, or a file that makes the CLI fail), else null, so
 * boto2 and gsutil keep their own config wherever it holds no AWS keys.
 */
export function botoConfigKeepingEndpoint(environment: AwsEnvironment): string | null {
  return readBotoConfig(environment) === null ? null : noBotoConfig(environment);
}
