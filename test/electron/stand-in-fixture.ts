// What the stand-in tests share: a temp HOME with a role profile, a static profile and
// Rolekeeper's own endpoint profile, STS on moto, and the built bundle under the electron stand-in.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeTempHome, type TempHome } from '../helpers/temp-home';
import { launchMain, MAIN_BUNDLE, type LaunchOptions, type RunningMain, type StandInRecord } from '../helpers/electron-stand-in/launch-main';

export const CONFIG = `[profile base]
region = eu-central-1

[profile dev]
role_arn = arn:aws:iam::123456789012:role/developer
source_profile = base
region = eu-central-1

[profile rolekeeper-endpoint]
`;

/** Fake keys: moto accepts any. */
export const CREDENTIALS = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

let bundled = false;
/** The tests run the real bundle: build it once per test file when the checkout has none. */
export function ensureBundle(): void {
  if (bundled || (existsSync(MAIN_BUNDLE) && process.env.ROLEKEEPER_REBUNDLE !== '1')) return;
  const result = spawnSync(process.execPath, ['scripts/bundle.mjs'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bundling failed: ${result.stderr}`);
  bundled = true;
}

export interface StandInApp {
  home: TempHome;
  app: RunningMain;
  close(): Promise<void>;
}

export function startApp(options: Partial<LaunchOptions> & { stsUrl?: string; config?: string; credentials?: string } = {}): StandInApp {
  ensureBundle();
  const home = options.home ?? makeTempHome({ config: options.config ?? CONFIG, credentials: options.credentials ?? CREDENTIALS });
  const app = launchMain({
    ...options,
    home,
    env: { ...(options.stsUrl ? { AWS_ENDPOINT_URL_STS: options.stsUrl } : {}), ...options.env },
  });
  return {
    home,
    app,
    async close() {
      await app.stop();
      if (!options.home) home.cleanup();
    },
  };
}

export const trayIsUp = (record: StandInRecord): boolean => record.tray !== null && record.tray.menu.length > 0;

export function menuLabels(record: StandInRecord): string[] {
  return (record.tray?.menu ?? []).map((item) => item.label ?? '');
}

export function submenuOf(record: StandInRecord, prefix: string): string[] {
  const item = record.tray?.menu.find((entry) => entry.label?.startsWith(prefix));
  return (item?.submenu ?? []).map((entry) => entry.label ?? '');
}
