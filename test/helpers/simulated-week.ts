// "It never happens again", measured: the keeper (the daemon's keeping loop, or the tray's with its
// resume event) through a scripted week on the fake clock, with a recording STS and IAM Identity
// Center that answer by true time. Laptop sleep overnight and over the weekend, the wall clock set
// ±10 min, the network down for 20 min, STS throttling and 5xx bursts, an MFA source with a 12 h
// session (the person types a code when asked), an SSO session that ends (the person signs in
// again), and `aws configure set` run by the real AWS CLI meanwhile. Every moment a kept profile's
// published credentials are expired (by true time) or inside the AWS CLI's 15-minute window (by
// the machine's clock) is recorded, per profile and minute, as is every STS call.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { makeTempHome, type TempHome } from './temp-home';
import { FakeClock } from './fake-clock';
import { recordingSts } from './recording-sts';
import { recordingSso } from './recording-sso';
import { SSO_START_URL } from './sso-config';
import { settle } from './virtual-time';
import { createRolekeeperService, type RolekeeperService } from '../../src/main/core/service/rolekeeper-service';
import { startKeeping, type Keeping } from '../../src/main/core/service/keeping';
import { changeStore } from '../../src/main/core/credentials/rolekeeper-store';
import { RefreshError } from '../../src/main/core/model/credentials';
import { SsoServiceError } from '../../src/main/core/sso/sso-port';
import { heldExpiry } from '../../src/main/core/sinks/sink-registry';
import { CLI_CACHE_MIN_VALID_MS } from '../../src/main/core/model/validity-margins';
import { english, say } from '../../src/shared/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A person answers a prompt (MFA code, SSO sign-in) this long after the keeper asks. */
const PERSON_ANSWERS_AFTER_MS = 5 * MINUTE;
/** Recovery allowed after a wake, a reconnect or a clock change. */
export const RECOVERY_MS = MINUTE;

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CONFIG = [
  '[profile base]',
  'region = us-east-1',
  '',
  '[profile project1]',
  `role_arn = ${ROLE}`,
  'source_profile = base',
  '',
  '[profile guarded]',
  `role_arn = ${ROLE}`,
  'source_profile = base',
  'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
  '',
  '[profile prod-ro]',
  'sso_session = corp',
  'sso_account_id = 111111111111',
  'sso_role_name = ReadOnly',
  '',
  '[sso-session corp]',
  `sso_start_url = ${SSO_START_URL}`,
  'sso_region = us-east-1',
  '',
].join('\n');
const CREDENTIALS = [
  '[base]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = not-a-real-secret-value',
  '',
  '# keys Rolekeeper rewrites',
  '[managed1]',
  'aws_access_key_id = ASIAPLACEHOLDER00000',
  'aws_secret_access_key = placeholder',
  'aws_session_token = placeholder',
  '',
].join('\n');
export const KEPT = ['project1', 'guarded', 'prod-ro', 'managed1'] as const;

export type Face = 'daemon' | 'tray';

export interface WeekReport {
  face: Face;
  awakeHours: number;
  /** Profile-minutes with expired or CLI-unusable credentials outside the scripted outages. */
  badMoments: number;
  /** Which ones, for the failure message: `profile@day hh:mm (why)`. */
  badDetails: string[];
  /** Profile-minutes inside outages (network down, waiting for a person, the minute after a wake or clock change). */
  outageMoments: number;
  /** Longest time from a wake or reconnect until every profile not waiting for a person was good again. */
  worstRecoveryMs: number;
  recoveries: number;
  wakes: number;
  /** Successful AssumeRole calls per profile, and what the sessions needed at most. */
  assumeRole: Record<string, number>;
  assumeRoleBudget: Record<string, number>;
  /** The keys `aws configure set` wrote for [other] in the credentials file Rolekeeper rewrites for managed1 survived every rewrite. */
  otherProfileIntact: boolean;
  getRoleCredentialsBudget: number;
  /** Calls STS answered with throttling or 5xx (the scripted bursts). */
  refusedBySts: number;
  /** Tries while the network was down (they never reach STS). */
  offlineTries: number;
  getSessionToken: number;
  getRoleCredentials: number;
  ssoTokenRenewals: number;
  mfaCodesTyped: number;
  ssoSignIns: number;
  configEdits: number;
}

