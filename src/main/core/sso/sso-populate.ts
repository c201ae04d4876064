// `rolekeeper sso populate`: one profile per account and role the sign-in may use (ListAccounts,
// ListAccountRoles, every page), appended to ~/.aws/config through the safe editor. A pair some
// profile already uses with this sign-in (whatever its name, however edited) is left alone; a
// section that exists is never touched; new names are sanitized and made unique. A legacy sign-in
// (`--profile` whose profile has sso_start_url and sso_region, no [sso-session]) gets profiles in
// that same legacy form, as `aws configure sso` writes it without a session name.
import type { AwsEnvironment } from '../model/aws-environment';
import { rolekeeperDataDir } from '../model/aws-environment';
import type { ProfileSet } from '../aws-config/profile-model';
import { editSection, readSection } from '../files/ini-editor';
import { RefreshError } from '../model/credentials';
import { phrase } from '../../../shared/i18n';
import { updateFile } from '../files/safe-file-update';
import { ssoFailure } from './sso-errors';
import type { SsoPort } from './sso-port';
import { loginSessionFor, ssoProfileConfig, ssoSessionConfig, type SsoSessionConfig } from './sso-profile-config';
import { ssoAccessToken } from './sso-token-provider';

export const DEFAULT_POPULATE_TEMPLATE = '{account_name}-{role_name}';
const TEMPLATE_FIELDS = new Set(['account_name', 'account_id', 'role_name', 'email', 'session']);

/** Whose accounts: an `[sso-session NAME]`, or the sign-in of an SSO profile (exactly one). */
export type PopulateSource = { session: string; profile?: undefined } | { profile: string; session?: undefined };

export type PopulateOptions = PopulateSource & {
  template?: string;
  /** `region` of each new profile; none when not given. */
  region?: string;
  dryRun?: boolean;
};

export interface PopulateDeps {
  environment: AwsEnvironment;
  profiles: ProfileSet;
  sso: SsoPort;
  now: () => number;
}

export interface PopulatedProfile {
  profile: string;
  accountId: string;
  accountName: string | null;
  roleName: string;
}

export interface PopulateResult {
  session: SsoSessionConfig;
  added: PopulatedProfile[];
  /** Account/role pairs a profile of the files already uses with this sign-in. */
  alreadyConfigured: Array<PopulatedProfile>;
  /** Every account ListAccounts gave, also those without a role (for account names). */
  accounts: Array<{ accountId: string; accountName: string | null }>;
  /** Unified diff of ~/.aws/config (no secrets: only profile settings). */
  diff: string;
  written: boolean;
  configFile: string;
}

/** Throws on a template with fields it does not know, so a typo is not written into every name. */
export function checkTemplate(template: string): void {
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (TEMPLATE_FIELDS.has(match[1])) continue;
    const fields = [...TEMPLATE_FIELDS].map((field) => `{${field}}`).join(', ');
    throw RefreshError.worded('config', phrase('sso.template.unknownField', { field: `{${match[1]}}`, fields }), phrase('sso.template.unknownField.fix', { fields }));
  }
}

