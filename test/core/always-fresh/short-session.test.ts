// Sessions too short for the AWS CLI's cache: one verdict in the engine, said by the daemon's log,
// the tray's summaries and doctor; the keeper renews a 900 s role at most once per half session.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTempHome } from '../../helpers/temp-home';
import { FakeClock } from '../../helpers/fake-clock';
import { advanceSettled } from '../../helpers/virtual-time';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { startKeeping } from '../../../src/main/core/service/keeping';
import { changeStore } from '../../../src/main/core/credentials/rolekeeper-store';
import { isShortSession } from '../../../src/main/core/always-fresh/short-session';
import { checkShortSessions } from '../../../src/main/core/doctor/short-session-check';
import { fixWriter } from '../../../src/main/core/doctor/doctor-fixes';
import { english, say, translator, type Phrase } from '../../../src/shared/i18n';

const MINUTE = 60_000;
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CONFIG =
  `[profile base]\nregion = us-east-1\n\n` +
  `[profile short]\nrole_arn = ${ROLE}\nsource_profile = base\nduration_seconds = 900\n\n` +
  `[profile hourly]\nrole_arn = ${ROLE}\nsource_profile = base\n\n` +
  `[profile short-cli]\ncredential_process = rolekeeper credential-process short2\n\n` +
  `[profile short2]\nrole_arn = ${ROLE}\nsource_profile = base\nduration_seconds = 1200\n`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret-value\n';

describe('short sessions', () => {
  test('the verdict: the CLI window plus the lead the keeper can keep (at most half a session)', () => {
    assert.equal(isShortSession(900_000, 20 * MINUTE), true);
    assert.equal(isShortSession(30 * MINUTE, 20 * MINUTE), true, 'renewed at 15 min with 15 min left: the window closes at the refresh');
    assert.equal(isShortSession(35 * MINUTE, 20 * MINUTE), false, 'renewed after 17.5 min with 17.5 min left');
    assert.equal(isShortSession(60 * MINUTE, 20 * MINUTE), false);
    assert.equal(isShortSession(29 * MINUTE, 14 * MINUTE), true, 'a 14 min lead leaves the CLI without a usable entry for a while');
    assert.equal(isShortSession(12 * 60 * MINUTE, 20 * MINUTE), false);
  });

  test('a 900 s role kept with the default lead: at most one AssumeRole per half session over 200 s and an hour, said once in the log, in the summary and by doctor', async () => {
    const home = makeTempHome({ config: CONFIG, credentials: CREDENTIALS });
    const clock = new FakeClock(Date.now());
    const sts = recordingSts({ now: () => clock.now() });
    // Sessions as long as each profile asks for (STS's default 1 h).
    const assumeRole = sts.assumeRole.bind(sts);
    sts.assumeRole = (input) => {
      sts.lifetimeMs = (input.durationSeconds ?? 3600) * 1000;
      return assumeRole(input);
    };
    const lines: Array<Phrase | string> = [];
    try {
      await changeStore(home.environment, (data) => (data.kept = ['short', 'hourly', 'short2']));
      const service = createRolekeeperService({ environment: home.environment, clock, sts });
      const keeping = await startKeeping(service, { endpoint: false, watch: false, log: (line) => lines.push(line) });
      try {
        const assumed = (profile: string): number => sts.calls.filter((call) => call.operation === 'AssumeRole' && call.input.profile === profile).length;
        await advanceSettled(clock, service.state, 200_000);
        assert.ok(assumed('short') <= 2, `${assumed('short')} AssumeRole calls in 200 s`);
        assert.equal(assumed('short'), 1);
        await advanceSettled(clock, service.state, 60 * MINUTE - 200_000);
        // Sessions of 900 s: renewed every 450 s, never every minute (the lead alone would make every session due at once).
        assert.ok(assumed('short') <= 1 + Math.floor((60 * MINUTE) / 450_000), `${assumed('short')} calls in an hour`);
        assert.ok(assumed('short') >= 8, 'still kept fresh');
        const state = service.state.get('short');
        assert.ok(state?.expiresAt && Date.parse(state.expiresAt) > clock.now(), 'never expired');

        const said = lines.filter((line): line is Phrase => typeof line !== 'string' && line.key.startsWith('engine.shortSession'));
        assert.deepEqual(said.map((line) => line.key).sort(), ['engine.shortSession', 'engine.shortSessionServed']);
        const shortLine = say(english, said.find((line) => line.key === 'engine.shortSession') as Phrase);
        assert.match(shortLine, /^Sessions of profile short last 15 min: the AWS CLI ignores cache entries with under 15 min left/);
        assert.match(shortLine, /`rolekeeper setup credential-process short`, `eval "\$\(rolekeeper export short --via-endpoint\)"` or `rolekeeper exec short -- COMMAND`$/);
        assert.match(say(translator('de'), said[0]), /Sitzungen von Profil/);
        assert.match(say(english, said.find((line) => line.key === 'engine.shortSessionServed') as Phrase), /profile short-cli asks Rolekeeper through credential_process: use `aws --profile short-cli`/);

        const summaries = new Map(service.summaries().map((summary) => [summary.name, summary]));
        assert.equal(summaries.get('short')?.shortSession?.sessionSeconds, 900);
        assert.equal(summaries.get('short')?.shortSession?.servedByCredentialProcess, null);
        assert.equal(summaries.get('short2')?.shortSession?.servedByCredentialProcess, 'short-cli');
        assert.equal(summaries.get('hourly')?.shortSession, undefined);

        const findings = checkShortSessions({ environment: home.environment, profiles: service.profiles(), fix: fixWriter(home.environment) });
        const byProfile = new Map(findings.map((finding) => [finding.profile, finding]));
        assert.equal(byProfile.get('short')?.severity, 'warning');
        assert.equal(byProfile.get('short')?.fix, 'rolekeeper setup credential-process short');
        assert.equal(byProfile.get('short2')?.severity, 'info');
        assert.equal(byProfile.get('short2')?.fix, null);
        assert.equal(byProfile.has('hourly'), false);
      } finally {
        await keeping.stop();
      }
    } finally {
      home.cleanup();
    }
  });
});
