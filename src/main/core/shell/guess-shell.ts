// Which shell the user most likely pastes Rolekeeper's lines into, from the environment.
import type { AwsEnvironment } from '../model/aws-environment';
import { SHELLS, type ShellKind } from '../../../shared/ipc-contract';
import { shellFor } from './shells';

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
  const program = (env.SHELL ?? '').split('/').pop() ?? '';
  const named = SHELLS.find((kind) => shellFor(kind).programNames.includes(program));
  if (named) return named;
  // macOS's default login shell since Catalina.
  return environment.platform === 'darwin' && !env.SHELL ? 'zsh' : 'bash';
}
