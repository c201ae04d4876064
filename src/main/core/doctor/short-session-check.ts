// Doctor's word on kept profiles whose sessions are too short for the AWS CLI's cache (a 900 s
// role): the CLI ignores entries with under 15 min left and assumes the role itself on every call,
// whatever Rolekeeper writes there. The fix is a sink the CLI asks each time.
import type { AwsEnvironment } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import { readEndpointDiscovery } from '../always-fresh/endpoint-discovery';
import { readKeeperState } from '../always-fresh/keeper-state-file';
import { shortSessions } from '../always-fresh/short-session';
import { emptyStore, keptProfiles, readStore, type StoreData } from '../credentials/rolekeeper-store';
import type { FixWriter } from './doctor-fixes';
import { wordedText } from '../../../shared/finding-wording';
import type { Finding } from '../../../shared/profile-summary';
import type { RepairStep } from '../../../shared/repair-steps';

interface ShortSessionCheckContext {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  fix: FixWriter;
}

function storeOrEmpty(environment: AwsEnvironment): StoreData {
  try {
    return readStore(environment);
  } catch {
    // checkStore reports an unreadable store.
    return emptyStore();
  }
}

/** The running keeper's published lead (e.g. `daemon --lead 14m`), else the stored setting. */
function keeperLeadMs(environment: AwsEnvironment, store: StoreData): number {
  const discovery = readEndpointDiscovery(environment);
  const published = discovery ? readKeeperState(environment, discovery.startId) : null;
  return (published?.leadSeconds ?? store.settings.refreshLeadSeconds) * 1000;
}

export function checkShortSessions(context: ShortSessionCheckContext): Finding[] {
  const store = storeOrEmpty(context.environment);
  const found = shortSessions(keptProfiles(store), {
    profiles: context.profiles,
    store,
    leadMs: keeperLeadMs(context.environment, store),
    platform: context.environment.platform,
  });
  return found.map((short): Finding => {
    const served = short.servedByCredentialProcess !== null;
    // The command is a step: doctor writes its line for the paste shell, `fix` says it once.
    const repair: RepairStep[] = served ? [] : [{ kind: 'run-command', argv: ['rolekeeper', 'setup', 'credential-process', short.profile] }];
    const fix = served ? null : context.fix.command((word) => `rolekeeper setup credential-process ${word(short.profile)}`);
    return { code: 'short-session', severity: served ? 'info' : 'warning', profile: short.profile, ...wordedText(short.wording, null), fix, repair };
  });
}
