// A finding's message and fix built once as phrases: `message`/`fix` hold the English text (what
// `--json` and the logs show), `wording` the phrases a front end says in the user's language.
import { english, say, type Phrase, type Translate } from './i18n';
import type { Finding } from './profile-summary';

/** A fix is a phrase (words around commands) or a bare command line that reads the same in every language. */
export type FixWords = Phrase | string | null;

/** A message still built as English text has no wording: every language shows it as it is. */
export function wordedText(message: Phrase | string, fix: FixWords): Pick<Finding, 'message' | 'fix' | 'wording'> {
  const fixPhrase = typeof fix === 'object' ? fix : null;
  if (typeof message === 'string') return { message, fix: fix === null || typeof fix === 'string' ? fix : say(english, fix) };
  return {
    message: say(english, message),
    fix: fix === null ? null : typeof fix === 'string' ? fix : say(english, fix),
    wording: { message, fix: fixPhrase },
  };
}

/** The finding's message and fix in the translator's language; English text where it has no phrase. */
export function findingText(finding: Finding, t: Translate): { message: string; fix: string | null } {
  const wording = finding.wording;
  if (!wording) return { message: finding.message, fix: finding.fix };
  return { message: say(t, wording.message), fix: wording.fix ? say(t, wording.fix) : finding.fix };
}
