// The AWS CLI's cache key for assume-role credentials: which file in ~/.aws/cli/cache belongs to
// which role settings (botocore BaseAssumeRoleCredentialFetcher._create_cache_key).
import type { RoleSettings } from '../aws-config/profile-model';
import { parsePythonInt } from '../aws-config/python-int';
import { sha1Hex } from './sha1-hex';

/** The profile settings that go into the key; absent (null/undefined) means "not configured". */
export interface AssumeRoleCacheParams {
  roleArn: string;
  roleSessionName?: string | null;
  externalId?: string | null;
  mfaSerial?: string | null;
  /** A bigint keeps integers beyond 2^53 exact, as Python's int does. */
  durationSeconds?: number | bigint | null;
}

export type PythonJsonValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | PythonJsonValue[]
  | { [key: string]: PythonJsonValue | undefined };

export interface PythonJsonOptions {
  sortKeys?: boolean;
  /** Python's `separators=(item, key)`; the default is `(', ', ': ')`. */
  separators?: [string, string];
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string literal as Python's json.dumps writes it with ensure_ascii (lower-case \uXXXX). */
function pythonJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    const code = value.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short) out += short;
    // ensure_ascii escapes everything outside ' '..'~' (DEL included), per UTF-16 unit.
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function compareCodePoints(a: string, b: string): number {
  // Python sorts str keys by code point; JS's default sort compares UTF-16 units, which differs
  // only for astral characters against U+E000..U+FFFF.
  const left = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const right = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return left[i] - right[i];
  }
  return left.length - right.length;
}

/** Python's `json.dumps(value, sort_keys=…, separators=…)` with its default ensure_ascii. */
export function pythonJsonDumps(value: PythonJsonValue, options: PythonJsonOptions = {}): string {
  const [itemSep, keySep] = options.separators ?? [', ', ': '];
  const dump = (item: PythonJsonValue): string => {
    if (item === null) return 'null';
    if (typeof item === 'string') return pythonJsonString(item);
    if (typeof item === 'boolean') return item ? 'true' : 'false';
    if (typeof item === 'bigint') return item.toString();
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new Error('pythonJsonDumps: non-finite numbers are not JSON');
      return Number.isInteger(item) ? item.toFixed(0) : String(item);
    }
    if (Array.isArray(item)) return `[${item.map(dump).join(itemSep)}]`;
    const keys = Object.keys(item).filter((key) => item[key] !== undefined);
    if (options.sortKeys) keys.sort(compareCodePoints);
    return `{${keys.map((key) => `${pythonJsonString(key)}${keySep}${dump(item[key] as PythonJsonValue)}`).join(itemSep)}}`;
  };
  return dump(value);
}

export { sha1Hex };

/** botocore's `_make_file_safe`: a no-op on hex digests, kept for fidelity. */
export function makeFileSafe(key: string, pathSeparator = '/'): string {
  return key.replaceAll(':', '_').replaceAll(pathSeparator, '_').replaceAll('/', '_');
}

/** The AssumeRole arguments botocore hashes, before the MFA code is added. */
export function assumeRoleCacheArgs(params: AssumeRoleCacheParams): Record<string, string | number | bigint> {
  const args: Record<string, string | number | bigint> = { RoleArn: params.roleArn };
  // botocore generates a name for a falsy one (`role_session_name =`) and leaves it out of the key.
  if (params.roleSessionName) args.RoleSessionName = params.roleSessionName;
  if (params.externalId != null) args.ExternalId = params.externalId;
  if (params.mfaSerial != null) args.SerialNumber = params.mfaSerial;
  if (params.durationSeconds != null) {
    if (typeof params.durationSeconds === 'number' && !Number.isInteger(params.durationSeconds)) {
      throw new Error(`durationSeconds must be an integer, got ${params.durationSeconds}`);
    }
    args.DurationSeconds = params.durationSeconds;
  }
  return args;
}

/** The exact string botocore hashes, e.g. `{"RoleArn": "myrole"}`. */
export function assumeRoleCacheInput(params: AssumeRoleCacheParams): string {
  return pythonJsonDumps(assumeRoleCacheArgs(params), { sortKeys: true });
}

/** The 40-hex-digit key; the cache file is `<key>.json`. */
export function assumeRoleCacheKey(params: AssumeRoleCacheParams): string {
  return makeFileSafe(sha1Hex(assumeRoleCacheInput(params)));
}

export function assumeRoleCacheFileName(params: AssumeRoleCacheParams): string {
  return `${assumeRoleCacheKey(params)}.json`;
}

/** The key inputs of a loaded profile's role settings, or null when it has no role_arn. */
export function roleCacheParamsFromSettings(role: RoleSettings): AssumeRoleCacheParams | null {
  if (!role.roleArn) return null;
  return {
    roleArn: role.roleArn.value,
    roleSessionName: role.roleSessionName?.value ?? null,
    externalId: role.externalId?.value ?? null,
    mfaSerial: role.mfaSerial?.value ?? null,
    // Exact, as Python's int() reads it: a number would round integers beyond 2^53.
    durationSeconds: role.durationSecondsRaw ? parsePythonInt(role.durationSecondsRaw.value) : null,
  };
}
