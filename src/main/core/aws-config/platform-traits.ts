// Per-OS differences as data, so one test run covers darwin, win32 and linux.
import type { AwsEnvironment } from './aws-environment';

export type ShellKind = 'bash' | 'zsh' | 'fish' | 'powershell' | 'cmd';

export interface PlatformTraits {
  platform: NodeJS.Platform;
  defaultShell: ShellKind;
  /** How the user removes a file or folder in that shell, for doctor fixes. */
  removeFileCommand: (filePath: string) => string;
  removeFolderCommand: (folderPath: string) => string;
}

export function guessShell(environment: AwsEnvironment): ShellKind {
  const shell = environment.env.SHELL ?? '';
  if (environment.platform === 'win32') {
    // PSModulePath is set in every PowerShell session and absent from a plain cmd.exe.
    if (environment.env.PSModulePath && !environment.env.PROMPT) return 'powershell';
    return environment.env.PSModulePath ? 'powershell' : 'cmd';
  }
  if (shell.endsWith('/fish')) return 'fish';
  if (shell.endsWith('/zsh')) return 'zsh';
  if (shell.endsWith('/pwsh')) return 'powershell';
  return environment.platform === 'darwin' && shell === '' ? 'zsh' : 'bash';
}

function posixQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function platformTraits(environment: AwsEnvironment): PlatformTraits {
  const defaultShell = guessShell(environment);
  if (environment.platform === 'win32') {
    return {
      platform: 'win32',
      defaultShell,
      removeFileCommand: (file) =>
        defaultShell === 'cmd' ? `del /q "${file}"` : `Remove-Item -LiteralPath '${file.replace(/'/g, "''")}'`,
      removeFolderCommand: (folder) =>
        defaultShell === 'cmd'
          ? `del /s /q "${folder}"`
          : `Remove-Item -Recurse -LiteralPath '${folder.replace(/'/g, "''")}'`,
    };
  }
  return {
    platform: environment.platform,
    defaultShell,
    removeFileCommand: (file) => `rm ${posixQuote(file)}`,
    removeFolderCommand: (folder) => `rm -r ${posixQuote(folder)}`,
  };
}
