// Every credential source, in the order botocore's chain tries them for a profile's settings: the
// first that recognises a profile gives its type. Adding a source = its file, one entry here, its words.
import type { ConfigValue } from '../../aws-config/profile-model';
import type { ProfileType } from '../../../../shared/profile-summary';
import type { CredentialSource } from './credential-source';
import { roleChain } from './role-chain';
import { webIdentity } from './web-identity';
import { sso } from './sso';
import { staticKeys } from './static-keys';
import { sessionKeys } from './session-keys';
import { keychain } from './keychain';
import { credentialProcess } from './credential-process';

export const SOURCES = [roleChain, webIdentity, sso, staticKeys, sessionKeys, keychain, credentialProcess] as const;

export type SourceType = (typeof SOURCES)[number]['type'];

// The wire name of every source crosses to the CLI's JSON and the popover as ProfileType: the two
// must name the same kinds, or this line stops the build.
const sameKinds: [SourceType | 'none', ProfileType] extends [ProfileType, SourceType | 'none'] ? true : never = true;
void sameKinds;

/** The source botocore's chain picks for a profile's merged settings; 'none' when no source applies. */
export function classifyProfile(values: ReadonlyMap<string, ConfigValue>, name: string): SourceType | 'none' {
  return SOURCES.find((source) => source.recognise(values, name))?.type ?? 'none';
}

export function sourceOf(type: ProfileType): CredentialSource | null {
  return SOURCES.find((source) => source.type === type) ?? null;
}
