// Pure engine helpers the faces word with: quoting a name for a shell, "did you mean", the export
// formats and the names of the variables they set. They decide nothing and hold no state; they are
// handed on here so that cli/ and electron/ have one door into the engine.
export { quoteNameForAnyShell } from '../shell/any-shell';
export { guessShell } from '../shell/guess-shell';
export { closeMatches } from '../aws-config/profile-resolver';
export { looksLikeKey } from '../aws-config/ini-parser';
export { CREDENTIAL_VARIABLES, EXPORT_FORMATS, renderCredentialUnset, type ExportFormat } from '../credentials/env-export';
export { ENDPOINT_PROFILE, renderViaEndpointUnset } from '../credentials/endpoint-export';
export { DEFAULT_POPULATE_TEMPLATE, checkTemplate } from '../sso/sso-populate';
export { ssoSessionJson } from '../sso/sso-session-state';
export { signInPageHref } from '../sso/browser-opener';
