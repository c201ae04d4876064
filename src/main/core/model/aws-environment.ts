// The process facts the engine reads (environment variables, platform, home folder), passed in as
// one value so tests run every platform's rules on any machine and never touch the real ~/.aws.
import * as os from 'node:os';
import * as path from 'node:path';

export type EnvVars = Readonly<Record<string, string | undefined>>;

export interface AwsEnvironment {
  env: EnvVars;
  platform: NodeJS.Platform;
  /** The home folder botocore uses: %USERPROFILE% on Windows, $HOME elsewhere. */
  homeDir: string;
}

export interface AwsPaths {
  configFile: string;
  credentialsFile: string;
  cliCacheDir: string;
  ssoCacheDir: string;
}

export function currentEnvironment(): AwsEnvironment {
  return environmentFrom(process.env, process.platform);
}

export function environmentFrom(env: EnvVars, platform: NodeJS.Platform): AwsEnvironment {
  const homeDir =
    platform === 'win32'
      ? env.USERPROFILE ?? os.homedir()
      : env.HOME ?? os.homedir();
  return { env, platform, homeDir };
}

function pathApi(environment: AwsEnvironment): path.PlatformPath {
  return environment.platform === 'win32' ? path.win32 : path.posix;
}

/** Expands a leading `~` and `$VAR`/`%VAR%` the way botocore does for AWS_CONFIG_FILE. */
export function expandUserPath(value: string, environment: AwsEnvironment): string {
  const withVars = value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
      const resolved = environment.env[braced ?? bare];
      return resolved ?? whole;
    })
    .replace(/%([^%]+)%/g, (whole, name) =>
      environment.platform === 'win32' ? environment.env[name] ?? whole : whole,
    );
  return expandHome(withVars, environment);
}

/** Expands only a leading `~`, as Python's os.path.expanduser (botocore's AWS_CREDENTIAL_FILE). */
export function expandHome(value: string, environment: AwsEnvironment): string {
  if (value === '~') return environment.homeDir;
  if (value.startsWith('~/') || value.startsWith('~\\')) {
    return pathApi(environment).join(environment.homeDir, value.slice(2));
  }
  return value;
}

export function awsPaths(environment: AwsEnvironment): AwsPaths {
  const p = pathApi(environment);
  const awsDir = p.join(environment.homeDir, '.aws');
  const configured = (name: string, fallback: string): string => {
    const value = environment.env[name];
    return value ? expandUserPath(value, environment) : fallback;
  };
  return {
    configFile: configured('AWS_CONFIG_FILE', p.join(awsDir, 'config')),
    credentialsFile: configured('AWS_SHARED_CREDENTIALS_FILE', p.join(awsDir, 'credentials')),
    cliCacheDir: p.join(awsDir, 'cli', 'cache'),
    ssoCacheDir: p.join(awsDir, 'sso', 'cache'),
  };
}

/**
 * Rolekeeper's own folder: the same one Electron's app.getPath('userData') gives the tray, so the
 * CLI, the daemon and the tray share one store of managed and kept-fresh profiles.
 */
export function rolekeeperDataDir(environment: AwsEnvironment): string {
  const p = pathApi(environment);
  const override = environment.env.ROLEKEEPER_DATA_DIR;
  if (override) return override;
  switch (environment.platform) {
    case 'win32':
      return p.join(environment.env.APPDATA ?? p.join(environment.homeDir, 'AppData', 'Roaming'), 'Rolekeeper');
    case 'darwin':
      return p.join(environment.homeDir, 'Library', 'Application Support', 'Rolekeeper');
    default:
      return p.join(environment.env.XDG_CONFIG_HOME || p.join(environment.homeDir, '.config'), 'Rolekeeper');
  }
}

/** The store of managed and kept profiles (see rolekeeper-store.ts). */
export function storeFilePath(environment: AwsEnvironment): string {
  return pathApi(environment).join(rolekeeperDataDir(environment), 'profiles.json');
}
