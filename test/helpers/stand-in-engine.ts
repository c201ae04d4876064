// A simple EngineFacade over a temp HOME's files, for tests that need deterministic fake states
// and no moto (the IPC handler table's unit tests, the renderer timer test): profiles from
// ~/.aws/config (via `ini`), credentials in ~/.aws/cli/cache/<profile>.json, MFA when the profile
// has mfa_serial. The popover tests run over the real engine (createEngineFacade) instead.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ini from 'ini';
import type { CallerIdentity, EngineActivity, EngineFacade, RefreshAllResult, SettingsStore } from '../../src/main/core/always-fresh/engine-facade';
import type { Finding, ProfileSummary } from '../../src/shared/profile-summary';
import { DEFAULT_SETTINGS, type ExportForm, type Settings, type ShellKind } from '../../src/shared/ipc-contract';
import type { TempHome } from './temp-home';

export class StandInError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
  }
}

export interface StandInOptions {
  now?: () => number;
  /** Lifetime of refreshed credentials. */
  lifetimeMs?: number;
  settingsStore?: SettingsStore;
}

export function memorySettingsStore(initial: Partial<Settings> = {}): SettingsStore & { saved: Settings | null } {
  return {
    saved: null,
    load: () => initial,
    save(settings) {
      this.saved = settings;
    },
  };
}

interface ConfigProfile {
  name: string;
  values: Record<string, string>;
}

export class StandInEngine implements EngineFacade {
  private readonly listeners = new Set<() => void>();
  private readonly pendingMfa = new Set<string>();
  private settings: Settings;
  private readonly now: () => number;
  private readonly store: SettingsStore;
  replans = 0;

  constructor(private readonly home: TempHome, private readonly options: StandInOptions = {}) {
    this.now = options.now ?? Date.now;
    this.store = options.settingsStore ?? memorySettingsStore();
    this.settings = { ...DEFAULT_SETTINGS, ...this.store.load() };
  }

  private get cacheDir(): string {
    return join(this.home.home, '.aws', 'cli', 'cache');
  }

  private configProfiles(): ConfigProfile[] {
    if (!existsSync(this.home.configFile)) return [];
    const parsed = ini.parse(readFileSync(this.home.configFile, 'utf8')) as Record<string, Record<string, string>>;
    const profiles: ConfigProfile[] = [];
    for (const [section, values] of Object.entries(parsed)) {
      if (section === 'default') profiles.push({ name: 'default', values });
      else if (section.startsWith('profile ')) profiles.push({ name: section.slice(8).trim(), values });
    }
    return profiles;
  }

  private cacheEntry(name: string): { expiration: string; accessKeyId: string; secretAccessKey: string; sessionToken: string } | null {
    const file = join(this.cacheDir, `${name}.json`);
    if (!existsSync(file)) return null;
    const credentials = JSON.parse(readFileSync(file, 'utf8')).Credentials;
    return {
      expiration: credentials.Expiration,
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    };
  }

  private summary(profile: ConfigProfile): ProfileSummary {
    const roleArn = profile.values.role_arn ?? null;
    const entry = roleArn ? this.cacheEntry(profile.name) : null;
    const expiresAt = entry?.expiration ?? null;
    let status: ProfileSummary['status'] = roleArn ? 'unknown' : profile.values.aws_access_key_id ? 'valid' : 'unknown';
    if (expiresAt) {
      const left = Date.parse(expiresAt) - this.now();
      status = left <= 0 ? 'expired' : left <= 15 * 60_000 ? 'expiring' : 'valid';
    }
    const chain: string[] = [];
    let source: string | undefined = profile.values.source_profile;
    while (source && !chain.includes(source)) {
      chain.push(source);
      const current: string = source;
      source = this.configProfiles().find((p) => p.name === current)?.values.source_profile;
    }
    return {
      name: profile.name,
      type: roleArn ? 'role' : profile.values.aws_access_key_id ? 'static' : 'none',
      region: profile.values.region ?? null,
      sourceChain: chain,
      status,
      expiresAt,
      error: null,
      layers: entry ? [{ kind: 'cli-cache', status, expiresAt, location: join(this.cacheDir, `${profile.name}.json`) }] : [],
      roleArn,
      accountId: roleArn ? roleArn.split(':')[4] ?? null : null,
    };
  }

  listProfiles(): ProfileSummary[] {
    return this.configProfiles().map((profile) => this.summary(profile));
  }

  activity(): EngineActivity {
    return { keptFresh: this.settings.keptFresh.map((item) => item.profile), pendingMfa: [...this.pendingMfa], refreshing: [] };
  }

  private profile(name: string): ConfigProfile {
    const found = this.configProfiles().find((profile) => profile.name === name);
    if (!found) throw new StandInError('config', `no profile "${name}"`);
    return found;
  }

