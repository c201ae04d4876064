// `rolekeeper vault add|move|list|remove|export PROFILE`: long-term keys in the OS keychain
// (core/vault/). Keys are typed at a prompt (the secret unechoed) or piped on two lines, never
// taken from argv, so they stay out of shell history and `ps`.
import type { Command } from 'commander';
import type { LongTermKeys } from '../../core/vault/keychain';
import type { VaultOutcome } from '../../core/vault/vault-operations';
import { english, say } from '../../../shared/i18n';
import { CliError, printJson, type CliContext } from '../cli-context';
import { asCliError, askOnTerminal } from '../cli-support';
import { helpKey } from '../help-text';

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line from the terminal; `hidden` writes nothing of what is typed; empty when input ends. */
async function ask(question: string, hidden: boolean): Promise<string> {
  const result = await askOnTerminal(question, hidden);
  return 'answer' in result ? result.answer : '';
}

async function keysFromPersonOrPipe(context: CliContext): Promise<LongTermKeys> {
  const { t } = context;
  if (context.interactive) {
    const accessKeyId = (await ask(t('vault.promptKeyId'), false)).trim();
    const secretAccessKey = accessKeyId ? (await ask(t('vault.promptSecret'), true)).trim() : '';
    if (!accessKeyId || !secretAccessKey) throw new CliError(t('vault.noInput'));
    return { accessKeyId, secretAccessKey };
  }
  const lines = (await readAllStdin()).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length < 2) throw new CliError(t('vault.noInput'));
  return { accessKeyId: lines[0], secretAccessKey: lines[1] };
}

function report(context: CliContext, outcome: VaultOutcome, json: boolean | undefined): void {
  const { t } = context;
  if (json) {
    printJson(context, { profile: outcome.profile, message: say(english, outcome.message), scrubbedBackups: outcome.scrubbedBackups });
    return;
  }
  context.stdout(`${say(t, outcome.message)}\n`);
  for (const file of outcome.scrubbedBackups) context.stdout(`${t('vault.backupScrubbed', { file })}\n`);
}

export function registerVault(program: Command, context: CliContext): void {
  const vault = program.command('vault').description(helpKey('help.vault'));
  const run = (work: () => Promise<void>) => async () => {
    try {
      await work();
    } catch (error) {
      throw asCliError(error, context.t);
    }
  };
  vault
    .command('add')
    .description(helpKey('help.vault.add'))
    .argument('<profile>')
    .option('--json', helpKey('help.vault.json'))
    .action((profile: string, options: { json?: boolean }) =>
      run(async () => {
        const keys = await keysFromPersonOrPipe(context);
        report(context, await context.service().vaultAdd(profile, keys), options.json);
      })(),
    );
  vault
    .command('move')
    .description(helpKey('help.vault.move'))
    .argument('<profile>')
    .option('--json', helpKey('help.vault.json'))
    .action((profile: string, options: { json?: boolean }) => run(async () => report(context, await context.service().vaultMove(profile), options.json))());
  vault
    .command('export')
    .description(helpKey('help.vault.export'))
    .argument('<profile>')
    .option('--json', helpKey('help.vault.json'))
    .action((profile: string, options: { json?: boolean }) => run(async () => report(context, await context.service().vaultExport(profile), options.json))());
  vault
    .command('remove')
    .description(helpKey('help.vault.remove'))
    .argument('<profile>')
    .option('--json', helpKey('help.vault.json'))
    .action((profile: string, options: { json?: boolean }) => run(async () => report(context, await context.service().vaultRemove(profile), options.json))());
  vault
    .command('list')
    .description(helpKey('help.vault.list'))
    .option('--json', helpKey('help.vault.json'))
    .action((options: { json?: boolean }) =>
      run(async () => {
        const entries = await context.service().vaultList();
        if (options.json) {
          printJson(context, entries);
          return;
        }
        const { t } = context;
        if (entries.length === 0) context.stdout(`${t('vault.listEmpty')}\n`);
        for (const entry of entries) context.stdout(`${entry.profile}  ${t(entry.used ? 'vault.listUsed' : 'vault.listUnused')}\n`);
      })(),
    );
}
