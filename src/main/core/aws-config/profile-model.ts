// The engine's view of AWS profiles after reading and resolving the config and credentials files.
// profile-loader.ts produces it; everything else reads it.
import type { AwsPaths } from '../model/aws-environment';
import type { Finding, ProfileType } from '../../../shared/profile-summary';

/** A setting's value and exactly where the AWS CLI would read it from (1-based line). */
export interface ConfigValue {
  value: string;
  file: string;
  line: number;
  fileKind: 'config' | 'credentials';
}

/** The role settings of a profile, as botocore reads them (raw strings, whitespace-stripped). */
export interface RoleSettings {
  roleArn: ConfigValue | null;
  sourceProfile: ConfigValue | null;
  credentialSource: ConfigValue | null;
  externalId: ConfigValue | null;
  mfaSerial: ConfigValue | null;
  /** The raw value; `durationSeconds` is the parsed integer, null when absent or not an integer. */
  durationSecondsRaw: ConfigValue | null;
  durationSeconds: number | null;
  roleSessionName: ConfigValue | null;
}

export interface ResolvedProfile {
  name: string;
  type: ProfileType;
  region: ConfigValue | null;
  /** Source profiles this one takes its credentials from, nearest first (empty for non-role types). */
  sourceChain: string[];
  role: RoleSettings;
  /**
   * Every setting of the profile in botocore's merged view (config file, then credentials file
   * key by key on top), keys lower-cased as botocore does. Includes secrets: never print values
   * of aws_secret_access_key / aws_session_token.
   */
  values: ReadonlyMap<string, ConfigValue>;
  /** Nested sub-sections (`s3 =` blocks): name → key → value. */
  subSections: ReadonlyMap<string, ReadonlyMap<string, ConfigValue>>;
  /** Where the profile's section headers stand (one per file it appears in). */
  definedIn: Array<{ file: string; line: number; fileKind: 'config' | 'credentials' }>;
  /** Misconfigurations of this profile; the first error-severity one is its `error`. */
  problems: Finding[];
}

export interface ProfileSet {
  paths: AwsPaths;
  /** In the order `aws configure list-profiles` prints them. */
  profiles: ResolvedProfile[];
  /** `[sso-session NAME]` sections. */
  ssoSessions: ReadonlyMap<string, ReadonlyMap<string, ConfigValue>>;
  /** `[services NAME]` sections: name → service id → key → value. */
  services: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, ConfigValue>>>;
  /** File-level findings (unparseable file, BOM, duplicate sections, CLI/SDK disagreements). */
  findings: Finding[];
  get(name: string): ResolvedProfile | undefined;
}
