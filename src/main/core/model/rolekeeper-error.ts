// The one root of the engine's errors: a typed kind to switch on, what went wrong as a phrase (each
// face says it in its language; `message` keeps the English text for logs and --json), and how to
// repair it when there is a way. Secrets never go into any of them.
import type { ErrorKind } from '../../../shared/error-kinds';
import type { Phrase } from '../../../shared/i18n';

export abstract class RolekeeperError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    /** What went wrong as a phrase; null where only the English `message` exists. */
    readonly phrase: Phrase | null,
    /** How to repair it: a phrase, or a command that reads the same in every language; null when nothing can. */
    readonly repair: Phrase | string | null,
  ) {
    super(message);
  }
}
