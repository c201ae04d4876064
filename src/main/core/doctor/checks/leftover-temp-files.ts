// Temp copies of credentials an interrupted write left in the AWS folders.
import { dirname } from 'node:path';
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { findLeftoverTempFiles } from '../../files/atomic-file';
import { combined, finding, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/** Every offline finding, errors first; never throws on a corrupt cache or file. */
/** Temp files an interrupted Rolekeeper write left: copies of credentials nothing will ever read. */
function checkLeftoverTempFiles(context: DoctorContext): Finding[] {
  const paths = context.profiles.paths;
  const folders = [...new Set([paths.cliCacheDir, dirname(paths.configFile), dirname(paths.credentialsFile)])];
  const findings: Finding[] = [];
  for (const folder of folders) {
    const leftovers = findLeftoverTempFiles(folder, { now: context.now.getTime() });
    if (leftovers.length === 0) continue;
    findings.push(
      finding(
        'leftover-temp-files',
        'warning',
        phrase(leftovers.length === 1 ? 'doctor.leftoverTempFiles.one' : 'doctor.leftoverTempFiles.other', { count: leftovers.length, folder }),
        combined(...leftovers.map((file) => steps.removeFile(file))),
        { file: leftovers[0] },
      ),
    );
  }
  return findings;
}

export const leftoverTempFilesCheck: DoctorCheck = { id: 'leftover-temp-files', run: checkLeftoverTempFiles };
