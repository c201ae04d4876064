// Credential variables persisted for every new shell (an `export` line in ~/.bashrc, fish's
// `set -Ux`, `setx` on Windows, `launchctl setenv`): named where they live, removed there by `fix`.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { PersistedOrigin } from '../../../../shared/repair-steps';
import { WINDOWS_MACHINE_ENVIRONMENT_KEY, WINDOWS_USER_ENVIRONMENT_KEY } from '../../repair/repair-commands';
import { finding, repair, type DoctorCheck } from '../doctor-context';

export function originWords(origin: PersistedOrigin): string {
  switch (origin.kind) {
    case 'file':
      return `${origin.file}:${origin.line}`;
    case 'windows-user':
      return WINDOWS_USER_ENVIRONMENT_KEY;
    case 'windows-machine':
      return WINDOWS_MACHINE_ENVIRONMENT_KEY;
    case 'launchctl':
      return 'launchctl getenv';
  }
}

export const persistedVariablesCheck: DoctorCheck = {
  id: 'persisted-variables',
  run: (context): Finding[] =>
    context.persisted.map((origin) =>
      finding(
        'persisted-credential-variable',
        'warning',
        phrase(origin.kind === 'file' ? 'doctor.persisted.file' : 'doctor.persisted.system', { variable: origin.variable, where: originWords(origin) }),
        repair(
          [
            { kind: 'remove-persisted-variable', origin },
            { kind: 'unset-variables', names: [origin.variable] },
          ],
          origin.kind === 'file' ? phrase('doctor.persisted.fileAdvice', { at: originWords(origin) }) : origin.kind === 'windows-machine' ? phrase('doctor.persisted.machineAdvice') : null,
        ),
        origin.kind === 'file' ? { file: origin.file, line: origin.line } : {},
      ),
    ),
};
