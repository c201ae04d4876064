// `rolekeeper export PROFILE [--shell S] [--unset] [--via-endpoint]`: the `export …` / `set …`
// lines `aws configure export-credentials` prints, quoted so they are safe to paste or eval.
import type { Command } from 'commander';
import {
  ENDPOINT_PROFILE,
  EXPORT_FORMATS,
  guessShell,
  renderCredentialUnset,
  renderViaEndpointUnset,
  type ExportFormat,
} from '../../core/service/wording-helpers';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { asCliError, mfaCodeProvider, warnIfShadowed } from '../cli-support';
import { helpKey } from '../help-text';

export interface ExportOptions {
  shell?: string;
  unset?: boolean;
  viaEndpoint?: boolean;
  mfaCode?: string;
}

export function registerExport(program: Command, context: CliContext): void {
  program
    .command('export')
    .description(helpKey('help.export'))
    .argument('[profile]', helpKey('help.export.profile'))
    .option('--shell <shell>', helpKey('help.export.shell', { formats: EXPORT_FORMATS.join(', ') }))
    .option('--unset', helpKey('help.export.unset', { profile: ENDPOINT_PROFILE }))
    .option('--via-endpoint', helpKey('help.export.viaEndpoint'))
    .option('--mfa-code <code>', helpKey('help.export.mfaCode'))
    .action((name: string | undefined, options: ExportOptions) => exportProfile(context, name, options));
}

/** What `rolekeeper export` does once its arguments are read (commander and the warm path both call it). */
export async function exportProfile(context: CliContext, name: string | undefined, options: ExportOptions): Promise<void> {
  const environment = context.environment;
  const format = (options.shell ?? guessShell(environment)) as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new CliError(context.t('cmd.export.shellChoice', { shells: EXPORT_FORMATS.join(', ') }), EXIT_USAGE);
  }
  if (options.unset) {
    if (name !== undefined || options.viaEndpoint) throw new CliError(context.t('cmd.export.unsetAlone'), EXIT_USAGE);
    if (format === 'json') throw new CliError(context.t('cmd.export.unsetJson'), EXIT_USAGE);
    context.stdout(renderCredentialUnset(format) + renderViaEndpointUnset(environment, format));
    return;
  }
  if (name === undefined) throw new CliError(context.t('cmd.export.needProfile'), EXIT_USAGE);
  if (options.viaEndpoint && format === 'json') throw new CliError(context.t('engine.export.endpointNoJson'), EXIT_USAGE);
  const service = context.service();
  try {
    service.requireProfile(name);
    warnIfShadowed(context, name);
    if (options.viaEndpoint) {
      const { text, addedProfileTo } = await service.exportViaEndpoint(name, format);
      if (addedProfileTo !== null) {
        context.stderr(`rolekeeper: ${context.t('cmd.export.endpointProfileAdded', { profile: ENDPOINT_PROFILE, file: addedProfileTo })}\n`);
      }
      context.stdout(text);
      return;
    }
    context.stdout(await service.exportKeys(name, format, mfaCodeProvider(context, options.mfaCode)));
  } catch (error) {
    throw asCliError(error, context.t);
  }
}
