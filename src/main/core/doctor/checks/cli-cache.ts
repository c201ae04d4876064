// The AWS CLI's cache folder: unreadable, corrupt entries, expired entries, entries no profile reads.
import { phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import type { ProfileSet, ResolvedProfile } from '../../aws-config/profile-model';
import { finding, quoteList, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

function checkCliCache(context: DoctorContext): Finding[] {
  const { cache, now, profiles } = context;
  const findings: Finding[] = [];
  for (const problem of cache.scan.problems) {
    if (problem.file === cache.scan.dir) {
      findings.push(finding('cli-cache-unreadable', 'warning', problem.message, `check the owner and permissions of ${cache.scan.dir}`, { file: problem.file }));
      continue;
    }
    // Only the profile whose cache key names this file fails on it; others never open it.
    const key = problem.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    const owner = profiles.profiles.find((profile) => cacheKeyMatches(context, profile, key));
    const described = problem.wording ?? problem.message;
    const message = owner ? phrase('doctor.cliCache.corruptRead', { problem: described, profile: owner.name }) : phrase('doctor.cliCache.corruptUnread', { problem: described });
    findings.push(
      finding('cli-cache-corrupt', owner ? 'error' : 'warning', message, steps.removeCacheEntry(problem.file), {
        profile: owner?.name ?? null,
        file: problem.file,
      }),
    );
  }
  for (const [file, names] of cache.mapping.profilesByFile) {
    const entry = cache.scan.entries.find((candidate) => candidate.file === file);
    if (!entry || entry.credentials.expiration.getTime() > now.getTime()) continue;
    findings.push(
      finding(
        'cli-cache-expired',
        'info',
        phrase('doctor.cliCache.expired', {
          profiles: quoteList(names),
          time: entry.credentials.expiration.toISOString(),
          file,
          mfa: needsMfa(profiles, names) ? phrase('doctor.cliCache.expired.mfa') : '',
        }),
        steps.removeCacheEntry(file),
        { profile: names[0], file },
      ),
    );
  }
  for (const entry of cache.mapping.orphans) {
    const role = entry.assumedRoleArn ? phrase('doctor.cliCache.orphaned.role', { arn: entry.assumedRoleArn }) : '';
    const time = entry.credentials.expiration.toISOString();
    const state = phrase(entry.credentials.expiration.getTime() > now.getTime() ? 'doctor.cliCache.orphaned.valid' : 'doctor.cliCache.orphaned.expired', { time });
    findings.push(
      finding(
        'cli-cache-orphaned',
        'info',
        phrase('doctor.cliCache.orphaned', { file: entry.file, role, state }),
        steps.removeCacheEntry(entry.file),
        { file: entry.file },
      ),
    );
  }
  return findings;
}

function cacheKeyMatches(context: DoctorContext, profile: ResolvedProfile, key: string): boolean {
  return context.cache.keyOf(profile.name) === key;
}

function needsMfa(profiles: ProfileSet, names: readonly string[]): boolean {
  return names.some((name) => Boolean(profiles.get(name)?.role.mfaSerial));
}

export const cliCacheCheck: DoctorCheck = { id: 'cli-cache', run: checkCliCache };
