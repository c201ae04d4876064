// `rolekeeper list [--json]`: every profile the AWS CLI knows, its type, region, source chain and status.
import type { Command } from 'commander';
import { loadProfiles } from '../../core/profile-loader';
import type { ProfileSet, ResolvedProfile } from '../../core/profile-model';
import type { ProfileSummary } from '../../../shared/profile-summary';
import { printJson, type CliContext } from '../cli-context';

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

/** Reads credential state for the profiles; swapped for the credential-state builder once it exists. */
export type Summarizer = (profileSet: ProfileSet, now: Date) => ProfileSummary[];

function accountOf(profile: ResolvedProfile): string | null {
  const match = /^arn:[^:]+:iam::(\d{12}):/.exec(profile.role.roleArn?.value ?? '');
  return match ? match[1] : null;
}

/** Credential status is not read here (always 'unknown'); `error` is the first error-severity problem. */
export function summarize(profileSet: ProfileSet, _now: Date = new Date()): ProfileSummary[] {
  return profileSet.profiles.map((profile) => {
    const error = profile.problems.find((p) => p.severity === 'error')?.message ?? null;
    return {
      name: profile.name,
      type: profile.type,
      region: profile.region?.value ?? null,
      sourceChain: profile.sourceChain,
      status: 'unknown',
      expiresAt: null,
      error,
      layers: [],
      roleArn: profile.role.roleArn?.value ?? null,
      accountId: accountOf(profile),
    };
  });
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

export function renderListTable(summaries: ProfileSummary[]): string {
  if (summaries.length === 0) return 'no AWS profiles found\n';
  const rows = summaries.map((s) => [
    s.name,
    s.type,
    s.region ?? '-',
    s.status,
    s.expiresAt ?? '-',
    s.sourceChain.length > 0 ? s.sourceChain.join(' → ') : '-',
  ]);
  let text = formatTable(['NAME', 'TYPE', 'REGION', 'STATUS', 'EXPIRES', 'SOURCE CHAIN'], rows);
  const broken = summaries.filter((s) => s.error);
  if (broken.length > 0) {
    text += '\n' + broken.map((s) => `${s.name}: ${s.error}`).join('\n') + '\n';
  }
  return text;
}

export function makeListRegistrar(summarizer: Summarizer = summarize) {
  return (program: Command, context: CliContext): void => {
    program
      .command('list')
      .description('List every AWS profile with its type, region, source chain and credential status')
      .option('--json', 'print an array of { name, type, region, sourceChain, status, expiresAt, error }')
      .action((options: { json?: boolean }) => {
        const profileSet = loadProfiles(context.environment);
        // A file the AWS CLI refuses hides all its profiles: say so, even under --json (on stderr).
        for (const finding of profileSet.findings) {
          if (finding.severity === 'error') context.stderr(`rolekeeper: ${finding.message}\n`);
        }
        const summaries = summarizer(profileSet, context.now());
        if (options.json) printJson(context, summaries.map(toListRow));
        else context.stdout(renderListTable(summaries));
      });
  };
}

export const registerList = makeListRegistrar();
