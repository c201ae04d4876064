// How long credentials must still be valid to be worth handing out. No imports: the
// credential-process fast path reads these.

/**
 * botocore treats credentials with under 15 minutes left as due: CachedCredentialFetcher ignores
 * such a CLI cache entry and RefreshableCredentials (credential_process, AssumeRole) refreshes them.
 */
export const CLI_CACHE_MIN_VALID_MS = 15 * 60_000;

/** Exported variables never renew: they should outlast the CLI's own 15-minute margin. */
export const EXPORT_MIN_VALID_MS = 20 * 60_000;
