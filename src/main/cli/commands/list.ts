// `rolekeeper list [--json]`: every profile the AWS CLI knows, its type, region, source chain and status.
import type { Command } from 'commander';
import type { ProfileSummary } from '../../../shared/profile-summary';
import { printJson, type CliContext } from '../cli-context';
import { formatRemaining, isoSeconds } from '../../../shared/duration';
import { renderGettingStarted } from './getting-started';

/** The `--json` row: exactly what scripts may rely on. */
export interface ListRow {
  name: string;
  type: ProfileSummary['type'];
  region: string | null;
  sourceChain: string[];
  status: ProfileSummary['status'];
  expiresAt: string | null;
  error: string | null;
}

export function toListRow(summary: ProfileSummary): ListRow {
  const { name, type, region, sourceChain, status, expiresAt, error } = summary;
  return { name, type, region, sourceChain, status, expiresAt, error };
}

/** Pads columns to the widest cell; the last column is not padded. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function renderListTable(summaries: ProfileSummary[], now: Date): string {
  if (summaries.length === 0) return 'no AWS profiles found\n';
  const rows = summaries.map((s) => [
    s.name,
    s.type,
    s.region ?? '-',
    s.status,
    s.expiresAt ? `${isoSeconds(new Date(s.expiresAt))} (${formatRemaining(Date.parse(s.expiresAt) - now.getTime())})` : '-',
    s.sourceChain.length > 0 ? s.sourceChain.join(' → ') : '-',
  ]);
  let text = formatTable(['NAME', 'TYPE', 'REGION', 'STATUS', 'EXPIRES', 'SOURCE CHAIN'], rows);
  const broken = summaries.filter((s) => s.error);
  if (broken.length > 0) {
    text += '\n' + broken.map((s) => `${s.name}: ${s.error}`).join('\n') + '\n';
  }
  return text;
}

export function registerList(program: Command, context: CliContext): void {
  program
    .command('list')
    .description('List every AWS profile with its type, region, source chain and credential status')
    .option('--json', 'print an array of { name, type, region, sourceChain, status, expiresAt, error }')
    .action((options: { json?: boolean }) => {
      const service = context.service();
      const profileSet = service.profiles();
      // A file the AWS CLI refuses hides all its profiles: say so, even under --json (on stderr).
      // It still lists what it read, but a script must learn that the AWS CLI would stop here: exit 1.
      for (const finding of profileSet.findings) {
        if (finding.severity !== 'error') continue;
        context.stderr(`rolekeeper: ${finding.message}${finding.fix ? `\n  fix: ${finding.fix}` : ''}\n`);
        context.setExitCode(1);
      }
      const summaries = service.summaries();
      if (options.json) printJson(context, summaries.map(toListRow));
      else if (summaries.length === 0) context.stdout(renderGettingStarted(context));
      else context.stdout(renderListTable(summaries, context.now()));
    });
}
