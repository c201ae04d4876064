// `rolekeeper manage PROFILE --role-arn ARN --source-profile SRC` and `rolekeeper unmanage PROFILE`:
// a role assumed into plain keys of a profile, for tools that read only keys (no role_arn support).
// Rolekeeper rewrites the profile's keys where they stand on every refresh, and touches no other
// profile.
import type { Command } from 'commander';
import { loadProfiles } from '../../core/aws-config/profile-loader';
import { quoteNameForAnyShell } from '../../core/shell/any-shell';
import { revokeEndpointTokens } from '../../core/credentials/endpoint-export';
import { changeStore, readStore, type ManagedProfile, type StoreData } from '../../core/credentials/rolekeeper-store';
import { looksLongTerm } from '../../core/sinks/managed-keys';
import type { ProfileSet } from '../../core/aws-config/profile-model';
import { profileNameProblem, regionProblem, settingValueProblem } from '../../core/aws-config/writable-values';
import { CliError, EXIT_USAGE, type CliContext } from '../cli-context';
import { describeExpiry, describeFailure, mfaCodeProvider } from '../cli-support';

interface ManageOptions {
  roleArn: string;
  sourceProfile: string;
  duration?: string;
  mfaSerial?: string;
  externalId?: string;
  region?: string;
  mfaCode?: string;
  dryRun?: boolean;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

/** Names and values go into profiles.json and then into the AWS files on every refresh: refuse what those cannot hold, before anything is stored. */
function refuseUnwritable(name: string, options: ManageOptions): void {
  const nameProblem = profileNameProblem(name);
  if (nameProblem) throw new CliError(`profile name ${JSON.stringify(name)}: ${nameProblem}`, EXIT_USAGE);
  const sourceProblem = profileNameProblem(options.sourceProfile);
  if (sourceProblem) throw new CliError(`--source-profile ${JSON.stringify(options.sourceProfile)}: ${sourceProblem}`, EXIT_USAGE);
  const values: Array<[string, string | undefined]> = [['--mfa-serial', options.mfaSerial], ['--external-id', options.externalId], ['--region', options.region]];
  for (const [flag, value] of values) {
    const problem = value === undefined ? null : settingValueProblem(value);
    if (problem) throw new CliError(`${flag} ${JSON.stringify(value)}: ${problem}`, EXIT_USAGE);
  }
  const region = options.region === undefined ? null : regionProblem(options.region);
  if (region) throw new CliError(`--region ${JSON.stringify(options.region)}: ${region}`, EXIT_USAGE);
}

function parseDurationSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
    throw new CliError('--duration takes whole seconds from 900 to 43200', EXIT_USAGE);
  }
  return seconds;
}

/**
 * Managed keys are rewritten on every refresh. A profile whose keys are someone's long-term access
 * keys must never become one, nor one its own source chain leads back to (both would hold only
 * each other's sessions, and die within the hour).
 */
function refuseToOverwriteKeys(name: string, sourceProfile: string, profiles: ProfileSet, store: StoreData): void {
  const profile = profiles.get(name);
  const keyId = profile?.values.get('aws_access_key_id');
  if (keyId && looksLongTerm(keyId.value, profile?.values.has('aws_session_token') ?? false)) {
    throw new CliError(
      `profile "${name}" holds long-term access keys (${keyId.file}:${keyId.line}); managing it would overwrite them for good. ` +
        'Manage a new profile name instead, with this one as --source-profile',
    );
  }
  const chain: string[] = [];
  for (let hop: string | undefined = sourceProfile; hop !== undefined && !chain.includes(hop); ) {
    chain.push(hop);
    if (hop === name) throw new CliError(`--source-profile "${sourceProfile}" takes its credentials from "${name}" (${chain.join(' -> ')}): that would be a cycle`, EXIT_USAGE);
    hop = store.managed[hop]?.sourceProfile ?? profiles.get(hop)?.role.sourceProfile?.value;
  }
}

