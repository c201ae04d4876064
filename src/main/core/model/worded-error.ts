// An engine error that is not a refresh failure (another keeper runs, a file Rolekeeper cannot
// read), said once as a phrase: `message` holds its English text for logs and `--json`.
import { english, say, type Phrase, type Translate } from '../../../shared/i18n';
import type { RefusalKind } from '../../../shared/error-kinds';
import { RolekeeperError } from './rolekeeper-error';

export class WordedError extends RolekeeperError {
  declare readonly kind: RefusalKind;

  constructor(
    readonly wording: Phrase,
    kind: RefusalKind = 'refused',
    repair: Phrase | string | null = null,
  ) {
    super(say(english, wording), kind, wording, repair);
    this.name = 'WordedError';
  }
}

/** The error's message in the translator's language where it carries a phrase; else its own text. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof RolekeeperError && error.phrase) return say(t, error.phrase);
  return error instanceof Error ? error.message : String(error);
}
