// `rolekeeper completion bash|zsh|fish|powershell`: a completion script for the shell, made from the
// program's own commands and options, so it never lists a command that is not there. Profile names
// come from the AWS files at completion time through awk (PowerShell: its own regex), never
// through a Rolekeeper process: a Tab press costs no Node start.
import type { Command, Option } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { SHELLS } from '../../../shared/ipc-contract';
import { helpKey } from '../help-text';

/** The shells completion and init write for (cmd has no programmable completion). */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** One command (or subcommand, `sso login`) as completion sees it. */
export interface CompletedCommand {
  /** `list`, or `sso login` for a subcommand. */
  path: string;
  options: string[];
  subcommands: string[];
  /** Its first argument is a profile name (or several). */
  takesProfile: boolean;
  /** Its first argument is a shell (completion, init). */
  takesShell: boolean;
}

export interface CompletionModel {
  commands: CompletedCommand[];
  /** Options whose value is a profile name (`--source-profile`, `--profile`). */
  profileOptions: string[];
  /** Options whose value is a shell (`--shell`). */
  shellOptions: string[];
  shells: readonly string[];
}

function optionFlags(options: readonly Option[]): string[] {
  return options.flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined));
}

/** What completion offers, read from the program commander built. */
export function completionModel(program: Command): CompletionModel {
  const commands: CompletedCommand[] = [];
  const profileOptions = new Set<string>();
  const shellOptions = new Set<string>();
  const visit = (command: Command, prefix: string): void => {
    for (const sub of command.commands) {
      const name = sub.name();
      if (name === 'help') continue;
      const path = prefix ? `${prefix} ${name}` : name;
      const first = sub.registeredArguments[0]?.name() ?? '';
      for (const option of sub.options) {
        if (option.long && /profile$/.test(option.long) && option.required) profileOptions.add(option.long);
        if (option.long === '--shell') shellOptions.add(option.long);
      }
      commands.push({
        path,
        options: [...optionFlags(sub.options), '--help'],
        subcommands: sub.commands.map((inner) => inner.name()).filter((inner) => inner !== 'help'),
        takesProfile: /^profiles?$/.test(first),
        takesShell: first === 'shell',
      });
      visit(sub, path);
    }
  };
  visit(program, '');
  return { commands, profileOptions: [...profileOptions], shellOptions: [...shellOptions], shells: SHELLS };
}

// Section names of the config file (`profile NAME`, `default`) and of the credentials file, as
// the AWS CLI reads them; files that do not exist are skipped.
const AWK_PROFILES = String.raw`awk 'FNR==1{cred=(FILENAME==K)} /^[ \t]*\[/{s=$0; sub(/^[ \t]*\[[ \t]*/,"",s); sub(/[ \t]*\].*$/,"",s); if(cred){print s} else if(s ~ /^profile[ \t]/){sub(/^profile[ \t]+/,"",s); print s} else if(s=="default"){print s}}'`;

function topLevel(model: CompletionModel): string[] {
  return model.commands.filter((command) => !command.path.includes(' ')).map((command) => command.path);
}

const words = (list: readonly string[]): string => list.join(' ');

function bash(model: CompletionModel): string {
  const cases = model.commands
    .map((command) => `      '${command.path}') opts='${words(command.options)}'; subs='${words(command.subcommands)}'; profile=${command.takesProfile ? 1 : 0}; shell=${command.takesShell ? 1 : 0} ;;`)
    .join('\n');
  return `# rolekeeper completion for bash. In ~/.bashrc: eval "$(rolekeeper completion bash)"
_rolekeeper_profiles() {
  local c="\${AWS_CONFIG_FILE:-$HOME/.aws/config}" k="\${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" f files=()
  for f in "$c" "$k"; do [ -r "$f" ] && files+=("$f"); done
  [ \${#files[@]} -gt 0 ] && ${AWK_PROFILES} K="$k" "\${files[@]}" 2>/dev/null | sort -u
}
_rolekeeper_reply_profiles() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(_rolekeeper_profiles)" -- "$1"))
}
_rolekeeper() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmdpath='' i word
  local opts='' subs='${words(topLevel(model))}' profile=0 shell=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    case " $subs " in *" $word "*) ;; *) continue ;; esac
    cmdpath="\${cmdpath:+$cmdpath }$word"
    subs=''
    case "$cmdpath" in
${cases}
    esac
  done
  case "$prev" in
    ${model.shellOptions.join('|') || '--shell'}) COMPREPLY=($(compgen -W '${words(model.shells)}' -- "$cur")); return ;;
    ${model.profileOptions.join('|') || '--profile'}) _rolekeeper_reply_profiles "$cur"; return ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  if [ -n "$subs" ]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); return; fi
  if [ "$shell" = 1 ]; then COMPREPLY=($(compgen -W '${words(COMPLETION_SHELLS)}' -- "$cur")); return; fi
  if [ "$profile" = 1 ]; then _rolekeeper_reply_profiles "$cur"; fi
}
complete -o default -F _rolekeeper rolekeeper
`;
}

