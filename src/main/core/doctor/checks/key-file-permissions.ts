// Keys in a file other users may read.
import { statSync } from 'node:fs';
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { finding, quoteList, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

const SECRET_KEYS = ['aws_secret_access_key', 'aws_session_token', 'aws_security_token'];

/**
 * Keys in a file other users may read. Rolekeeper keeps a file's permissions when it writes keys
 * into it (the user chose them), so it says so here instead. POSIX only: Windows' mode bits do not
 * show its ACLs.
 */
function checkKeyFilePermissions(context: DoctorContext): Finding[] {
  if (context.environment.platform === 'win32') return [];
  const holders = new Map<string, string[]>();
  for (const profile of context.profiles.profiles) {
    for (const key of SECRET_KEYS) {
      const value = profile.values.get(key);
      if (value?.value) holders.set(value.file, [...new Set([...(holders.get(value.file) ?? []), profile.name])]);
    }
  }
  const findings: Finding[] = [];
  for (const [file, names] of holders) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    const who = phrase(mode & 0o007 ? 'doctor.keyFileReadable.everyone' : 'doctor.keyFileReadable.group');
    const movable = names.filter((name) => context.profiles.get(name)?.type === 'static');
    findings.push(
      finding(
        'key-file-readable',
        'warning',
        phrase('doctor.keyFileReadable', { file, profiles: quoteList(names), who, mode: mode.toString(8).padStart(3, '0') }),
        // An IAM user's keys can leave the file altogether (`vault move`); session keys end by themselves.
        movable.length > 0
          ? steps.run(['chmod', '600', file], phrase('vault.keyFileFix', { command: context.fix.command((word) => `rolekeeper vault move ${word(movable[0])}`) }))
          : steps.run(['chmod', '600', file]),
        { file },
      ),
    );
  }
  return findings;
}

export const keyFilePermissionsCheck: DoctorCheck = { id: 'key-file-permissions', run: checkKeyFilePermissions };
