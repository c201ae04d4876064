// commander in the user's language: `--help` words the descriptions registered as keys (see
// help-text.ts) and its own titles; its usage errors are worded from their English text, which is
// the only form commander hands them out in.
import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import { counted, type MessageKey, type Translate } from '../../shared/i18n';
import { parseHelpKey } from './help-text';
import { displayWidth, shortenMiddle } from './terminal-layout';

const ITEM_INDENT = '  ';
const UNDER_INDENT = '      ';

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.title.usage',
  'Arguments:': 'help.title.arguments',
  'Options:': 'help.title.options',
  'Global Options:': 'help.title.globalOptions',
  'Commands:': 'help.title.commands',
};

export function localizedHelp(t: Translate): HelpConfiguration {
  const word = (text: string): string => {
    const parsed = parseHelpKey(text);
    return parsed === null ? text : `${t(parsed.key, parsed.params)}${parsed.rest}`;
  };
  return {
    styleTitle: (title: string) => (title in TITLES ? t(TITLES[title]!) : title),
    commandDescription(this: Help, command: Command) {
      return word(Help.prototype.commandDescription.call(this, command));
    },
    subcommandDescription(this: Help, command: Command) {
      return word(Help.prototype.subcommandDescription.call(this, command));
    },
    optionDescription(this: Help, option: Option) {
      return word(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument: Argument) {
      return word(Help.prototype.argumentDescription.call(this, argument));
    },
    // Columns as the terminal draws them (a German or CJK word is not its length in UTF-16).
    displayWidth: (text: string) => displayWidth(text),
    // The term column takes at most 40 % of the width, so descriptions keep room to wrap in; a term
    // longer than the column (exec's arguments) puts its description on the lines under it.
    padWidth(this: Help, command: Command, helper: Help) {
      return Math.min(Help.prototype.padWidth.call(this, command, helper), Math.floor((this.helpWidth ?? 80) * 0.4));
    },
    formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help) {
      const width = this.helpWidth ?? 80;
      if (!description || helper.displayWidth(term) <= termWidth) {
        return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
      }
      const wrapped = helper.boxWrap(description, width - UNDER_INDENT.length).split('\n');
      const fitted = wrapped.map((line) => UNDER_INDENT + shortenMiddle(line, width - UNDER_INDENT.length));
      return [ITEM_INDENT + shortenMiddle(term, width - ITEM_INDENT.length), ...fitted].join('\n');
    },
  };
}

/** commander's "(Did you mean …?)" line under an unknown option or command, if it gave one. */
function didYouMean(t: Translate, oneOf: string | undefined, suggestion: string | undefined): string {
  if (suggestion === undefined) return '';
  return `\n(${oneOf ? t('help.error.didYouMeanOneOf', { suggestions: suggestion }) : t('help.error.didYouMean', { suggestion })})`;
}

/** commander's usage errors (commander 14's wording) and how to say each; the match's groups become parameters. */
const COMMANDER_ERRORS: Array<{ english: RegExp; say: (groups: string[], t: Translate) => string }> = [
  {
    english: /^error: unknown option '(.*?)'(?:\n\(Did you mean (one of )?(.*)\?\))?$/s,
    say: ([option, oneOf, suggestion], t) => t('help.error.unknownOption', { option: option! }) + didYouMean(t, oneOf, suggestion),
  },
  {
    english: /^error: unknown command '(.*?)'(?:\n\(Did you mean (one of )?(.*)\?\))?$/s,
    say: ([command, oneOf, suggestion], t) => t('help.error.unknownCommand', { command: command! }) + didYouMean(t, oneOf, suggestion),
  },
  { english: /^error: missing required argument '(.*)'$/s, say: ([argument], t) => t('help.error.missingArgument', { argument: argument! }) },
  { english: /^error: option '(.*)' argument missing$/s, say: ([option], t) => t('help.error.optionValueMissing', { option: option! }) },
  { english: /^error: required option '(.*)' not specified$/s, say: ([option], t) => t('help.error.requiredOption', { option: option! }) },
  {
    english: /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
    say: ([command, expected, got], t) => {
      const params = { expected: counted(t, Number(expected), 'argument'), got: got! };
      return command === undefined ? t('help.error.tooManyArguments', params) : t('help.error.tooManyArgumentsFor', { ...params, command });
    },
  },
];

/** commander's error text said in the translator's language; text it does not know stays as it came. */
export function commanderErrorText(text: string, t: Translate): string {
  const line = text.replace(/\n$/, '');
  for (const { english, say } of COMMANDER_ERRORS) {
    const match = english.exec(line);
    if (match) return `${say(match.slice(1), t)}\n`;
  }
  return text;
}
