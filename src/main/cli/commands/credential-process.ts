// Lists `credential-process` in --help. bin/rolekeeper.js runs the command itself before this
// parser loads (it must stay fast), so this entry only documents it and delegates.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { main as credentialProcess } from '../credential-process-entry';
import { helpKey } from '../help-text';

export function registerCredentialProcess(program: Command, _context: CliContext): void {
  program
    .command('credential-process')
    .description(helpKey('help.credentialProcess'))
    .argument('<profile>')
    .action((profile: string) => credentialProcess([profile]));
}
