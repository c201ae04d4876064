// Each test gets its own HOME with its own ~/.aws, and an environment with no AWS_* variable
// of the machine it runs on: tests never read or write the real ~/.aws.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AwsEnvironment } from '../../src/main/core/model/aws-environment';

export interface TempHome {
  home: string;
  configFile: string;
  credentialsFile: string;
  /** Environment for child processes and for the engine: temp HOME, no inherited AWS_* vars. */
  env: Record<string, string>;
  environment: AwsEnvironment;
  write(relativePath: string, content: string | Buffer): string;
  cleanup(): void;
}

export interface TempHomeOptions {
  config?: string;
  credentials?: string;
  env?: Record<string, string>;
}

export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (key.startsWith('AWS_') || key === 'XDG_CONFIG_HOME' || key.startsWith('ROLEKEEPER_')) continue;
    env[key] = value;
  }
  // No instance metadata service on these machines: never wait for one.
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return { ...env, ...extra };
}

export function makeTempHome(options: TempHomeOptions = {}): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'rolekeeper-home-'));
  const configFile = join(home, '.aws', 'config');
  const credentialsFile = join(home, '.aws', 'credentials');
  mkdirSync(join(home, '.aws'), { recursive: true });
  // 0600, as `aws configure` creates them: keys in a file others can read are a doctor finding.
  if (options.config !== undefined) writeFileSync(configFile, options.config, { mode: 0o600 });
  if (options.credentials !== undefined) writeFileSync(credentialsFile, options.credentials, { mode: 0o600 });
  const env = cleanEnv({
    HOME: home,
    USERPROFILE: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    ...options.env,
  });
  return {
    home,
    configFile,
    credentialsFile,
    env,
    environment: { env, platform: process.platform, homeDir: home },
    write(relativePath, content) {
      const full = join(home, relativePath);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content, { mode: 0o600 });
      return full;
    },
    cleanup() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Runs `body` in a fresh temp HOME and removes it afterwards, also when `body` is async or throws. */
export function withTempHome<T>(options: TempHomeOptions, body: (home: TempHome) => T): T {
  const home = makeTempHome(options);
  let result: T;
  try {
    result = body(home);
  } catch (error) {
    home.cleanup();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => home.cleanup()) as T;
  home.cleanup();
  return result;
}