function zsh(model: CompletionModel): string {
  const cases = model.commands
    .map((command) => `      '${command.path}') opts=(${words(command.options)}); subs=(${words(command.subcommands)}); profile=${command.takesProfile ? 1 : 0}; shell=${command.takesShell ? 1 : 0} ;;`)
    .join('\n');
  return `# rolekeeper completion for zsh. In ~/.zshrc: eval "$(rolekeeper completion zsh)"
_rolekeeper_profiles() {
  local c="\${AWS_CONFIG_FILE:-$HOME/.aws/config}" k="\${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" f
  local -a files
  for f in "$c" "$k"; do [[ -r "$f" ]] && files+=("$f"); done
  (( \${#files} )) && ${AWK_PROFILES} K="$k" "\${files[@]}" 2>/dev/null | sort -u
}
_rolekeeper() {
  local cmdpath='' word prev="\${words[CURRENT-1]}" cur="\${words[CURRENT]}" profile=0 shell=0 i
  local -a opts subs
  subs=(${words(topLevel(model))})
  for (( i = 2; i < CURRENT; i++ )); do
    word="\${words[i]}"
    [[ "$word" == -* ]] && continue
    (( \${subs[(Ie)$word]} )) || continue
    cmdpath="\${cmdpath:+$cmdpath }$word"; subs=()
    case "$cmdpath" in
${cases}
    esac
  done
  case "$prev" in
    ${model.shellOptions.join('|') || '--shell'}) compadd -- ${words(model.shells)}; return ;;
    ${model.profileOptions.join('|') || '--profile'}) compadd -- \${(f)"$(_rolekeeper_profiles)"}; return ;;
  esac
  if [[ "$cur" == -* ]]; then compadd -- $opts; return; fi
  if (( \${#subs} )); then compadd -- $subs; return; fi
  if (( shell )); then compadd -- ${words(COMPLETION_SHELLS)}; return; fi
  if (( profile )); then compadd -- \${(f)"$(_rolekeeper_profiles)"}; fi
}
if (( ! $+functions[compdef] )); then autoload -Uz compinit && compinit -i; fi
compdef _rolekeeper rolekeeper
`;
}

