// Kept profiles whose sessions are too short for the AWS CLI's cache (short-session-check.ts).
import type { DoctorCheck } from '../doctor-context';
import { checkShortSessions } from '../short-session-check';

export const shortSessionsCheck: DoctorCheck = { id: 'short-sessions', run: (context) => checkShortSessions(context) };