  async refresh(name: string, options: { mfaCode?: string } = {}): Promise<ProfileSummary> {
    const profile = this.profile(name);
    if (!profile.values.role_arn) throw new StandInError('config', `profile "${name}" has no role_arn to assume`);
    if (profile.values.mfa_serial && !options.mfaCode) {
      this.pendingMfa.add(name);
      this.emit();
      throw new StandInError('mfa-required', `profile "${name}" needs an MFA code from ${profile.values.mfa_serial}`);
    }
    if (options.mfaCode === '000000') throw new StandInError('mfa-invalid', `the MFA code ${options.mfaCode} was rejected for "${name}"`);
    mkdirSync(this.cacheDir, { recursive: true });
    const expiration = new Date(this.now() + (this.options.lifetimeMs ?? 60 * 60_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const suffix = Math.random().toString(36).slice(2, 10).toUpperCase();
    writeFileSync(
      join(this.cacheDir, `${name}.json`),
      JSON.stringify({
        Credentials: { AccessKeyId: `ASIA${suffix}`, SecretAccessKey: `secret-${suffix}`, SessionToken: `token-${suffix}`, Expiration: expiration },
      }),
      { mode: 0o600 },
    );
    this.pendingMfa.delete(name);
    this.emit();
    return this.summary(profile);
  }

  async refreshAll(): Promise<RefreshAllResult[]> {
    const results: RefreshAllResult[] = [];
    for (const profile of this.configProfiles().filter((p) => p.values.role_arn)) {
      try {
        await this.refresh(profile.name);
        results.push({ profile: profile.name, ok: true });
      } catch (error) {
        results.push({ profile: profile.name, ok: false, kind: (error as StandInError).kind, message: (error as Error).message });
      }
    }
    return results;
  }

  async clearCache(name?: string): Promise<number> {
    if (!existsSync(this.cacheDir)) return 0;
    const files = readdirSync(this.cacheDir).filter((file) => file.endsWith('.json') && (name === undefined || file === `${name}.json`));
    for (const file of files) rmSync(join(this.cacheDir, file));
    this.emit();
    return files.length;
  }

  async exportText(name: string, shell: ShellKind, form: ExportForm): Promise<string> {
    this.profile(name);
    const vars: Array<[string, string]> =
      form === 'endpoint'
        ? [
            ['AWS_CONTAINER_CREDENTIALS_FULL_URI', `http://127.0.0.1:43117/profiles/${encodeURIComponent(name)}`],
            ['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'stand-in-endpoint-token'],
          ]
        : (() => {
            const entry = this.cacheEntry(name);
            if (!entry) throw new StandInError('expired-source', `profile "${name}" has no credentials yet: refresh it first`);
            return [
              ['AWS_ACCESS_KEY_ID', entry.accessKeyId],
              ['AWS_SECRET_ACCESS_KEY', entry.secretAccessKey],
              ['AWS_SESSION_TOKEN', entry.sessionToken],
              ['AWS_CREDENTIAL_EXPIRATION', entry.expiration],
            ] as Array<[string, string]>;
          })();
    const line = ([key, value]: [string, string]): string => {
      switch (shell) {
        case 'fish':
          return `set -gx ${key} '${value}'`;
        case 'powershell':
          return `$Env:${key} = '${value}'`;
        case 'cmd':
          return `set ${key}=${value}`;
        default:
          return `export ${key}='${value}'`;
      }
    };
    return vars.map(line).join('\n') + '\n';
  }

  async verify(name: string): Promise<CallerIdentity> {
    const profile = this.profile(name);
    const arn = profile.values.role_arn;
    if (!arn || !this.cacheEntry(name)) throw new StandInError('expired-source', `profile "${name}" has no credentials: refresh it first`);
    const [, , , , account, resource] = arn.split(':');
    return { account, arn: `arn:aws:sts::${account}:assumed-role/${resource.split('/').pop()}/rolekeeper`, userId: 'AROASTANDIN:rolekeeper' };
  }

  async doctor(): Promise<Finding[]> {
    return this.listProfiles()
      .filter((profile) => profile.status === 'expired')
      .map((profile) => ({
        code: 'expired-cache-entry',
        severity: 'warning' as const,
        profile: profile.name,
        message: `The CLI cache entry of "${profile.name}" has expired.`,
        fix: `rm ${join(this.cacheDir, `${profile.name}.json`)}`,
      }));
  }

  async applyFix(code: string, profile: string | null): Promise<string> {
    if (code !== 'expired-cache-entry' || profile === null) throw new StandInError('config', `no automatic fix for ${code}`);
    await this.clearCache(profile);
    return `Removed the expired cache entry of "${profile}".`;
  }

  getSettings(): Settings {
    return structuredClone(this.settings);
  }

  async setSettings(patch: Partial<Settings>): Promise<Settings> {
    this.settings = { ...this.settings, ...patch };
    this.store.save(this.settings);
    this.emit();
    return this.getSettings();
  }

  configFilePath(): string {
    return this.home.configFile;
  }

  replan(): void {
    this.replans += 1;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The stand-in has no scheduler, so it never notifies. */
  onNotification(): { dispose(): void } {
    return { dispose: () => undefined };
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }
}
