// Checks that German CLI output has no English sentence of our own left in it: codes, backquoted
// commands, paths, flags, names of settings and AWS's quoted text are taken out first.
import assert from 'node:assert/strict';

/**
 * English sentence words our own text would use; German output must have none of them outside
 * codes, commands and AWS's quoted text.
 */
const ENGLISH_WORDS =
  /\b(the|is|are|and|with|failed|cannot|check|retry|profile|fix|does not|has no|reads|appears|twice|refuses|whole file|key "|warning|error|refreshed|valid until|would|kept fresh|nothing|runs|not both|removed|skipped|expired at|no profile|managed|already|must|takes|goes with|stopping|stopped|started|note|notice|rejected|signs|until|give|replace|clear)\b/;

/**
 * A line with its codes (`[code]`, `cli-cache:`), backquoted commands, `rolekeeper SUBCOMMAND`,
 * paths, flags and setting names taken out.
 */
export function prose(line: string): string {
  return line
    .replace(/\[[a-z0-9-]+\]|\[profile [^\]]*\]/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/\S*\/\S*/g, '')
    .replace(/(^|\s)--[\w-]+/g, '$1')
    .replace(/\brolekeeper [a-z-]+/g, '')
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, '')
    .replace(/\b(AWS_\w+|role_arn|source_profile|credential_source|region|output|rolekeeper|doctor|--online|GetCallerIdentity|AssumeRole|STS|ECONNREFUSED|JS-SDK|AWS CLI)\b/g, '');
}

/** Fails on the first line of `text` that still has an English word of ours; `quoted` is AWS's own text, allowed as it came. */
export function assertNoEnglish(text: string, what: string, quoted: readonly string[] = []): void {
  for (const line of text.split('\n')) {
    let checked = line;
    for (const words of quoted) checked = checked.split(words).join('');
    assert.doesNotMatch(prose(checked), ENGLISH_WORDS, `${what}: English left in German output:\n${line}`);
  }
}
