// `rolekeeper init bash|zsh|fish|powershell`: what a user puts in their rc file, as direnv, zoxide
// and pyenv do (`eval "$(rolekeeper init bash)"`): the completion script, a `rolekeeper` shell
// function through which `use PROFILE`, `fix` and `export` on a terminal change the current shell
// (a program cannot change its parent's environment; the function evals the lines it prints), and
// `rolekeeper_prompt`, a prompt segment with the profile in use and the minutes its keys have left,
// computed by the shell itself from the environment: no Rolekeeper process per prompt.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { helpKey } from '../help-text';
import { COMPLETION_SHELLS, completionScript, completionShellArgument, type CompletionShell } from './completion';

function posixFunction(shell: 'bash' | 'zsh'): string {
  return `# The rolekeeper function: \`rolekeeper use PROFILE\` and \`rolekeeper fix\` change this shell;
# \`rolekeeper export PROFILE\` does too when its output would go to the terminal.
rolekeeper() {
  local out rc
  case "$1" in
    use)
      shift
      out="$(command rolekeeper export "$@" --shell ${shell})" || return $?
      eval "$out" && export ROLEKEEPER_PROFILE="$1"
      ;;
    fix)
      shift
      out="$(command rolekeeper fix --shell ${shell} "$@")"; rc=$?
      eval "$out"
      return $rc
      ;;
    export)
      if [ -t 1 ] && [ "$2" != "" ] && [[ "$2" != -* ]]; then
        out="$(command rolekeeper "$@" --shell ${shell})" || return $?
        eval "$out" && export ROLEKEEPER_PROFILE="$2"
      else
        command rolekeeper "$@"
      fi
      ;;
    *) command rolekeeper "$@" ;;
  esac
}
# Optional prompt segment: PS1='$(rolekeeper_prompt)'"$PS1" (bash) or PROMPT='$(rolekeeper_prompt)'"$PROMPT"
# with setopt PROMPT_SUBST (zsh). Prints "[profile 42m] " or nothing.
rolekeeper_prompt() {
  local profile="\${ROLEKEEPER_PROFILE:-$AWS_PROFILE}" left="" end
  [ -z "$profile" ] && return 0
  if [ -n "$AWS_CREDENTIAL_EXPIRATION" ]; then
    end="$(date -u -d "$AWS_CREDENTIAL_EXPIRATION" +%s 2>/dev/null || date -u -j -f '%Y-%m-%dT%H:%M:%SZ' "$AWS_CREDENTIAL_EXPIRATION" +%s 2>/dev/null)"
    [ -n "$end" ] && left=" $(( (end - $(date -u +%s)) / 60 ))m"
  fi
  printf '[%s%s] ' "$profile" "$left"
}
`;
}

const FISH_FUNCTION = `# The rolekeeper function: \`rolekeeper use PROFILE\` and \`rolekeeper fix\` change this shell;
# \`rolekeeper export PROFILE\` does too when its output would go to the terminal.
function rolekeeper --wraps rolekeeper
    switch "$argv[1]"
        case use
            set -l out (command rolekeeper export $argv[2..-1] --shell fish); or return $status
            printf '%s\\n' $out | source; and set -gx ROLEKEEPER_PROFILE $argv[2]
        case fix
            set -l out (command rolekeeper fix --shell fish $argv[2..-1]); set -l rc $status
            printf '%s\\n' $out | source
            return $rc
        case export
            if isatty stdout; and test (count $argv) -ge 2; and not string match -q -- '-*' $argv[2]
                set -l out (command rolekeeper $argv --shell fish); or return $status
                printf '%s\\n' $out | source; and set -gx ROLEKEEPER_PROFILE $argv[2]
            else
                command rolekeeper $argv
            end
        case '*'
            command rolekeeper $argv
    end
end
# Optional prompt segment: call rolekeeper_prompt in fish_prompt. Prints "[profile 42m] " or nothing.
function rolekeeper_prompt
    set -l profile $ROLEKEEPER_PROFILE
    test -z "$profile"; and set profile $AWS_PROFILE
    test -z "$profile"; and return 0
    set -l left ''
    if set -q AWS_CREDENTIAL_EXPIRATION
        set -l end (date -u -d $AWS_CREDENTIAL_EXPIRATION +%s 2>/dev/null; or date -u -j -f '%Y-%m-%dT%H:%M:%SZ' $AWS_CREDENTIAL_EXPIRATION +%s 2>/dev/null)
        test -n "$end"; and set left ' '(math --scale=0 "($end - "(date -u +%s)") / 60")m
    end
    printf '[%s%s] ' $profile $left
end
`;

const POWERSHELL_FUNCTION = `# The rolekeeper function: \`rolekeeper use PROFILE\` and \`rolekeeper fix\` change this session.
function rolekeeper {
  $exe = (Get-Command rolekeeper -CommandType Application | Select-Object -First 1).Source
  switch ($args[0]) {
    'use' {
      $rest = @($args | Select-Object -Skip 1)
      $out = & $exe export @rest --shell powershell
      if ($LASTEXITCODE -eq 0) { $out | Out-String | Invoke-Expression; $env:ROLEKEEPER_PROFILE = $rest[0] }
    }
    'fix' {
      $rest = @($args | Select-Object -Skip 1)
      $out = & $exe fix --shell powershell @rest
      $out | Out-String | Invoke-Expression
    }
    default { & $exe @args }
  }
}
# Optional prompt segment: call rolekeeper_prompt in your prompt function. Prints "[profile 42m] " or nothing.
function rolekeeper_prompt {
  $profile = if ($env:ROLEKEEPER_PROFILE) { $env:ROLEKEEPER_PROFILE } else { $env:AWS_PROFILE }
  if (-not $profile) { return '' }
  $left = ''
  if ($env:AWS_CREDENTIAL_EXPIRATION) { $left = ' ' + [int][math]::Floor(([datetime]::Parse($env:AWS_CREDENTIAL_EXPIRATION).ToUniversalTime() - [datetime]::UtcNow).TotalMinutes) + 'm' }
  "[$profile$left] "
}
`;

/** The rc-file integration for `shell`: completions, the shell function, the prompt segment. */
export function initScript(shell: CompletionShell, program: Command): string {
  const integration = shell === 'fish' ? FISH_FUNCTION : shell === 'powershell' ? POWERSHELL_FUNCTION : posixFunction(shell);
  return `${completionScript(shell, program)}\n${integration}`;
}

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description(helpKey('help.init'))
    .argument('<shell>', helpKey('help.init.shell', { shells: COMPLETION_SHELLS.join('|') }))
    .action((shell: string) => {
      context.stdout(initScript(completionShellArgument(shell, context), program));
    });
}
