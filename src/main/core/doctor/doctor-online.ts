// `rolekeeper doctor --online`: asks STS whether the credentials each profile holds right now
// still work (GetCallerIdentity) and how far this computer's clock is from AWS's. Only credentials
// that exist already are tried: no AssumeRole, no MFA prompt, nothing written.
import { phrase, type Phrase } from '../../../shared/i18n';
import { wordedText } from '../../../shared/finding-wording';
import { clockSkewWords } from '../sts/clock-skew';
import type { AwsEnvironment } from '../model/aws-environment';
import { environmentCredentials, viewCliCache, type CacheView } from '../credentials/credential-state';
import { maskSecret } from '../../../shared/mask';
import type { CliCacheScan } from '../caches/cli-cache';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import { resolveCliCredentials, type ReadableResolution } from '../credentials/credential-resolver';
import { KEY_REJECTION_KINDS, rememberRejectedKey } from '../credentials/rejected-keys';
import { DEFAULT_ENGINE_SETTINGS, readStore, type StoreData } from '../credentials/rolekeeper-store';
import { rejectionFailure, rememberRejection } from '../credentials/verify-profile';
import type { ProfileSet, ResolvedProfile } from '../aws-config/profile-model';
import { stsProfileSettingsFrom, type StsCallOptions, type StsProfileSettings } from '../sts/sts-client-factory';
import { awsSdkSts, type StsPort } from '../sts/sts-port';
import type { Finding } from '../../../shared/profile-summary';

// Moved next to the clock report; doctor's callers and tests still find it here.
export { clockSkewWords };

export interface OnlineDoctorOptions {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  now: Date;
  cacheScan?: CliCacheScan;
  /** Calls run at once; default 4. */
  concurrency?: number;
  sts?: StsCallOptions;
  /** Whether this process runs as root (uid 0): root has no use for `sudo`, and often no `sudo` at all. */
  runsAsRoot?: boolean;
  /** Check only these profiles (the ones in use, kept, managed or named); default every profile. */
  only?: ReadonlySet<string>;
  /** Where the calls go: the service's STS port (a recording one in unit tests); default the AWS SDK. */
  port?: StsPort;
}

/** What one profile would sign with now, and where it came from (for messages). */
export interface ProfileCredentials {
  profile: string;
  credentials: AwsCredentials;
  origin: Phrase;
  settings: StsProfileSettings;
  /** What `aws --profile NAME` would sign with: STS rejecting it gets the fix verify gives. */
  resolution: ReadableResolution;
}

const DOCTOR_STS: StsCallOptions = { maxAttempts: 1, connectTimeoutMs: 2000, requestTimeoutMs: 5000 };

/**
 * What `aws --profile NAME` would sign with now without calling anything (keys in a file, a
 * usable CLI cache entry); null when the CLI would first have to call something.
 */
export function credentialsToCheck(
  environment: AwsEnvironment,
  profiles: ProfileSet,
  profile: ResolvedProfile,
  now: Date,
  cache: CacheView,
): ProfileCredentials | null {
  const resolution = resolveCliCredentials({ environment, profiles, profile: profile.name, now, cacheScan: cache.scan });
  if (resolution.state !== 'readable') return null;
  const location = resolution.location;
  const origin = location.kind === 'file'
    ? phrase('online.origin.keys', { at: `${location.file}:${location.line}` })
    : location.kind === 'cli-cache' ? phrase('online.origin.cache', { file: location.file }) : phrase('online.origin.env');
  return { profile: profile.name, credentials: resolution.credentials, origin, settings: stsProfileSettingsFrom(profile, profiles), resolution };
}

function storeOrEmpty(environment: AwsEnvironment): StoreData {
  try {
    return readStore(environment);
  } catch {
    // doctor reports an unreadable store itself; here it only decides between two fix wordings.
    return { version: 1, managed: {}, kept: [], sinks: {}, settings: DEFAULT_ENGINE_SETTINGS, accountNames: {} };
  }
}


function failureFinding(error: unknown, who: Phrase, profile: string | null): Finding {
  if (error instanceof RefreshError) {
    // The failure's own phrases when it has them; else its English text, said as it is.
    const message = phrase('online.failure', { who, message: error.wording?.message ?? error.message });
    return {
      code: `sts-${error.kind}`,
      severity: error.transient ? 'warning' : 'error',
      profile,
      ...wordedText(message, error.wording?.fix ?? error.fix),
    };
  }
  // Not a classified STS failure: say only that it failed, never echo an unknown message.
  return { code: 'sts-unknown', severity: 'warning', profile, ...wordedText(phrase('online.failure', { who, message: phrase('online.unexpected') }), null) };
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}

