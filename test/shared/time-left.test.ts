// One rounding of time left for the menu, the rows and the notifications, and plurals from
// Intl.PluralRules in English and German.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeLeft } from '../../src/shared/duration';
import { plural, sayTimeLeft, translator } from '../../src/shared/i18n';

const en = translator('en');
const de = translator('de-DE');
const MIN = 60_000;

test('time left rounds to the nearest minute and shows seconds only in the last minute', () => {
  assert.deepEqual(timeLeft(0), { unit: 'expired' });
  assert.deepEqual(timeLeft(59_500), { unit: 'seconds', seconds: 59 });
  assert.deepEqual(timeLeft(1_000), { unit: 'seconds', seconds: 1 });
  assert.deepEqual(timeLeft(3 * MIN + 20_000), { unit: 'minutes', minutes: 3 });
  assert.deepEqual(timeLeft(3 * MIN + 40_000), { unit: 'minutes', minutes: 4 });
  assert.deepEqual(timeLeft(60 * MIN + 400), { unit: 'hours', hours: 1, minutes: 0 }, 'a fresh one-hour session');
  assert.deepEqual(timeLeft(10 * MIN - 50), { unit: 'minutes', minutes: 10 }, 'a 10 min warning fired a moment late');
  assert.deepEqual(timeLeft(125 * MIN), { unit: 'hours', hours: 2, minutes: 5 });
});

test('the menu, a notification and a row word 3 min 20 s the same: "3 min"', () => {
  const left = 3 * MIN + 20_000;
  assert.equal(sayTimeLeft(en, left), '3 min');
  assert.equal(sayTimeLeft(en, left, { seconds: true }), '3 min');
  assert.equal(sayTimeLeft(de, left), '3 Min.');
  assert.equal(sayTimeLeft(en, 30_000), '< 1 min', 'what does not tick says "< 1 min"');
  assert.equal(sayTimeLeft(en, 30_000, { seconds: true }), '30 s');
  assert.equal(sayTimeLeft(de, 30_000, { seconds: true }), '30 Sek.');
});

test('plurals come from Intl.PluralRules in both languages: no "1 cache entries"', () => {
  assert.equal(plural(en, 'ui.cleared', 1), 'Removed 1 cache entry.');
  assert.equal(plural(en, 'ui.cleared', 0), 'Removed 0 cache entries.');
  assert.equal(plural(de, 'ui.cleared', 1), '1 Cache-Eintrag entfernt.');
  assert.equal(plural(de, 'ui.cleared', 3), '3 Cache-Einträge entfernt.');
  assert.equal(plural(de, 'ui.groupCount', 1), '1 Profil');
  assert.equal(plural(en, 'notify.batchExpired', 3, { names: 'a, b, c' }), '3 profiles expired: a, b, c');
});
