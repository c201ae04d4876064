// Rolekeeper's own store, unreadable.
import type { Finding } from '../../../../shared/profile-summary';
import { phrase } from '../../../../shared/i18n';
import { readStore } from '../../credentials/rolekeeper-store';
import { WordedError } from '../../model/worded-error';
import { finding, type DoctorCheck, type DoctorContext } from '../doctor-context';

function checkStore(environment: DoctorContext['environment']): Finding[] {
  try {
    readStore(environment);
    return [];
  } catch (error) {
    return [
      finding('rolekeeper-store-unreadable', 'warning', error instanceof WordedError ? error.wording : (error as Error).message, phrase('doctor.storeUnreadableFix')),
    ];
  }
}

export const storeCheck: DoctorCheck = { id: 'store', run: (context: DoctorContext) => (context.checkStore ? checkStore(context.environment) : []) };