/** The clock repair as a command the person runs (it needs administrator rights), and the words it needs on Windows. */
export function ntpRepair(platform: NodeJS.Platform, runsAsRoot: boolean): { argv: string[]; advice: Phrase | null } {
  if (platform === 'win32') return { argv: ['w32tm', '/resync'], advice: phrase('doctor.clock.elevated') };
  const sudo = runsAsRoot ? [] : ['sudo'];
  if (platform === 'darwin') return { argv: [...sudo, 'sntp', '-sS', 'time.apple.com'], advice: null };
  return { argv: [...sudo, 'timedatectl', 'set-ntp', 'true'], advice: null };
}

/** The command that sets the clock from network time; needs administrator rights (Windows: an elevated prompt). */
export function ntpFix(platform: NodeJS.Platform, runsAsRoot: boolean): string {
  if (platform === 'win32') return 'w32tm /resync   (in a terminal opened with "Run as administrator")';
  const sudo = runsAsRoot ? '' : 'sudo ';
  if (platform === 'darwin') return `${sudo}sntp -sS time.apple.com`;
  return `${sudo}timedatectl set-ntp true`;
}

export function processRunsAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Clock skew first (it explains every other failure), then one GetCallerIdentity per profile. */
export async function runOnlineChecks(options: OnlineDoctorOptions): Promise<Finding[]> {
  const { environment, profiles, now } = options;
  const env = environment.env;
  const sts = { ...DOCTOR_STS, ...options.sts };
  const findings: Finding[] = [];

  const port = options.port ?? awsSdkSts;
  try {
    const skew = port.measureClockSkew ? await port.measureClockSkew({ env, region: null, ...sts, maxAttempts: 1 }) : null;
    if (skew && skew.severity !== 'ok') {
      const ntp = ntpRepair(environment.platform, options.runsAsRoot ?? processRunsAsRoot());
      // A command only the person can run; doctor writes its line for the paste shell from the step.
      findings.push({ code: 'clock-skew', severity: skew.severity, profile: null, ...wordedText(clockSkewWords(skew.severity, skew.offsetMs), ntp.advice), repair: [{ kind: 'run-command', argv: ntp.argv }] });
    }
  } catch (error) {
    const unreachable = failureFinding(error, phrase('online.unreachable'), null);
    return [{ ...unreachable, code: 'sts-unreachable', severity: 'warning' }];
  }

  const envCreds = environmentCredentials(environment);
  if (envCreds && env.AWS_SECRET_ACCESS_KEY) {
    const token = envCreds.tokenVariable ? env[envCreds.tokenVariable] : undefined;
    try {
      await port.getCallerIdentity({
        credentials: { accessKeyId: envCreds.accessKeyId, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(token ? { sessionToken: token } : {}) },
        region: null,
        env,
        ...sts,
      });
    } catch (error) {
      if (error instanceof RefreshError && KEY_REJECTION_KINDS.has(error.kind)) {
        // Noted like any rejection, so doctor, list and fix see the same status (rejected-credentials check).
        await rememberRejectedKey(environment, envCreds.accessKeyId, { expiresAt: envCreds.expiresAt ?? null, now: now.getTime() }).catch(() => undefined);
      }
      findings.push(failureFinding(error, phrase('online.envCredentials', { key: maskSecret(envCreds.accessKeyId) }), null));
    }
  }

  const checks: ProfileCredentials[] = [];
  const notChecked: string[] = [];
  const cache = viewCliCache(profiles, options.cacheScan);
  let storeRead: StoreData | undefined;
  const store = (): StoreData => (storeRead ??= storeOrEmpty(environment));
  for (const profile of profiles.profiles) {
    if (options.only && !options.only.has(profile.name)) continue;
    if (profile.problems.some((problem) => problem.severity === 'error')) continue;
    const found = credentialsToCheck(environment, profiles, profile, now, cache);
    if (found) checks.push(found);
    else if (profile.type !== 'none') notChecked.push(profile.name);
  }
  const failures = new Map<string, Finding>();
  await inBatches(checks, options.concurrency ?? 4, async (check) => {
    try {
      await port.getCallerIdentity({ credentials: check.credentials, region: null, env, ...sts, profileValues: check.settings, profile: check.profile });
    } catch (error) {
      const who = phrase('online.profile', { profile: check.profile, origin: check.origin });
      if (error instanceof RefreshError && KEY_REJECTION_KINDS.has(error.kind)) {
        await rememberRejection(environment, check.resolution, now.getTime());
        failures.set(check.profile, failureFinding(rejectionFailure(error, environment, check.resolution, { profiles, store: store() }), who, check.profile));
      } else {
        failures.set(check.profile, failureFinding(error, who, check.profile));
      }
    }
  });
  for (const check of checks) {
    const failure = failures.get(check.profile);
    if (failure) findings.push(failure);
  }
  if (notChecked.length > 0) {
    findings.push({
      code: 'online-not-checked',
      severity: 'info',
      profile: null,
      ...wordedText(phrase('online.notChecked', { profiles: notChecked.map((name) => `"${name}"`).join(', ') }), null),
    });
  }
  return findings;
}
