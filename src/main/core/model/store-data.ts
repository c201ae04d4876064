// What Rolekeeper's store holds (managed profiles, kept profiles, sinks, engine settings): plain
// data, read and written by credentials/rolekeeper-store.ts.
import type { SinkKind } from '../../../shared/sink-kinds';

export interface ManagedProfile {
  roleArn: string;
  sourceProfile: string;
  durationSeconds?: number;
  mfaSerial?: string;
  externalId?: string;
  roleSessionName?: string;
  region?: string;
}

export interface EngineSettings {
  /** Refresh when this much validity remains (the AWS CLI ignores cache entries under 15 min). */
  refreshLeadSeconds: number;
  /** Warn this long before a profile that is not kept fresh expires. */
  notifyLeadSeconds: number;
  /** Take one MFA session per source user with GetSessionToken and assume roles from it. */
  useMfaSession: boolean;
  mfaSessionSeconds: number;
  /** Loopback port of the container-credentials endpoint; 0: this user's automatic port (endpoint-discovery.ts). */
  endpointPort: number;
}

export interface StoreData {
  version: 1;
  managed: Record<string, ManagedProfile>;
  kept: string[];
  sinks: Record<string, SinkKind[]>;
  settings: EngineSettings;
  /** Account id → account name, learnt from IAM Identity Center's ListAccounts (`sso populate`). */
  accountNames: Record<string, string>;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  refreshLeadSeconds: 20 * 60,
  notifyLeadSeconds: 10 * 60,
  useMfaSession: false,
  mfaSessionSeconds: 12 * 3600,
  endpointPort: 0,
};


export function emptyStore(): StoreData {
  return { version: 1, managed: {}, kept: [], sinks: {}, settings: { ...DEFAULT_ENGINE_SETTINGS }, accountNames: {} };
}
