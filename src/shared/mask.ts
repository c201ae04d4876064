// How a key or secret is shown: 16 `*` and its last 4 characters, as `aws configure list` does.
// A value too short for that would be given away almost whole, so it is shown as stars only.

const VISIBLE = 4;
const MIN_LENGTH_TO_SHOW_TAIL = 12;

export function maskSecret(value: string): string {
  const stars = '*'.repeat(16);
  return value.length >= MIN_LENGTH_TO_SHOW_TAIL ? `${stars}${value.slice(-VISIBLE)}` : stars;
}

/**
 * Setting and variable names whose value is (or holds) a secret: the AWS keys and tokens, SSO and
 * OIDC tokens, client secrets, passwords, private keys, and anything else named like one. Matched on
 * the last part of a dotted name (`s3.aws_secret_access_key`), case-insensitively.
 */
const SECRET_NAME = /secret|token|passw(or)?d|pass_?phrase|private_?key|credential_?(data|value)|^aws_access_key_id$|access_?key/i;

/** Names that look secret but only point at one or say when it ends (files, URLs, expiry times). */
const NOT_SECRET = /(_file|_url|_uri|_expires|_expiration|_expiry|_expires_at|_ttl|_duration(_seconds)?|_region)$|^sso_registration_scopes$/i;

export function isSecretName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return SECRET_NAME.test(last) && !NOT_SECRET.test(last);
}
