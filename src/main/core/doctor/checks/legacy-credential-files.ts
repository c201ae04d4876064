// Keys in AWS_CREDENTIAL_FILE or a boto2 config (~/.boto, /etc/boto.cfg, $BOTO_CONFIG): both AWS
// CLIs fall back to them for any profile without credentials, and read them before the container
// endpoint, so long-forgotten keys sign quietly or win over Rolekeeper's endpoint.
import { phrase } from '../../../../shared/i18n';
import type { Finding, Severity } from '../../../../shared/profile-summary';
import { maskSecret } from '../../../../shared/mask';
import { resolveCliCredentials } from '../../credentials/credential-resolver';
import { EC2_CREDENTIAL_FILE_VARIABLE, noBotoConfig, readLegacyCredentialFiles, type LegacyFileRead } from '../../credentials/legacy-credential-files';
import { combined, finding, repair, steps, type DoctorCheck, type DoctorContext, type Repair } from '../doctor-context';

const PROVIDER = { 'ec2-credential-file': 'ec2-credentials-file', 'boto-config': 'boto-config' } as const;

function repairFor(context: DoctorContext, read: LegacyFileRead, shadowsEndpoint: boolean): Repair {
  if (read.kind === 'ec2-credential-file') return combined(steps.unset([EC2_CREDENTIAL_FILE_VARIABLE]), repair([], phrase('doctor.legacyKeys.ec2Fix')));
  // Only a shell that should ask the endpoint is better off with no boto2 config at all.
  if (shadowsEndpoint) return combined(steps.set('BOTO_CONFIG', noBotoConfig(context.environment)), repair([], phrase('doctor.legacyKeys.botoEndpointFix', { file: read.file })));
  return repair([], phrase('doctor.legacyKeys.botoFix', { file: read.file }));
}

function checkLegacyCredentialFiles(context: DoctorContext): Finding[] {
  const reads = readLegacyCredentialFiles(context.environment);
  if (reads.length === 0) return [];
  const { env } = context;
  const resolution = resolveCliCredentials({ environment: context.environment, profiles: context.profiles, profile: null, now: context.now });
  const endpointVariable = env.AWS_CONTAINER_CREDENTIALS_FULL_URI
    ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
    : env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
      ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
      : null;
  return reads.map((read) => {
    const where = read.line === null ? read.file : `${read.file}:${read.line}`;
    const kind = phrase(read.kind === 'ec2-credential-file' ? 'doctor.legacyFile.ec2' : 'doctor.legacyFile.boto');
    // What `aws` without --profile does now: this file answers, or an earlier provider does.
    const inUse = resolution.provider === PROVIDER[read.kind];
    const shadowsEndpoint = inUse && endpointVariable !== null;
    const extra = { profile: inUse ? resolution.profile : null, file: read.file, ...(read.line === null ? {} : { line: read.line }) };
    if (read.state === 'error') {
      const message = inUse
        ? phrase('doctor.legacyFile.broken', { where, kind, name: resolution.profile, message: read.message })
        : phrase('doctor.legacyFile.brokenPresent', { where, kind, message: read.message });
      return finding('legacy-credential-file', inUse ? 'error' : 'warning', message, repairFor(context, read, shadowsEndpoint), extra);
    }
    const key = maskSecret(read.credentials.accessKeyId);
    let severity: Severity = 'info';
    let message = phrase('doctor.legacyKeys.present', { where, kind, key });
    if (shadowsEndpoint) {
      severity = 'error';
      message = phrase('doctor.legacyKeys.shadowsEndpoint', { variable: endpointVariable, where, kind, key, name: resolution.profile });
    } else if (inUse) {
      severity = 'warning';
      message = phrase('doctor.legacyKeys.inUse', { where, kind, key, name: resolution.profile });
    }
    return finding('legacy-credential-keys', severity, message, repairFor(context, read, shadowsEndpoint), extra);
  });
}

export const legacyCredentialFilesCheck: DoctorCheck = { id: 'legacy-credential-files', run: checkLegacyCredentialFiles };
