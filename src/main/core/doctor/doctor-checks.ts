// Every offline doctor check, in the order their findings are listed within a severity. A new
// check is a file in checks/ and one entry here.
import type { DoctorCheck } from './doctor-context';
import { environmentCredentialsCheck } from './checks/environment-credentials';
import { securityTokenCheck } from './checks/security-token';
import { profileVariablesCheck } from './checks/profile-variables';
import { containerShadowingCheck } from './checks/container-shadowing';
import { endpointVariablesCheck } from './checks/endpoint-variables';
import { webIdentityShadowCheck } from './checks/web-identity-shadow';
import { legacyCredentialFilesCheck } from './checks/legacy-credential-files';
import { persistedVariablesCheck } from './checks/persisted-variables';
import { rejectedCredentialsCheck } from './checks/rejected-credentials';
import { profileProblemsCheck } from './checks/profile-problems';
import { sessionKeysCheck } from './checks/session-keys';
import { ssoTokenCheck } from './checks/sso-token';
import { credentialProcessProgramCheck } from './checks/credential-process-program';
import { plainKeysCheck } from './checks/plain-keys';
import { mfaProcessCheck } from './checks/mfa-process';
import { ssoSessionsCheck } from './checks/sso-sessions';
import { cliCacheCheck } from './checks/cli-cache';
import { leftoverTempFilesCheck } from './checks/leftover-temp-files';
import { keyFilePermissionsCheck } from './checks/key-file-permissions';
import { shortSessionsCheck } from './checks/short-sessions';
import { storeCheck } from './checks/store';

export const CHECKS: readonly DoctorCheck[] = [
  environmentCredentialsCheck,
  securityTokenCheck,
  profileVariablesCheck,
  containerShadowingCheck,
  endpointVariablesCheck,
  webIdentityShadowCheck,
  legacyCredentialFilesCheck,
  persistedVariablesCheck,
  rejectedCredentialsCheck,
  profileProblemsCheck,
  sessionKeysCheck,
  ssoTokenCheck,
  credentialProcessProgramCheck,
  plainKeysCheck,
  mfaProcessCheck,
  ssoSessionsCheck,
  cliCacheCheck,
  leftoverTempFilesCheck,
  keyFilePermissionsCheck,
  shortSessionsCheck,
  storeCheck,
];
