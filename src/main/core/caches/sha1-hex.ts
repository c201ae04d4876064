// SHA-1 of a UTF-8 string as hex, for cache file names (botocore's and Rolekeeper's own). In
// JavaScript rather than node:crypto: loading node:crypto also loads stream, about 3 ms of the
// 25 ms a `credential-process` call may take, for a hash of a few bytes.
import { sha1 } from '@noble/hashes/legacy';

export function sha1Hex(text: string): string {
  return Buffer.from(sha1(Buffer.from(text, 'utf8'))).toString('hex');
}