/** A profile name botocore and every shell take as one word: letters, digits, `._-` only. */
export function sanitizeProfileName(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

function nameFor(template: string, session: string, account: { accountId: string; accountName: string | null; emailAddress: string | null }, roleName: string): string {
  const values: Record<string, string> = {
    account_name: account.accountName ?? account.accountId,
    account_id: account.accountId,
    role_name: roleName,
    email: account.emailAddress ?? '',
    session,
  };
  const name = sanitizeProfileName(template.replace(/\{([a-z_]+)\}/g, (_, field: string) => values[field] ?? ''));
  return name === '' || name === 'default' ? sanitizeProfileName(`${account.accountId}-${roleName}`) : name;
}

async function everyPage<T>(fetch: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetch(token);
    all.push(...page.items);
    token = page.nextToken;
    // A service handing the same token back would loop forever.
    if (token !== undefined && seen.has(token)) break;
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return all;
}

export async function populateSsoProfiles(options: PopulateOptions, deps: PopulateDeps): Promise<PopulateResult> {
  const { environment, profiles } = deps;
  const platform = environment.platform;
  const template = options.template ?? DEFAULT_POPULATE_TEMPLATE;
  checkTemplate(template);
  const session = options.session !== undefined ? ssoSessionConfig(options.session, profiles) : loginSessionFor({ profile: options.profile }, profiles);
  // `{session}` of a legacy sign-in: the profile it was read from.
  const sessionLabel = session.sessionName ?? (options.profile as string);
  const token = await ssoAccessToken(session, { ssoCacheDir: profiles.paths.ssoCacheDir, sso: deps.sso, env: environment.env, platform, now: deps.now });
  const context = { region: session.region, env: environment.env, accessToken: token.accessToken };
  const pairs: Array<{ account: { accountId: string; accountName: string | null; emailAddress: string | null }; roleName: string }> = [];
  let accounts: Array<{ accountId: string; accountName: string | null; emailAddress: string | null }>;
  try {
    accounts = await everyPage(async (nextToken) => {
      const page = await deps.sso.listAccounts({ ...context, nextToken });
      return { items: page.accounts, nextToken: page.nextToken };
    });
    for (const account of accounts) {
      const roles = await everyPage(async (nextToken) => {
        const page = await deps.sso.listAccountRoles({ ...context, accountId: account.accountId, nextToken });
        return { items: page.roleNames, nextToken: page.nextToken };
      });
      for (const roleName of roles) pairs.push({ account, roleName });
    }
  } catch (error) {
    throw ssoFailure(error, { platform, session });
  }

  // Pairs some profile already uses with this sign-in, as botocore resolves it.
  const configured = new Map<string, string>();
  for (const profile of profiles.profiles) {
    if (profile.type !== 'sso') continue;
    try {
      const config = ssoProfileConfig(profile, profiles);
      if (config.startUrl === session.startUrl) configured.set(`${config.accountId}/${config.roleName}`, profile.name);
    } catch {
      /* incomplete: the doctor reports it */
    }
  }
  const taken = new Set(profiles.profiles.map((profile) => profile.name));
  const added: PopulatedProfile[] = [];
  const alreadyConfigured: PopulatedProfile[] = [];
  for (const { account, roleName } of pairs) {
    const existing = configured.get(`${account.accountId}/${roleName}`);
    if (existing !== undefined) {
      alreadyConfigured.push({ profile: existing, accountId: account.accountId, accountName: account.accountName, roleName });
      continue;
    }
    const base = nameFor(template, sessionLabel, account, roleName);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}-${suffix}`;
    taken.add(name);
    added.push({ profile: name, accountId: account.accountId, accountName: account.accountName, roleName });
  }

  const configFile = profiles.paths.configFile;
  const listed = accounts.map((account) => ({ accountId: account.accountId, accountName: account.accountName }));
  if (added.length === 0) return { session, added, alreadyConfigured, accounts: listed, diff: '', written: false, configFile };
  const result = await updateFile(
    configFile,
    (current) => {
      let text = current ?? '';
      for (const entry of added) {
        const target = { profile: entry.profile, fileKind: 'config' as const };
        // Never touch a section that exists, also one written since the files were read.
        if (readSection(text, target, { fileName: configFile }) !== null) continue;
        const signIn: Array<[string, string]> =
          session.sessionName !== null
            ? [['sso_session', session.sessionName]]
            : [
                ['sso_start_url', session.startUrl],
                ['sso_region', session.region],
              ];
        const set: Array<[string, string]> = [...signIn, ['sso_account_id', entry.accountId], ['sso_role_name', entry.roleName]];
        if (options.region) set.push(['region', options.region]);
        text = editSection(text, target, { set, createSection: true }, { fileName: configFile });
      }
      return text;
    },
    { dataDir: rolekeeperDataDir(environment), dryRun: options.dryRun === true, diffLabel: configFile },
  );
  return { session, added, alreadyConfigured, accounts: listed, diff: result.diff, written: result.written, configFile };
}
