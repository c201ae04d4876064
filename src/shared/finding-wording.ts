// A finding's message, advice and commands built once: `message`/`advice` hold the English text
// (what `--json` and the logs show), `wording` the phrases a front end says in the user's language,
// `fix` only command lines (the same in every language) and `repair` the steps behind them.
import { english, say, type Phrase, type Translate } from './i18n';
import type { Finding } from './profile-summary';
import type { RepairStep } from './repair-steps';

/** Advice in words: a phrase, English text not yet worded, or none. */
export type FixWords = Phrase | string | null;

/** A message still built as English text has no wording: every language shows it as it is. */
export function wordedText(message: Phrase | string, advice: FixWords): Pick<Finding, 'message' | 'fix' | 'advice' | 'wording'> {
  const advicePhrase = advice !== null && typeof advice === 'object' ? advice : null;
  const adviceText = advice === null ? null : typeof advice === 'string' ? advice : say(english, advice);
  if (typeof message === 'string') return { message, fix: null, advice: adviceText };
  return { message: say(english, message), fix: null, advice: adviceText, wording: { message, fix: advicePhrase } };
}

/** The finding's words with its repair: steps, and their command lines for the paste shell. */
export function repairedText(
  message: Phrase | string,
  repair: { steps: RepairStep[]; commands: string | null; advice: FixWords },
): Pick<Finding, 'message' | 'fix' | 'advice' | 'wording' | 'repair'> {
  return { ...wordedText(message, repair.advice), fix: repair.commands, repair: repair.steps };
}

/** The finding's message and advice in the translator's language (English text where it has no phrase), and its commands. */
export function findingText(finding: Finding, t: Translate): { message: string; fix: string | null; advice: string | null } {
  const wording = finding.wording;
  const advice = finding.advice ?? null;
  if (!wording) return { message: finding.message, fix: finding.fix, advice };
  return { message: say(t, wording.message), fix: finding.fix, advice: wording.fix ? say(t, wording.fix) : advice };
}
