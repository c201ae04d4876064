// Lists `credential-process` in --help. bin/rolekeeper.js runs the command itself before this
// parser loads (it must stay fast), so this entry only documents it and delegates.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { main as credentialProcess } from '../credential-process-entry';

export function registerCredentialProcess(program: Command, _context: CliContext): void {
  program
    .command('credential-process')
    .description('Print fresh credentials for PROFILE in the credential_process format (for credential_process = … in ~/.aws/config)')
    .argument('<profile>')
    .action((profile: string) => credentialProcess([profile]));
}
