// One refresh of one profile: the credential chain (through the STS port) gives fresh credentials,
// every active sink publishes them. The service, and through it the CLI, the daemon and the tray,
// all refresh this way.
import type { MfaCodeProvider, ObtainedCredentials } from '../credentials/credential-chain';
import { obtainCredentials } from '../credentials/credential-chain';
import { RefreshError, type AwsCredentials } from '../model/credentials';
import type { MfaSessionCache } from '../sts/mfa-session';
import type { StsCallOptions } from '../sts/sts-client-factory';
import type { StsPort } from '../sts/sts-port';
import type { SsoPort } from '../sso/sso-port';
import { activeSinks, heldExpiry } from '../sinks/sink-registry';
import type { PublishedSink, SinkContext } from '../sinks/sink';
import { formatRemaining } from '../../../shared/duration';
import { phrase, type Phrase } from '../../../shared/i18n';
import { quoteNameInProse } from '../shell/any-shell';
import { requireRefreshable } from '../credentials/profile-lookup';
import type { KeychainPort } from '../vault/keychain';

export interface RefreshOptions {
  /** Asked only when STS needs a code; a string is a code a person already typed. */
  mfaCode?: string | MfaCodeProvider;
  /** Refresh only when less than this remains, and fail when a refresh cannot give this much. */
  minValidMs?: number;
  /** Show which lines would change, call nothing, write nothing. */
  dryRun?: boolean;
  /** Aborted (the scheduler stopped): nothing is published, even if STS already answered. */
  signal?: AbortSignal;
}

export interface RefreshOutcome {
  profile: string;
  /** False when the credentials in place already had the validity asked for. */
  refreshed: boolean;
  expiresAt: Date | null;
  sinks: PublishedSink[];
  /** Phrases: the CLI words them for the person, `--json` in English. */
  notices: Phrase[];
  /** Diffs of file edits (secret values masked); with dryRun, what would change. */
  diffs: string[];
}

export interface RefreshResult {
  outcome: RefreshOutcome;
  /** The fresh credentials; never print them. Null when nothing was refreshed. */
  credentials: AwsCredentials | null;
}

export interface RefreshContext extends SinkContext {
  sts: StsPort;
  sso?: SsoPort;
  stsOptions?: StsCallOptions;
  mfaSessions?: MfaSessionCache;
  keychain?: KeychainPort;
}

function codeProvider(code: RefreshOptions['mfaCode']): MfaCodeProvider | undefined {
  if (code === undefined || typeof code === 'function') return code;
  return async () => code;
}

export async function refreshProfile(name: string, options: RefreshOptions, context: RefreshContext): Promise<RefreshResult> {
  const { environment, profiles, store, now } = context;
  requireRefreshable(name, profiles, store, environment.platform);

  if (options.minValidMs !== undefined && !options.dryRun) {
    const expiry = heldExpiry(name, context);
    if (expiry && expiry.getTime() - now() >= options.minValidMs) {
      return { outcome: { profile: name, refreshed: false, expiresAt: expiry, sinks: [], notices: [], diffs: [] }, credentials: null };
    }
  }

  const obtained: ObtainedCredentials = options.dryRun
    ? placeholderCredentials(now)
    : await obtainCredentials(name, {
        environment,
        profiles,
        store,
        mfaCode: codeProvider(options.mfaCode),
        mfaSessions: context.mfaSessions,
        sts: context.sts,
        stsOptions: context.stsOptions,
        sso: context.sso,
        keychain: context.keychain,
        now,
      });
  if (options.signal?.aborted) throw RefreshError.worded('unknown', phrase('failure.stopped', { profile: name }), phrase('failure.stoppedFix'), name);

  const sinks: PublishedSink[] = [];
  const diffs: string[] = [];
  for (const sink of activeSinks(name, context)) {
    const published = await sink.publish(name, obtained, context, Boolean(options.dryRun));
    if (!published) continue;
    sinks.push({ kind: published.kind, location: published.location });
    if (published.diff) diffs.push(published.diff);
  }

  const expiresAt = options.dryRun ? null : obtained.credentials.expiration ?? null;
  if (options.minValidMs !== undefined && expiresAt && expiresAt.getTime() - now() < options.minValidMs) {
    throw RefreshError.worded(
      'duration-too-long',
      phrase('failure.tooShort', { profile: name, lasts: formatRemaining(expiresAt.getTime() - now()), asked: formatRemaining(options.minValidMs) }),
      phrase('failure.tooShortFix', { profile: quoteNameInProse(environment.platform, name) }),
      name,
    );
  }
  return {
    outcome: { profile: name, refreshed: !options.dryRun, expiresAt, sinks, notices: obtained.notices, diffs },
    credentials: options.dryRun ? null : obtained.credentials,
  };
}

/** A dry run shows which lines would change without calling STS: the values are placeholders. */
function placeholderCredentials(now: () => number): ObtainedCredentials {
  return {
    credentials: { accessKeyId: 'ASIA-NEW-KEY-ID', secretAccessKey: 'new-secret', sessionToken: 'new-token', expiration: new Date(now() + 3600_000) },
    assumedRole: null,
    notices: [],
  };
}