function fish(model: CompletionModel): string {
  const lines = [
    '# rolekeeper completion for fish. In ~/.config/fish/config.fish: rolekeeper completion fish | source',
    'function __rolekeeper_profiles',
    '    set -l c (set -q AWS_CONFIG_FILE; and echo $AWS_CONFIG_FILE; or echo ~/.aws/config)',
    '    set -l k (set -q AWS_SHARED_CREDENTIALS_FILE; and echo $AWS_SHARED_CREDENTIALS_FILE; or echo ~/.aws/credentials)',
    '    set -l files',
    '    for f in $c $k; test -r $f; and set -a files $f; end',
    `    test (count $files) -gt 0; and ${AWK_PROFILES} K=$k $files 2>/dev/null | sort -u`,
    'end',
    'complete -c rolekeeper -f',
    `complete -c rolekeeper -n __fish_use_subcommand -a '${words(topLevel(model))}'`,
  ];
  for (const command of model.commands) {
    const [head, sub] = command.path.split(' ');
    const condition = sub === undefined ? `__fish_seen_subcommand_from ${head}` : `__fish_seen_subcommand_from ${head}; and __fish_seen_subcommand_from ${sub}`;
    if (command.subcommands.length > 0) lines.push(`complete -c rolekeeper -n '${condition}; and not __fish_seen_subcommand_from ${words(command.subcommands)}' -a '${words(command.subcommands)}'`);
    if (command.takesProfile) lines.push(`complete -c rolekeeper -n '${condition}' -a '(__rolekeeper_profiles)'`);
    if (command.takesShell) lines.push(`complete -c rolekeeper -n '${condition}' -a '${words(COMPLETION_SHELLS)}'`);
    for (const flag of command.options.filter((option) => option.startsWith('--'))) {
      const value = model.profileOptions.includes(flag) ? " -x -a '(__rolekeeper_profiles)'" : model.shellOptions.includes(flag) ? ` -x -a '${words(model.shells)}'` : '';
      lines.push(`complete -c rolekeeper -n '${condition}' -l ${flag.slice(2)}${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function powershell(model: CompletionModel): string {
  const table = model.commands
    .map((command) => `    '${command.path}' = @{ Options = @(${command.options.map((o) => `'${o}'`).join(', ')}); Subs = @(${command.subcommands.map((s) => `'${s}'`).join(', ')}); Profile = $${command.takesProfile}; Shell = $${command.takesShell} }`)
    .join("\n");
  return `# rolekeeper completion for PowerShell. In $PROFILE: rolekeeper completion powershell | Out-String | Invoke-Expression
function __RolekeeperProfiles {
  $config = if ($env:AWS_CONFIG_FILE) { $env:AWS_CONFIG_FILE } else { Join-Path $HOME '.aws/config' }
  $credentials = if ($env:AWS_SHARED_CREDENTIALS_FILE) { $env:AWS_SHARED_CREDENTIALS_FILE } else { Join-Path $HOME '.aws/credentials' }
  $names = @()
  if (Test-Path $config) { $names += Select-String -Path $config -Pattern '^\\s*\\[\\s*(?:profile\\s+([^\\]]+?)|(default))\\s*\\]' | ForEach-Object { if ($_.Matches[0].Groups[1].Success) { $_.Matches[0].Groups[1].Value } else { 'default' } } }
  if (Test-Path $credentials) { $names += Select-String -Path $credentials -Pattern '^\\s*\\[\\s*([^\\]]+?)\\s*\\]' | ForEach-Object { $_.Matches[0].Groups[1].Value } }
  $names | Sort-Object -Unique
}
Register-ArgumentCompleter -Native -CommandName rolekeeper -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $commands = @{
${table}
  }
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
  if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = @($words | Select-Object -SkipLast 1) }
  $path = ''; $subs = @(${topLevel(model).map((c) => `'${c}'`).join(', ')}); $entry = $null
  foreach ($word in $words) {
    if ($word -like '-*') { continue }
    if ($subs -contains $word) { $path = ($path + ' ' + $word).Trim(); $entry = $commands[$path]; $subs = $entry.Subs }
  }
  $prev = if ($words.Count -gt 0) { $words[-1] } else { '' }
  $candidates = if (@(${model.shellOptions.map((o) => `'${o}'`).join(', ')}) -contains $prev) { @(${model.shells.map((s) => `'${s}'`).join(', ')}) }
    elseif (@(${model.profileOptions.map((o) => `'${o}'`).join(', ')}) -contains $prev) { __RolekeeperProfiles }
    elseif ($wordToComplete -like '-*' -and $entry) { $entry.Options }
    elseif ($subs.Count -gt 0) { $subs }
    elseif ($entry -and $entry.Shell) { @(${COMPLETION_SHELLS.map((s) => `'${s}'`).join(', ')}) }
    elseif ($entry -and $entry.Profile) { __RolekeeperProfiles }
    else { @() }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
`;
}

const RENDERERS: Record<CompletionShell, (model: CompletionModel) => string> = { bash, zsh, fish, powershell };

export function isCompletionShell(shell: string): shell is CompletionShell {
  return (COMPLETION_SHELLS as readonly string[]).includes(shell);
}

/** The completion script for `shell`, over `program`'s commands. */
export function completionScript(shell: CompletionShell, program: Command): string {
  return RENDERERS[shell](completionModel(program));
}

/** The shell argument of completion and init, or a usage error naming the shells there are. */
export function completionShellArgument(shell: string, context: CliContext): CompletionShell {
  if (!isCompletionShell(shell)) throw new CliError(context.t('cmd.completion.shell', { shell, shells: COMPLETION_SHELLS.join(', ') }), EXIT_USAGE);
  return shell;
}

export function registerCompletion(program: Command, context: CliContext): void {
  program
    .command('completion')
    .description(helpKey('help.completion'))
    .argument('<shell>', helpKey('help.completion.shell', { shells: COMPLETION_SHELLS.join('|') }))
    .action((shell: string) => {
      context.stdout(completionScript(completionShellArgument(shell, context), program));
    });
}
