// The one place that says "STS rejected what `aws` would sign with": list, the greeting, doctor,
// fix and the tray all read a profile's rejection here (from rejected-keys.ts).
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import type { CliCacheScan } from '../caches/cli-cache';
import { resolveCliCredentials, type ReadableResolution } from '../credentials/credential-resolver';
import { hasRejectedKeys, isRejectedKey } from '../credentials/rejected-keys';

/** What `aws [--profile NAME]` would sign with, when STS has rejected it; else null. */
export function rejectedResolution(
  environment: AwsEnvironment,
  profiles: ProfileSet,
  profile: string | null,
  now: Date,
  cacheScan?: CliCacheScan,
): ReadableResolution | null {
  if (!hasRejectedKeys(environment)) return null;
  const resolution = resolveCliCredentials({ environment, profiles, profile, now, cacheScan });
  if (resolution.state !== 'readable' || !isRejectedKey(environment, resolution.credentials.accessKeyId)) return null;
  return resolution;
}
