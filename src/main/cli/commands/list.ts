// `rolekeeper list [--json]`: every profile the AWS CLI knows, its type, region, source chain and status.
import type { Command } from 'commander';
import type { ProfileSummary, SsoSessionSummary } from '../../../shared/profile-summary';
import { printJson, type CliContext } from '../cli-context';
import { formatRemaining, isoSeconds } from '../../../shared/duration';
import { renderGettingStarted } from './getting-started';
import { findingText } from '../../../shared/finding-wording';
import { english, say, type Translate } from '../../../shared/i18n';
import { helpKey } from '../help-text';
import { formatMeasuredTable, formatTable, measureTable, paintStatus, replaceColumn, widestLine, wrapText, type TerminalFacts } from '../terminal-layout';

export { formatTable } from '../terminal-layout';

/** The `--json` row: exactly what scripts may rely on. */
export interface ListRow {
  name: string;
  type: ProfileSummary['type'];
  region: string | null;
  sourceChain: string[];
  status: ProfileSummary['status'];
  expiresAt: string | null;
  error: string | null;
  /** Only for SSO profiles and chains starting at one: their sign-in's state and end. */
  ssoSession?: SsoSessionSummary;
  /** Only when known: the name IAM Identity Center gives the profile's account (learnt by `sso populate`). */
  accountName?: string;
}

/** Account id → name, as `service.accountNames()` gives it. */
export type AccountNames = Readonly<Record<string, string>>;

export function toListRow(summary: ProfileSummary, accountNames: AccountNames = {}): ListRow {
  const { name, type, region, sourceChain, status, expiresAt, error, ssoSession } = summary;
  const accountName = summary.accountId !== null ? accountNames[summary.accountId] : undefined;
  return { name, type, region, sourceChain, status, expiresAt, error, ...(ssoSession ? { ssoSession } : {}), ...(accountName ? { accountName } : {}) };
}

/** One line per IAM Identity Center sign-in the profiles use: its state, when it ends, how long it renews. */
export function renderSsoSessions(summaries: ProfileSummary[], now: Date, t: Translate = english, terminal?: TerminalFacts): string {
  const seen = new Map<string, { session: SsoSessionSummary; profiles: string[] }>();
  for (const summary of summaries) {
    if (!summary.ssoSession) continue;
    const key = summary.ssoSession.session ?? summary.ssoSession.startUrl;
    const entry = seen.get(key) ?? { session: summary.ssoSession, profiles: [] };
    entry.profiles.push(summary.name);
    seen.set(key, entry);
  }
  if (seen.size === 0) return '';
  const when = (iso: string | null): string => (iso ? `${isoSeconds(new Date(iso))} (${formatRemaining(Date.parse(iso) - now.getTime())})` : '-');
  const rows = [...seen.entries()].map(([key, { session, profiles }]) => [key, session.status, when(session.expiresAt), session.renewableUntil ? isoSeconds(new Date(session.renewableUntil)) : '-', profiles.join(', ')]);
  let text =
    '\n' +
    formatTable(['SSO SESSION', 'STATUS', 'TOKEN ENDS', 'RENEWABLE UNTIL', 'PROFILES'], rows, {
      width: terminal?.width,
      shrink: { 0: 12, 4: 10 },
      paint: (cell, column) => (column === 1 ? paintStatus(cell, terminal?.color ?? false) : cell),
    });
  const fixes = [...seen.entries()].filter(([, { session }]) => session.fix);
  const fixLines = fixes.map(([key, { session }]) => t('sso.list.signInWith', { session: key, command: session.fix ?? '' })).join('\n');
  if (fixes.length > 0) text += fitLines(fixLines, terminal) + '\n';
  return text;
}

/** Text wrapped at the terminal's width, or as it is when there is no terminal to fit. */
function fitLines(text: string, terminal: TerminalFacts | undefined): string {
  return terminal ? wrapText(text, terminal.width) : text;
}

/** `prod (111111111111)` when the name is known, else the id, else `-`. */
function accountCell(summary: ProfileSummary, accountNames: AccountNames): string {
  if (summary.accountId === null) return '-';
  const name = accountNames[summary.accountId];
  return name ? `${name} (${summary.accountId})` : summary.accountId;
}