interface Window {
  from: number;
  to: number;
  /** Null: every profile. */
  profile: string | null;
}

interface Pending {
  at: number;
  kind: 'wake' | 'reconnect' | 'clock';
}

/** `aws configure set …` by the real AWS CLI v1, as a person would run it. */
function awsConfigureSet(home: TempHome, args: string[]): void {
  const result = spawnSync('aws', ['configure', 'set', ...args], { env: home.env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`aws configure set ${args.join(' ')} failed: ${result.stderr || result.error}`);
}

class Week {
  readonly home: TempHome;
  readonly clock = new FakeClock(Date.UTC(2026, 0, 12, 8, 0, 0));
  /** How far the machine's clock is off true time. */
  private skewMs = 0;
  private networkDown = false;
  private ssoEnded = false;
  private awake = true;
  readonly sts;
  readonly sso;
  service!: RolekeeperService;
  keeping!: Keeping;
  readonly windows: Window[] = [];
  private readonly pending: Pending[] = [];
  private readonly bad = new Map<string, string>();
  private readonly outage = new Set<string>();
  private readonly personDueAt = new Map<string, number>();
  readonly report: WeekReport;
  private awakeMs = 0;
  readonly log: string[] = [];

  constructor(readonly face: Face) {
    this.home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
    const trueNow = (): number => this.clock.now() - this.skewMs;
    this.sts = recordingSts({ now: trueNow });
    this.sso = recordingSso({ now: trueNow });
    this.report = {
      face,
      awakeHours: 0,
      badMoments: 0,
      badDetails: [],
      outageMoments: 0,
      worstRecoveryMs: 0,
      recoveries: 0,
      wakes: 0,
      assumeRole: {},
      assumeRoleBudget: {},
      otherProfileIntact: false,
      getRoleCredentialsBudget: 0,
      refusedBySts: 0,
      offlineTries: 0,
      getSessionToken: 0,
      getRoleCredentials: 0,
      ssoTokenRenewals: 0,
      mfaCodesTyped: 0,
      ssoSignIns: 0,
      configEdits: 0,
    };
    this.wrapPorts();
  }

  private trueNow(): number {
    return this.clock.now() - this.skewMs;
  }

  /** Network down: calls fail before reaching STS; the SSO session ending: renewals and role credentials refused. */
  private wrapPorts(): void {
    const sts = this.sts;
    for (const operation of ['assumeRole', 'getSessionToken'] as const) {
      const original = sts[operation].bind(sts) as (input: never) => Promise<unknown>;
      (sts as unknown as Record<string, unknown>)[operation] = async (input: never) => {
        if (this.networkDown) {
          this.report.offlineTries += 1;
          throw new RefreshError('network', 'could not reach STS (simulated network outage)', 'Check the network.', null);
        }
        const before = sts.calls.length;
        try {
          const result = await original(input);
          const profile = (input as { profile?: string }).profile;
          if (operation === 'assumeRole' && profile) this.report.assumeRole[profile] = (this.report.assumeRole[profile] ?? 0) + 1;
          return result;
        } catch (error) {
          if (error instanceof RefreshError && (error.kind === 'throttled' || error.kind === 'server-error') && sts.calls.length > before) this.report.refusedBySts += 1;
          throw error;
        }
      };
    }
    const sso = this.sso;
    const createToken = sso.createToken.bind(sso);
    sso.createToken = async (input) => {
      if (this.networkDown) throw new SsoServiceError('CreateToken', 'NetworkError', null, 'network down');
      if (this.ssoEnded && input.grantType === 'refresh_token') throw new SsoServiceError('CreateToken', 'InvalidGrantException', 400, 'the session ended');
      const issued = await createToken(input);
      if (input.grantType !== 'refresh_token') this.ssoEnded = false;
      return issued;
    };
    const getRoleCredentials = sso.getRoleCredentials.bind(sso);
    sso.getRoleCredentials = async (input) => {
      if (this.networkDown) throw new SsoServiceError('GetRoleCredentials', 'NetworkError', null, 'network down');
      if (this.ssoEnded) throw new SsoServiceError('GetRoleCredentials', 'UnauthorizedException', 401, 'Session token not found or invalid');
      return getRoleCredentials(input);
    };
  }

  async start(): Promise<void> {
    await changeStore(this.home.environment, (data) => {
      data.kept = KEPT.filter((name) => name !== 'managed1');
      data.managed = { managed1: { roleArn: ROLE, sourceProfile: 'base' } };
      // "MFA once a day": one 12 h GetSessionToken session, roles assumed from it without a code.
      data.settings.useMfaSession = true;
    });
    this.service = createRolekeeperService({ environment: this.home.environment, clock: this.clock, sts: this.sts, sso: this.sso });
    await this.signInSso();
    this.keeping = await startKeeping(this.service, {
      endpoint: false,
      log: (line) => this.log.push(`${this.stamp()} ${typeof line === 'string' ? line : say(english, line)}`),
    });
    this.windows.push({ from: this.clock.monotonic(), to: this.clock.monotonic() + RECOVERY_MS, profile: null });
    await this.typeMfaCode();
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString().slice(5, 16).replace('T', ' ');
  }

  private async signInSso(): Promise<void> {
    const seen = this.changesSeen('.aws/sso');
    await this.service.ssoLogin({ session: 'corp' }, { flow: 'device', onPrompt: () => undefined, sleep: async () => undefined });
    this.report.ssoSignIns += 1;
    if (this.keeping) await this.waitForWatcher('.aws/sso', seen);
  }

  private changesSeen(fragment: string): number {
    return this.log.filter((line) => line.includes(' changed: ') && line.includes(fragment)).length;
  }

  /**
   * The file watcher hears of an edit in real time, then waits its quiet time on the fake clock.
   * Virtual time creeps (250 ms per real 10 ms) until it has re-planned, as a second passes for a
   * running daemon; a race with a fast-forwarding clock would be the simulation's, not the keeper's.
   */
  private async waitForWatcher(fragment: string, seen: number): Promise<void> {
    const started = Date.now();
    while (this.changesSeen(fragment) === seen && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await this.clock.advance(250);
      this.awakeMs += 250;
      await settle(this.service.state);
      this.sample();
    }
    if (this.changesSeen(fragment) === seen) throw new Error(`the keeper never noticed the change of ${fragment}`);
  }

  private async typeMfaCode(): Promise<void> {
    this.report.mfaCodesTyped += 1;
    await this.keeping.refreshNow('guarded', { mfaCode: '123456' }).catch(() => undefined);
  }

  /** What a person does when the keeper asks for them: a code, a sign-in, PERSON_ANSWERS_AFTER_MS later. */
  private async answerThePerson(): Promise<void> {
    if (!this.awake) return;
    const now = this.clock.monotonic();
    for (const profile of ['guarded', 'prod-ro']) {
      const state = this.service.state.get(profile);
      const waiting = state?.status === 'needs-you';
      const due = this.personDueAt.get(profile);
      if (!waiting) {
        this.personDueAt.delete(profile);
        continue;
      }
      if (due === undefined) {
        this.personDueAt.set(profile, now + PERSON_ANSWERS_AFTER_MS);
        this.windows.push({ from: now, to: now + PERSON_ANSWERS_AFTER_MS + RECOVERY_MS, profile });
        this.log.push(`${this.stamp()} ${profile} needs a person: ${state?.lastError?.kind}`);
        continue;
      }
      if (now < due) continue;
      this.personDueAt.delete(profile);
      if (profile === 'guarded') await this.typeMfaCode();
      else await this.signInSso();
    }
  }

  private inWindow(profile: string, at: number): boolean {
    return this.windows.some((window) => at >= window.from && at <= window.to && (window.profile === null || window.profile === profile));
  }

  /** One look at what the AWS CLI would meet for every kept profile now. */
  private sample(): void {
    if (!this.awake) return;
    const mono = this.clock.monotonic();
    const wall = this.clock.now();
    const context = this.service.sinkContext();
    let allGood = true;
    for (const profile of KEPT) {
      let expiry: Date | null;
      try {
        expiry = heldExpiry(profile, context);
      } catch {
        expiry = null;
      }
      const expired = expiry === null || expiry.getTime() <= this.trueNow();
      const unusable = !expired && (expiry as Date).getTime() - wall < CLI_CACHE_MIN_VALID_MS;
      if (!expired && !unusable) continue;
      const waitsForPerson = this.personDueAt.has(profile) || this.service.state.get(profile)?.status === 'needs-you';
      if (!waitsForPerson) allGood = false;
      const key = `${profile}@${Math.floor(mono / MINUTE)}`;
      if (this.inWindow(profile, mono) || this.networkDown) this.outage.add(key);
      else if (!this.bad.has(key)) this.bad.set(key, `${profile}@${this.stamp()} (${expired ? 'expired' : 'inside the CLI window'}; ${this.service.state.get(profile)?.status})`);
    }
    if (allGood && !this.networkDown) {
      for (const pending of this.pending.splice(0)) {
        this.report.recoveries += 1;
        this.report.worstRecoveryMs = Math.max(this.report.worstRecoveryMs, mono - pending.at);
      }
    }
  }

  /** Awake time passes: timer by timer, each refresh finishing, a look after each step. */
  async run(ms: number): Promise<void> {
    const target = this.clock.monotonic() + ms;
    this.awakeMs += ms;
    for (;;) {
      await settle(this.service.state);
      await this.answerThePerson();
      await settle(this.service.state);
      this.sample();
      const remaining = target - this.clock.monotonic();
      if (remaining <= 0) break;
      // Timer by timer, and at least once a minute: the keeper's wake check fires every 30 s anyway.
      await this.clock.advance(Math.min(this.clock.nextTimerIn() ?? Infinity, remaining, MINUTE));
    }
  }

  /** Runs until `beforeMs` before the profile's next planned refresh, so an outage meets a refresh. */
  async runUntilRefreshDue(profile: string, beforeMs: number): Promise<void> {
    const next = this.service.state.get(profile)?.nextRefreshAt;
    const ms = next ? Date.parse(next) - beforeMs - this.clock.now() : 0;
    if (ms > 0) await this.run(ms);
  }

  /** The lid closes for `ms`: no timer runs, true and wall time go on. */
  async sleep(ms: number): Promise<void> {
    await settle(this.service.state);
    this.awake = false;
    this.clock.suspend(ms);
    this.awake = true;
    this.report.wakes += 1;
    const now = this.clock.monotonic();
    this.windows.push({ from: now, to: now + RECOVERY_MS, profile: null });
    this.pending.push({ at: now, kind: 'wake' });
    // The tray hears the OS's resume event; the daemon has none and notices by its own timer.
    if (this.face === 'tray') {
      this.keeping.notifyResumed();
      this.service.replan();
    }
  }

  setClock(deltaMs: number): void {
    this.clock.jumpWall(deltaMs);
    this.skewMs += deltaMs;
    const now = this.clock.monotonic();
    this.windows.push({ from: now, to: now + RECOVERY_MS, profile: null });
    this.pending.push({ at: now, kind: 'clock' });
  }

  async networkOutage(ms: number): Promise<void> {
    this.networkDown = true;
    const from = this.clock.monotonic();
    await this.run(ms);
    this.networkDown = false;
    const now = this.clock.monotonic();
    this.windows.push({ from, to: now + RECOVERY_MS, profile: null });
    this.pending.push({ at: now, kind: 'reconnect' });
  }

  stsRefuses(errors: RefreshError[]): void {
    this.sts.failNext(...errors);
  }

  endSsoSession(): void {
    this.ssoEnded = true;
    this.log.push(`${this.stamp()} the SSO session ends`);
  }

  /** `aws configure set` edits the files while the keeper runs; the watcher takes it from there. */
  async configureSet(args: string[]): Promise<void> {
    const file = args.some((arg) => arg.startsWith('aws_')) ? '.aws/credentials' : '.aws/config';
    const seen = this.changesSeen(file);
    awsConfigureSet(this.home, args);
    this.report.configEdits += 1;
    await this.waitForWatcher(file, seen);
  }

  finish(): WeekReport {
    const report = this.report;
    report.awakeHours = Math.round((this.awakeMs / HOUR) * 10) / 10;
    report.badMoments = this.bad.size;
    report.badDetails = [...this.bad.values()].slice(0, 20);
    report.outageMoments = this.outage.size;
    report.getSessionToken = this.sts.calls.filter((call) => call.operation === 'GetSessionToken').length;
    report.getRoleCredentials = this.sso.operations('GetRoleCredentials').length;
    report.ssoTokenRenewals = this.sso.calls.filter((call) => call.operation === 'CreateToken' && call.detail === 'refresh_token').length;
    // 1 h sessions renewed 20 min (+ up to 30 s) before they end: one per 39.5 awake minutes, plus
    // one per wake (what expired during the sleep), per clock change and per MFA code or sign-in.
    const steady = Math.ceil(this.awakeMs / (39.5 * MINUTE));
    const events = 1 + report.wakes + 4 + report.configEdits;
    report.assumeRoleBudget = {
      project1: steady + events,
      guarded: steady + events + report.mfaCodesTyped,
      managed1: steady + events,
    };
    report.otherProfileIntact = this.otherProfileIntact();
    report.getRoleCredentialsBudget = steady + events + report.ssoSignIns;
    return report;
  }

  private otherProfileIntact(): boolean {
    const text = readFileSync(this.home.credentialsFile, 'utf8');
    const other = text.slice(text.indexOf('[other]'));
    return other.includes('aws_access_key_id = AKIAOTHEROTHEROTHER0\n') && other.includes('aws_secret_access_key = other-secret-left-alone') && text.includes('# keys Rolekeeper rewrites\n[managed1]\n');
  }

  async stop(): Promise<void> {
    await this.keeping?.stop();
    this.home.cleanup();
  }
}

const throttled = (): RefreshError => new RefreshError('throttled', 'Rate exceeded (simulated)', 'Wait a little.', null);
const unavailable = (): RefreshError => new RefreshError('server-error', 'STS answered 503 (simulated)', 'Try again later.', null);

/** The week: Monday 08:00 to the next Monday 08:00, the same script for both faces. */
export async function simulateWeek(face: Face): Promise<WeekReport & { log: string[] }> {
  const week = new Week(face);
  try {
    await week.start();
    // Monday: the clock is set 10 min ahead mid-morning and NTP puts it back after lunch.
    await week.run(2 * HOUR);
    week.setClock(10 * MINUTE);
    await week.run(3 * HOUR);
    week.setClock(-10 * MINUTE);
    await week.run(5 * HOUR);
    await week.sleep(14 * HOUR);
    // Tuesday: the network drops for 20 minutes; the clock goes 10 min behind and back.
    await week.run(90 * MINUTE);
    await week.runUntilRefreshDue('project1', 5 * MINUTE);
    await week.networkOutage(20 * MINUTE);
    await week.run(HOUR);
    week.setClock(-10 * MINUTE);
    await week.run(4 * HOUR);
    week.setClock(10 * MINUTE);
    await week.run(2 * HOUR);
    await week.sleep(14 * HOUR);
    // Wednesday: STS throttles, later answers 503 several times; a long day past the MFA session's end.
    await week.run(2 * HOUR);
    week.stsRefuses([throttled(), throttled(), throttled(), throttled()]);
    await week.run(5 * HOUR);
    week.stsRefuses([unavailable(), unavailable(), unavailable()]);
    await week.run(7 * HOUR);
    await week.sleep(10 * HOUR);
    // Thursday: the SSO session ends after lunch; the person signs in again when asked.
    await week.run(6 * HOUR);
    week.endSsoSession();
    await week.run(4 * HOUR);
    await week.sleep(14 * HOUR);
    // Friday: the files are edited with `aws configure set` while the keeper runs.
    await week.run(3 * HOUR);
    await week.configureSet(['region', 'eu-central-1', '--profile', 'project1']);
    await week.run(HOUR);
    await week.configureSet(['aws_access_key_id', 'AKIAOTHEROTHEROTHER0', '--profile', 'other']);
    await week.configureSet(['aws_secret_access_key', 'other-secret-left-alone', '--profile', 'other']);
    await week.run(HOUR);
    await week.configureSet(['cli_pager', '', '--profile', 'guarded']);
    await week.run(5 * HOUR);
    // The weekend: asleep, a look on Saturday morning, asleep again.
    await week.sleep(16 * HOUR);
    await week.run(2 * HOUR);
    await week.sleep(44 * HOUR);
    await week.run(HOUR);
    return { ...week.finish(), log: week.log };
  } finally {
    await week.stop();
  }
}
