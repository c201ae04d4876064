// Temp copies of credentials an interrupted write left in the folders Rolekeeper writes secrets to.
import { dirname } from 'node:path';
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { findLeftoverTempFiles } from '../../files/atomic-file';
import { processCacheDir } from '../../caches/process-cache';
import { combined, finding, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/** Temp files an interrupted Rolekeeper write left: copies of credentials nothing will ever read. */
function checkLeftoverTempFiles(context: DoctorContext): Finding[] {
  const paths = context.profiles.paths;
  // The AWS files' folders, the CLI's and SSO's caches, Rolekeeper's own credential cache.
  const folders = [...new Set([paths.cliCacheDir, dirname(paths.configFile), dirname(paths.credentialsFile), paths.ssoCacheDir, processCacheDir(context.environment)])];
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
