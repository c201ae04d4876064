// Which shell the user most likely pastes Rolekeeper's lines into, from the environment.
import type { AwsEnvironment } from '../aws-config/aws-environment';
import type { ShellKind } from '../../../shared/ipc-contract';

export function guessShell(environment: AwsEnvironment): ShellKind {
  const env = environment.env;
  if (environment.platform === 'win32') {
    // PSModulePath proves nothing alone: Windows sets it machine-wide and a cmd.exe started from
    // PowerShell inherits PowerShell's copy. cmd.exe defines PROMPT when it starts ($P$G unless
    // inherited) and PowerShell never does, so PROMPT means cmd — or a PowerShell started from
    // cmd, where cmd's quoting is still inert (cmd.ts refuses what PowerShell would expand).
    if (env.PROMPT !== undefined) return 'cmd';
    return env.PSModulePath ? 'powershell' : 'cmd';
  }
  const shell = env.SHELL ?? '';
  if (shell.endsWith('/fish')) return 'fish';
  if (shell.endsWith('/zsh')) return 'zsh';
  if (shell.endsWith('/pwsh')) return 'powershell';
  return environment.platform === 'darwin' && shell === '' ? 'zsh' : 'bash';
}
