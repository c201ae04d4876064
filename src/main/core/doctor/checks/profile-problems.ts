// What reading the AWS files found (unknown settings, broken sections), as each profile's findings.
import type { Finding } from '../../../../shared/profile-summary';
import type { DoctorCheck } from '../doctor-context';

export const profileProblemsCheck: DoctorCheck = {
  id: 'profile-problems',
  run: (context): Finding[] => [
    ...context.profiles.findings,
    ...context.profiles.profiles.flatMap((profile) => profile.problems.map((problem) => ({ ...problem, profile: problem.profile ?? profile.name }))),
  ],
};
