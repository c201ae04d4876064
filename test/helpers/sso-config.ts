// The smallest IAM Identity Center setup many tests share: one SSO profile on one sso-session.
export const SSO_START_URL = 'https://d-1234567890.awsapps.com/start';

/** `[profile prod-ro]` (account 111111111111, role ReadOnly) on `[sso-session corp]` in us-east-1. */
export const SSO_CORP_CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = ${SSO_START_URL}
sso_region = us-east-1
`;
