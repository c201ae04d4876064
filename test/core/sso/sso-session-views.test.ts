// Each SSO sign-in's state and end where people look: the service's summaries (tray rows, `list
// --json`), the `list` table, and the doctor, with `rolekeeper sso login …` as the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTempHome } from '../../helpers/temp-home';
import { FakeClock } from '../../helpers/fake-clock';
import { recordingSso } from '../../helpers/recording-sso';
import { recordingSts } from '../../helpers/recording-sts';
import { createRolekeeperService } from '../../../src/main/core/service/rolekeeper-service';
import { writeSsoTokenFile } from '../../../src/main/core/sso/sso-token-file';
import { renderListTable, toListRow } from '../../../src/main/cli/commands/list';
import { findingText } from '../../../src/shared/finding-wording';
import { translator } from '../../../src/shared/i18n';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const CONFIG = `[profile prod-ro]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile deploy]
role_arn = arn:aws:iam::333333333333:role/deploy
source_profile = prod-ro

[profile short]
sso_session = contractor
sso_account_id = 222222222222
sso_role_name = Developer

[profile plain]
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1

[sso-session contractor]
sso_start_url = https://contractor.awsapps.com/start
sso_region = eu-west-1
`;
const MINUTE = 60_000;

test('summaries, list and doctor show each SSO session: renewable until its registration ends, or ending with the sign-in fix', async () => {
  await withTempHome({ config: CONFIG }, async (home) => {
    const clock = new FakeClock();
    const service = createRolekeeperService({ environment: home.environment, clock, sts: recordingSts(), sso: recordingSso({ now: () => clock.now() }) });
    const cacheDir = service.profiles().paths.ssoCacheDir;
    const base = { region: 'us-east-1', accessToken: 'secret-access', clientId: 'cid', clientSecret: 'secret-client' };
    const corpEnds = new Date(clock.now() + 8 * 3600_000);
    const registrationEnds = new Date(clock.now() + 30 * 86_400_000);
    await writeSsoTokenFile(cacheDir, { ssoSession: 'corp' }, { ...base, startUrl: START_URL, expiresAt: corpEnds, registrationExpiresAt: registrationEnds, refreshToken: 'secret-refresh' });
    const contractorEnds = new Date(clock.now() + 5 * MINUTE);
    await writeSsoTokenFile(cacheDir, { ssoSession: 'contractor' }, { ...base, startUrl: 'https://contractor.awsapps.com/start', expiresAt: contractorEnds, registrationExpiresAt: registrationEnds, refreshToken: null });
    service.reload();

    const byName = new Map(service.summaries().map((summary) => [summary.name, summary]));
    assert.deepEqual(byName.get('prod-ro')?.ssoSession, { session: 'corp', startUrl: START_URL, status: 'renewable', expiresAt: corpEnds.toISOString(), renewableUntil: registrationEnds.toISOString(), fix: null });
    assert.deepEqual(byName.get('deploy')?.ssoSession, byName.get('prod-ro')?.ssoSession, 'a chain shows the sign-in of its first link');
    assert.equal(byName.get('short')?.ssoSession?.status, 'expiring');
    assert.equal(byName.get('short')?.ssoSession?.fix, 'rolekeeper sso login --session contractor');
    assert.equal(byName.get('plain')?.ssoSession, undefined);
    assert.equal('ssoSession' in toListRow(byName.get('plain')!), false, 'list --json rows of other profiles are unchanged');
    assert.equal(toListRow(byName.get('short')!).ssoSession?.expiresAt, contractorEnds.toISOString());

    const table = renderListTable(service.summaries(), new Date(clock.now()));
    assert.match(table, /^SSO SESSION +STATUS +TOKEN ENDS +RENEWABLE UNTIL +PROFILES$/m);
    assert.match(table, /^corp +renewable +2026-01-15T17:00:00Z \(.*\) +2026-02-14T09:00:00Z +prod-ro, deploy$/m);
    assert.match(table, /^contractor +expiring +2026-01-15T09:05:00Z \(.*\) +- +short$/m);
    assert.match(table, /^contractor: sign in with rolekeeper sso login --session contractor$/m);
    assert.ok(!table.includes('secret-'), 'no token in the table');

    const findings = service.doctor();
    const renewable = findings.find((finding) => finding.code === 'sso-session-renewable');
    assert.match(renewable?.message ?? '', /SSO session "corp": token valid until 2026-01-15T17:00:00\.000Z, renewed silently .* until 2026-02-14T09:00:00\.000Z \(used by "prod-ro"\)/);
    const ending = findings.find((finding) => finding.code === 'sso-session-ending');
    assert.equal(ending?.severity, 'warning');
    assert.match(ending?.message ?? '', /SSO session "contractor" ends at 2026-01-15T09:05:00\.000Z and cannot be renewed silently: the token has no refresh token/);
    assert.equal(ending?.fix, 'rolekeeper sso login --session contractor');
    assert.match(findingText(ending!, translator('de')).message, /SSO-Sitzung "contractor" endet am 2026-01-15T09:05:00\.000Z und kann nicht im Hintergrund erneuert werden: das Token hat kein Refresh-Token/, 'the reason in German too');
    assert.ok(!JSON.stringify(findings).includes('secret-'));
    assert.ok(!JSON.stringify(service.summaries()).includes('secret-'));
  });
});
