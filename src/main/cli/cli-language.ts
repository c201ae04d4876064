// Which language the CLI speaks: the POSIX locale variables in their order of precedence, or
// Windows' UI language. Codes, commands and JSON stay English whatever it says.
import type { EnvVars } from '../core/model/aws-environment';
import { translator, type Translate } from '../../shared/i18n';

// The CLI bundles take the message tables from this one file (scripts/bundle.mjs), not a copy each.
export * from '../../shared/i18n';

/** LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty variable counts as unset (POSIX). */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

export function cliLocale(env: EnvVars, platform: NodeJS.Platform): string | null {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value) return value;
  }
  // Windows keeps the UI language outside the environment; Node's Intl reports it.
  if (platform === 'win32') return Intl.DateTimeFormat().resolvedOptions().locale;
  return null;
}

export function cliTranslator(env: EnvVars, platform: NodeJS.Platform): Translate {
  return translator(cliLocale(env, platform));
}
