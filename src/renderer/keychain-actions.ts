// "Move keys to the keychain" and the "Add keys" form: long-term keys go to main once and are never
// shown again — the form clears its fields as it sends, and no answer carries a key back.
import { say as sayPhrase } from '../shared/i18n';
import { escapeHtml } from './dom';
import { popover, reload, say, sayFailure } from './popover-context';

export async function moveKeysToKeychain(profile: string): Promise<void> {
  const response = await popover.api.moveKeysToKeychain({ profile });
  if (response.ok) say(sayPhrase(popover.t, response.wording));
  else sayFailure(response);
  await reload();
}

/** The form for one profile's keys; `onDone` runs after a successful add (e.g. to close it). */
export function addKeysForm(profile: string, onDone: () => void = () => undefined): HTMLFormElement {
  const t = popover.t;
  const form = document.createElement('form');
  form.className = 'panel keychain-form';
  form.autocomplete = 'off';
  form.innerHTML = `
    <label>${escapeHtml(t('vault.ui.keyId'))} <input name="accessKeyId" type="text" spellcheck="false" autocomplete="off" required></label>
    <label>${escapeHtml(t('vault.ui.secret'))} <input name="secretAccessKey" type="password" spellcheck="false" autocomplete="off" required></label>
    <button type="submit">${escapeHtml(t('vault.ui.add', { profile }))}</button>`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const keyId = form.elements.namedItem('accessKeyId') as HTMLInputElement;
    const secret = form.elements.namedItem('secretAccessKey') as HTMLInputElement;
    const request = { profile, accessKeyId: keyId.value, secretAccessKey: secret.value };
    keyId.value = '';
    secret.value = '';
    void popover.api.addKeys(request).then(async (response) => {
      if (response.ok) {
        say(sayPhrase(popover.t, response.wording));
        onDone();
      } else sayFailure(response);
      await reload();
    });
  });
  return form;
}
