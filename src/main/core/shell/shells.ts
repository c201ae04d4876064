// Every shell Rolekeeper writes lines for, by kind. A new kind in SHELLS (src/shared) without an
// entry here fails to compile.
import type { ShellKind } from '../../../shared/ipc-contract';
import { bash } from './bash';
import { cmd } from './cmd';
import { fish } from './fish';
import { powershell } from './powershell';
import type { Shell } from './shell';
import { zsh } from './zsh';

export const SHELL_SYNTAX = { bash, zsh, fish, powershell, cmd } satisfies Record<ShellKind, Shell>;

export function shellFor(kind: ShellKind): Shell {
  return SHELL_SYNTAX[kind];
}