export function registerManage(program: Command, context: CliContext): void {
  program
    .command('manage')
    .description("Keep PROFILE's keys fresh: assume ROLE with SRC's credentials and rewrite the keys where they stand")
    .argument('<profile>')
    .requiredOption('--role-arn <arn>', 'the role to assume')
    .requiredOption('--source-profile <profile>', 'the profile whose credentials assume it')
    .option('--duration <seconds>', 'session length, 900 to 43200 (the role allows up to its MaxSessionDuration)')
    .option('--mfa-serial <arn>', 'the MFA device the role requires')
    .option('--external-id <id>', 'the external id the role requires')
    .option('--region <region>', 'the STS region to use')
    .option('--mfa-code <code>', 'the current code of the MFA device for the first refresh')
    .option('--dry-run', 'print the change to the file, write nothing')
    .action(async (name: string, options: ManageOptions) => {
      refuseUnwritable(name, options);
      if (!ROLE_ARN.test(options.roleArn)) throw new CliError(`--role-arn "${options.roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`, EXIT_USAGE);
      if (options.sourceProfile === name) throw new CliError('--source-profile must be another profile: the managed keys are rewritten on every refresh', EXIT_USAGE);
      const environment = context.environment;
      const profiles = loadProfiles(environment);
      if (!profiles.get(options.sourceProfile)) throw new CliError(`--source-profile "${options.sourceProfile}" not found; see \`rolekeeper list\``);
      if (profiles.get(name)?.type === 'role') {
        throw new CliError(`profile "${name}" already assumes a role through the AWS CLI; use \`rolekeeper keep ${quoteNameForAnyShell(environment.platform, name)}\` to keep it fresh`);
      }
      refuseToOverwriteKeys(name, options.sourceProfile, profiles, readStore(environment));
      const definition: ManagedProfile = {
        roleArn: options.roleArn,
        sourceProfile: options.sourceProfile,
        ...(options.duration !== undefined ? { durationSeconds: parseDurationSeconds(options.duration) } : {}),
        ...(options.mfaSerial ? { mfaSerial: options.mfaSerial } : {}),
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(options.region ? { region: options.region } : {}),
      };
      if (options.dryRun) {
        const store = readStore(environment);
        store.managed[name] = definition;
        const { outcome } = await context.service().previewRefresh(name, store);
        context.stdout(`${name}: would be managed (${definition.roleArn} from ${definition.sourceProfile}); first refresh would change:\n`);
        for (const diff of outcome.diffs) context.stdout(diff.endsWith('\n') ? diff : `${diff}\n`);
        return;
      }
      await changeStore(environment, (data) => {
        data.managed[name] = definition;
      });
      try {
        const service = context.service();
        service.reload();
        const { outcome } = await service.refresh(name, { mfaCode: mfaCodeProvider(context, options.mfaCode) });
        context.stdout(`${name}: managed; keys refreshed, ${describeExpiry(outcome.expiresAt, context.now())}\n`);
        for (const sink of outcome.sinks) context.stdout(`  ${sink.kind}: ${sink.location}\n`);
      } catch (error) {
        context.stderr(`rolekeeper: ${name} is managed, but the first refresh failed: ${describeFailure(error, context.t)}\n`);
        context.setExitCode(1);
      }
    });

  program
    .command('unmanage')
    .description('Stop rewriting the keys of PROFILE (the keys in the file stay as they are)')
    .argument('<profile>')
    .action(async (name: string) => {
      const environment = context.environment;
      if (!readStore(environment).managed[name]) throw new CliError(`profile "${name}" is not managed by Rolekeeper`);
      await changeStore(environment, (data) => {
        delete data.managed[name];
        delete data.sinks[name];
        data.kept = data.kept.filter((kept) => kept !== name);
      });
      context.stdout(`${name}: no longer managed; its keys in the file were left as they are\n`);
      if (revokeEndpointTokens(environment, [name]).length > 0) context.stdout(`${name}: its endpoint token is revoked\n`);
    });
}