/**
 * The table of profiles. With `terminal`, it fits the terminal's width: EXPIRES keeps the time left
 * only, then names, regions, accounts and source chains are shortened in the middle (`--json` keeps
 * every value whole), and status words are coloured when colour is on.
 */
/** When a profile's keys end: the time and what is left, or only what is left where room is short. */
function expiryCell(expiresAt: string | null, now: Date, compact: boolean): string {
  if (!expiresAt) return '-';
  const left = formatRemaining(Date.parse(expiresAt) - now.getTime());
  return compact ? left : `${isoSeconds(new Date(expiresAt))} (${left})`;
}

export function renderListTable(summaries: ProfileSummary[], now: Date, accountNames: AccountNames = {}, t: Translate = english, terminal?: TerminalFacts): string {
  if (summaries.length === 0) return `${t('cli.noProfiles')}\n`;
  // The ACCOUNT column appears once some account has a name (after `sso populate`): ids alone add little.
  const showAccounts = summaries.some((s) => s.accountId !== null && accountNames[s.accountId] !== undefined);
  const header = ['NAME', 'TYPE', 'REGION', ...(showAccounts ? ['ACCOUNT'] : []), 'STATUS', 'EXPIRES', 'SOURCE CHAIN'];
  const statusColumn = header.indexOf('STATUS');
  const expiresColumn = header.indexOf('EXPIRES');
  const rows = summaries.map((s) => [
    s.name,
    s.type,
    s.region ?? '-',
    ...(showAccounts ? [accountCell(s, accountNames)] : []),
    s.status,
    expiryCell(s.expiresAt, now, false),
    s.sourceChain.length > 0 ? s.sourceChain.join(' → ') : '-',
  ]);
  const shrink: Record<number, number> = { 0: 8, 2: 9, [header.length - 1]: 10 };
  if (showAccounts) shrink[3] = 12;
  const paint = (cell: string, column: number): string => (column === statusColumn ? paintStatus(cell, terminal?.color ?? false) : cell);
  // Whole values first: a table wider than the terminal gives up the expiry's time, then shortens.
  const whole = measureTable(header, rows);
  let text =
    terminal && widestLine(whole) > terminal.width
      ? formatMeasuredTable(replaceColumn(whole, expiresColumn, summaries.map((s) => expiryCell(s.expiresAt, now, true))), { width: terminal.width, shrink, paint })
      : formatMeasuredTable(whole, { shrink, paint });
  text += renderSsoSessions(summaries, now, t, terminal);
  const broken = summaries.filter((s) => s.error);
  if (broken.length > 0) {
    text += '\n' + fitLines(broken.map((s) => `${s.name}: ${s.errorWording ? say(t, s.errorWording) : s.error}`).join('\n'), terminal) + '\n';
  }
  return text;
}

export interface ListOptions {
  json?: boolean;
}

/** What `rolekeeper list` does once its arguments are read (commander and the warm path both call it). */
export function listProfiles(context: CliContext, options: ListOptions): void {
  const service = context.service();
  const profileSet = service.profiles();
  // A file the AWS CLI refuses hides all its profiles: say so, even under --json (on stderr).
  // It still lists what it read, but a script must learn that the AWS CLI would stop here: exit 1.
  for (const finding of profileSet.findings) {
    if (finding.severity !== 'error') continue;
    const { message, fix, advice } = findingText(finding, context.t);
    const shown = fix ?? advice;
    context.stderr(`rolekeeper: ${message}${shown ? `\n  ${context.t('cli.doctor.fix')}: ${shown}` : ''}\n`);
    context.setExitCode(1);
  }
  const summaries = service.summaries();
  const accountNames = service.accountNames();
  if (options.json) printJson(context, summaries.map((summary) => toListRow(summary, accountNames)));
  else if (summaries.length === 0) context.stdout(renderGettingStarted(context));
  else {
    const colored = context.terminal?.color === true && context.stdoutColored !== undefined;
    const terminal = context.terminal && { ...context.terminal, color: colored };
    (colored ? context.stdoutColored! : context.stdout)(renderListTable(summaries, context.now(), accountNames, context.t, terminal));
  }
}

export function registerList(program: Command, context: CliContext): void {
  program
    .command('list')
    .description(helpKey('help.list'))
    .option('--json', helpKey('help.list.json'))
    .action((options: ListOptions) => listProfiles(context, options));
}
