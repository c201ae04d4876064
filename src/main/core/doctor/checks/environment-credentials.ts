// Keys exported in the shell: partial, shadowing the profile asked for, expired, expiring.
import { maskSecret } from '../../../../shared/mask';
import { isoSeconds } from '../../../../shared/duration';
import { phrase, type Phrase } from '../../../../shared/i18n';
import type { Finding } from '../../../../shared/profile-summary';
import { environmentCredentials, statusForExpiry } from '../../credentials/credential-state';
import { at, combined, finding, selectedProfileName, steps, type DoctorCheck, type DoctorContext } from '../doctor-context';

/** Which profile the exported key id belongs to, from the files and the CLI cache. */
function ownerOfKeyId(context: DoctorContext, keyId: string): { profile: string; where: Phrase | string } | null {
  for (const profile of context.profiles.profiles) {
    const own = profile.values.get('aws_access_key_id');
    if (own && own.value === keyId) return { profile: profile.name, where: at(own) };
  }
  for (const entry of context.cache.scan.entries) {
    if (entry.credentials.accessKeyId !== keyId) continue;
    const owners = context.cache.mapping.profilesByFile.get(entry.file);
    if (owners && owners.length > 0) return { profile: owners[0], where: phrase('doctor.envShadow.ownerCache', { file: entry.file }) };
  }
  return null;
}

function checkEnvironmentCredentials(context: DoctorContext): Finding[] {
  const { env } = context;
  const findings: Finding[] = [];
  const keyId = env.AWS_ACCESS_KEY_ID ?? '';
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  if (keyId && !secret) {
    findings.push(
      finding(
        'env-credentials-partial',
        'error',
        phrase('doctor.envPartial', { key: maskSecret(keyId) }),
        steps.unsetCredentials(),
      ),
    );
  } else if (!keyId && secret) {
    findings.push(
      finding(
        'env-secret-without-key-id',
        'warning',
        phrase('doctor.envSecretWithoutKeyId'),
        steps.unsetCredentials(),
      ),
    );
  } else if (!keyId && !secret && (env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN)) {
    findings.push(
      finding(
        'env-token-without-keys',
        'info',
        phrase('doctor.envTokenWithoutKeys'),
        steps.unsetCredentials(),
      ),
    );
  }

  const creds = environmentCredentials(context.environment);
  if (!creds) return findings;

  const selected = selectedProfileName(env);
  const owner = ownerOfKeyId(context, creds.accessKeyId);
  // AWS_PROFILE says what the user asked for; the key id says where the exported keys came from.
  const requested = selected.variable && context.profiles.get(selected.name) ? selected.name : null;
  const meant = requested ?? owner?.profile ?? null;
  const message = phrase('doctor.envShadow', {
    key: maskSecret(creds.accessKeyId),
    selected: selected.variable ? phrase('doctor.envShadow.selected', { variable: selected.variable, name: selected.name }) : '',
    owner: owner ? phrase('doctor.envShadow.owner', { profile: owner.profile, where: owner.where }) : '',
    meant: requested && owner?.profile !== requested ? phrase('doctor.envShadow.meant', { profile: requested }) : '',
  });
  // botocore's credential chain takes AWS_ACCESS_KEY_ID before any profile's settings, so asking
  // for a profile by name can silently sign with other credentials.
  const asksForOtherProfile = selected.variable !== null && owner?.profile !== selected.name;
  let fixText = steps.unsetCredentials();
  if (!selected.variable && owner && owner.profile !== 'default') fixText = combined(fixText, steps.set('AWS_PROFILE', owner.profile));
  findings.push(
    finding('env-credentials-shadow-profiles', asksForOtherProfile ? 'error' : 'warning', message, fixText, { profile: meant }),
  );

  if (creds.expirationRaw && !creds.expiresAt) {
    findings.push(
      finding(
        'env-credential-expiration-invalid',
        'warning',
        phrase('doctor.envExpirationInvalid'),
        steps.unsetCredentials(),
      ),
    );
  } else if (creds.expiresAt) {
    const status = statusForExpiry(creds.expiresAt, context.now, context.leadMs);
    if (status === 'expired') {
      findings.push(
        finding(
          'env-credentials-expired',
          'error',
          phrase('doctor.envExpired', { key: maskSecret(creds.accessKeyId), time: isoSeconds(creds.expiresAt) }),
          steps.unsetCredentials(),
          { profile: meant },
        ),
      );
    } else if (status === 'expiring') {
      findings.push(
        finding(
          'env-credentials-expiring',
          'warning',
          phrase('doctor.envExpiring', { key: maskSecret(creds.accessKeyId), time: isoSeconds(creds.expiresAt) }),
          steps.unsetCredentials(),
          { profile: meant },
        ),
      );
    }
  }
  return findings;
}

export const environmentCredentialsCheck: DoctorCheck = { id: 'environment-credentials', run: checkEnvironmentCredentials };
