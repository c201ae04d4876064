// Placeholders are typed: a phrase of a key takes exactly the `{names}` of its sentence. The lines
// marked as expected errors fail `npm run typecheck` when the compiler stops refusing them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { english, phrase, say, type MessageKey, type PlaceholdersOf } from '../../src/shared/i18n';

test('a phrase takes the placeholders of its sentence, and a key chosen at run time may leave some out', () => {
  const named = phrase('engine.process.notJson', { profile: 'dev' });
  assert.match(say(english, named), /dev/);
  // @ts-expect-error the sentence has {profile}: it must be given
  assert.throws(() => assert.doesNotMatch(say(english, phrase('engine.process.notJson')), /\{profile\}/));
  // @ts-expect-error no placeholder is called {profil}
  phrase('engine.process.notJson', { profil: 'dev' });
  // Braces around JSON are text, not a placeholder: the fix takes no parameter.
  assert.match(say(english, phrase('engine.process.notJsonFix')), /\{"Version": 1/);
  const chosen: MessageKey = Math.random() < 2 ? 'engine.noFindingFix' : 'engine.process.notJson';
  assert.equal(typeof say(english, phrase(chosen)), 'string');
  const names: Array<PlaceholdersOf<'engine.process.notJson'>> = ['profile'];
  assert.deepEqual(names, ['profile']);
});
