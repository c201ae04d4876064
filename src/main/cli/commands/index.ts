// Every `rolekeeper` subcommand, registered in the order `--help` lists them.
// Each command file adds its register function here; one function may register several commands
// (keep/unkeep, manage/unmanage).
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerClearCache } from './clear-cache';
import { registerConsole } from './console';
import { registerCredentialProcess } from './credential-process';
import { registerDaemon } from './daemon';
import { registerDoctor } from './doctor';
import { registerEndpoint } from './endpoint';
import { registerExec } from './exec';
import { registerExport } from './export';
import { registerFix } from './fix';
import { registerKeep } from './keep';
import { registerList } from './list';
import { registerManage } from './manage';
import { registerRefresh } from './refresh';
import { registerSettings } from './settings';
import { registerSetup } from './setup';
import { registerShow } from './show';
import { registerStatus } from './status';
import { registerSso } from './sso';
import { registerVerify } from './verify';
import { registerVault } from './vault';

export type CommandRegistrar = (program: Command, context: CliContext) => void;

export const commandRegistrars: CommandRegistrar[] = [
  // list, show, doctor (read side)
  registerList,
  registerShow,
  registerDoctor,
  registerFix,
  // refresh, verify, clear-cache, export, manage, unmanage (write side)
  registerRefresh,
  registerVerify,
  registerConsole,
  registerClearCache,
  registerExport,
  registerManage,
  // keep, unkeep, daemon, status, credential-process, setup, settings (always fresh)
  registerKeep,
  registerDaemon,
  registerStatus,
  registerEndpoint,
  registerExec,
  registerCredentialProcess,
  registerSetup,
  registerSettings,
  // sso login, sso status (IAM Identity Center)
  registerSso,
  // vault add|move|list|remove|export (long-term keys in the OS keychain)
  registerVault,
];
