// Every `rolekeeper` subcommand, registered in the order `--help` lists them.
// Each command lives in its own file and adds exactly one line here.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

export type CommandRegistrar = (program: Command, context: CliContext) => void;

export const commandRegistrars: CommandRegistrar[] = [
  // list, show, doctor (read side)
  // refresh, verify, clear-cache, export, manage, unmanage (write side)
  // keep, unkeep, daemon, credential-process, setup (always fresh)
];
