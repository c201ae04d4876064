// The seed article's files, as the doctor and credential-state tests use them: a role profile on
// top of user1's keys (`[profile project1]` + `[user1]`), and a profile with pasted session keys.
// Every value below is made up; SECRET and TOKEN must never appear in any output.

export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
export const TOKEN = 'FwoGZXIvYXdzSESSIONTOKENneverprinted';
export const USER1_KEY = 'AKIAUSER1EXAMPLE99';
export const PASTED_KEY = 'ASIAPASTEDEXAMPLE1';

export function seedConfig(options: { roleArn: string; pastedExpiresAt: string }): string {
  return `[profile project1]
role_arn = ${options.roleArn}
source_profile = user1
region = eu-west-1

[profile pasted]
region = eu-west-1
aws_access_key_id = ${PASTED_KEY}
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}
x_security_token_expires = ${options.pastedExpiresAt}
`;
}

export const SEED_CREDENTIALS = `[user1]
aws_access_key_id = ${USER1_KEY}
aws_secret_access_key = ${SECRET}
`;
