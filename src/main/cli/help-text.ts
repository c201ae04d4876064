// Descriptions for `--help` are registered as their message key (with parameters) and worded only
// when help is printed, so a run that prints no help builds no sentence. This module stays free of
// commander: the warm-path bundle loads the command files that use it.
import type { MessageKey } from '../../shared/i18n';

export type HelpKey = Extract<MessageKey, `help.${string}`>;

const KEY_PREFIX = 'help.';

/** The description commander stores: the key, and its parameters as a query string. */
export function helpKey(key: HelpKey, params?: Record<string, string>): string {
  return params === undefined ? key : `${key}?${new URLSearchParams(params).toString()}`;
}

/** The key and parameters at the start of a stored description, and what commander appended after it. */
export function parseHelpKey(text: string): { key: HelpKey; params: Record<string, string>; rest: string } | null {
  if (!text.startsWith(KEY_PREFIX)) return null;
  const end = text.indexOf(' ');
  const token = end === -1 ? text : text.slice(0, end);
  const [key, query = ''] = token.split('?', 2) as [string, string?];
  return { key: key as HelpKey, params: Object.fromEntries(new URLSearchParams(query)), rest: end === -1 ? '' : text.slice(end) };
}
