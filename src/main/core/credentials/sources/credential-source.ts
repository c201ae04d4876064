// What every credential source says about itself, and what the chain hands it. One file per
// source in this folder; sources.ts lists them in botocore's order.
import type { Phrase } from '../../../../shared/i18n';
import type { CredentialLayer, SourceAction } from '../../../../shared/profile-summary';
import type { ConfigValue, ProfileSet, ResolvedProfile } from '../../aws-config/profile-model';
import type { AwsEnvironment } from '../../model/aws-environment';
import type { AwsCredentials } from '../../model/credentials';
import type { MfaSessionCache } from '../../sts/mfa-session';
import type { StsCallOptions } from '../../sts/sts-client-factory';
import type { AssumeRoleResult } from '../../sts/sts-gateway';
import type { StsPort } from '../../sts/sts-port';
import type { SsoPort } from '../../sso/sso-port';
import type { SsoProfileConfig } from '../../sso/sso-profile-config';
import type { StoreData } from '../rolekeeper-store';
import type { KeychainPort } from '../../vault/keychain';
import { quoteNameForAnyShell, quoteNameInProse } from '../../shell/any-shell';

/** Asks a person for the current code of an MFA device; rejects when nobody can answer. */
export type MfaCodeProvider = (mfaSerial: string, profile: string) => Promise<string>;

export interface ChainRequest {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  store: StoreData;
  mfaCode?: MfaCodeProvider;
  /** Present when the user chose one MFA session per source user (GetSessionToken). */
  mfaSessions?: MfaSessionCache;
  /** Where STS calls go: the AWS SDK in the product, a recording port in unit tests. */
  sts: StsPort;
  stsOptions?: StsCallOptions;
  /** Where IAM Identity Center calls go (SSO profiles, and chains that start at one). */
  sso?: SsoPort;
  /** Where long-term keys kept by `rolekeeper vault` are read; the OS keychain when absent. */
  keychain?: KeychainPort;
  now?: () => number;
}

export interface ObtainedCredentials {
  credentials: AwsCredentials;
  /** The final AssumeRole, when the profile is a role: what the AWS CLI cache entry is made of. */
  assumedRole: AssumeRoleResult | null;
  /** The SSO profile's settings when the credentials came from GetRoleCredentials: what CLI v2's SSO cache entry is keyed on. */
  ssoRole?: SsoProfileConfig;
  /** Things to tell the person (a capped duration, a corrected clock), said in their language by each face. */
  notices: Phrase[];
}

/** Where a source stands in a refresh: the request, and the way down to the profile a role starts from. */
export interface ChainStep {
  request: ChainRequest;
  /** Profiles above this one in the chain, outermost first (cycle detection). */
  visited: readonly string[];
  /** Credentials of `source`, the hop below `referrer`. */
  hop(source: string, referrer: string): Promise<ObtainedCredentials>;
}

export type { SourceAction } from '../../../../shared/profile-summary';

export interface CredentialSource<Type extends string = string> {
  readonly type: Type;
  /** Whether a profile's merged settings make botocore's chain pick this source; the first source in SOURCES that says yes wins. */
  recognise(values: ReadonlyMap<string, ConfigValue>, name: string): boolean;
  /** Credentials for the profile, at the top of a refresh or as the hop a role starts from. */
  obtain(profile: ResolvedProfile, step: ChainStep): Promise<ObtainedCredentials>;
  /** What Rolekeeper keeps it fresh with; null where it has nothing to renew (keys are what they are). */
  readonly refreshedWith: 'sts' | 'sso' | null;
  /** The credential layer that says whether the profile works now, given the layers found for it. */
  status(layers: readonly CredentialLayer[]): CredentialLayer | null;
  readonly actions: readonly SourceAction[];
}

export function firstLayer(layers: readonly CredentialLayer[], ...kinds: Array<CredentialLayer['kind']>): CredentialLayer | null {
  for (const kind of kinds) {
    const found = layers.find((layer) => layer.kind === kind);
    if (found) return found;
  }
  return null;
}

/** A profile name as one argument of a fix command (the user's shell is not known here). */
export function commandWord(request: ChainRequest, value: string): string {
  return quoteNameForAnyShell(request.environment.platform, value);
}

/** A profile name in the prose of a fix: pasting the whole fix line must expand nothing either. */
export function proseName(request: ChainRequest, value: string): string {
  return quoteNameInProse(request.environment.platform, value);
}
