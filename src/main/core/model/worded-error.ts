// An engine error that is not a refresh failure (another keeper runs, a file Rolekeeper cannot
// read), said once as a phrase: `message` holds its English text for logs and `--json`.
import { english, say, type Phrase, type Translate } from '../../../shared/i18n';

export class WordedError extends Error {
  constructor(readonly wording: Phrase) {
    super(say(english, wording));
    this.name = 'WordedError';
  }
}

/** The error's message in the translator's language where it carries a phrase; else its own text. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof WordedError) return say(t, error.wording);
  return error instanceof Error ? error.message : String(error);
}
