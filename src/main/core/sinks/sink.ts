// What every sink is: how it publishes fresh credentials, reads back what it holds (for expiry and
// status) and clears. One file per sink in this folder, all named in sink-registry.ts.
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import type { ObtainedCredentials } from '../credentials/credential-chain';
import type { StoreData } from '../credentials/rolekeeper-store';
import type { HeldCredentials } from './held-credentials';
import type { SinkKind } from '../../../shared/sink-kinds';

export interface SinkContext {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  store: StoreData;
  /** Credentials a long-running process holds in memory (what the endpoint serves). */
  held: HeldCredentials;
  now: () => number;
}

export interface PublishedSink {
  kind: SinkKind;
  /** A file path or URL; never the content. */
  location: string;
}

export interface Publication extends PublishedSink {
  /** The unified diff of a user-file edit (secret values masked), when there was one. */
  diff?: string;
}

export interface Sink<K extends SinkKind = SinkKind> {
  readonly kind: K;
  /** Published for every refreshable profile, whatever the store's choice (Rolekeeper's own cache). */
  readonly always?: boolean;
  /** Whether this sink can hold credentials of the profile at all. */
  accepts(profile: string, context: SinkContext): boolean;
  /** Writes the credentials; with dryRun, says where it would write and changes nothing. */
  publish(profile: string, obtained: ObtainedCredentials, context: SinkContext, dryRun: boolean): Promise<Publication | null>;
  /**
   * When what it holds for the profile expires: null when it holds nothing usable, undefined when
   * this process cannot tell (the endpoint's memory belongs to the process serving it).
   */
  heldExpiry(profile: string, context: SinkContext): Date | null | undefined;
  /** Removes what it holds for the profile; resolves to the number of things removed. */
  clear(profile: string, context: SinkContext): Promise<number>;
}
