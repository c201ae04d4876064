// The profile list: rendering with focus, collapsed groups and the open panel kept across state
// pushes; the filter; and moving through rows with a roving tabindex (the grid pattern).
import { byFocusKey, byId, escapeHtml } from './dom';
import { popover } from './popover-context';
import { listHtml } from './profile-rows';
import { trackCountdowns } from './countdowns';

const collapsed = new Set<string>();
let searchTexts: string[] = [];
/** The focus key of the row (or group toggle) that holds the list's one tab stop. */
let current: string | null = null;
let firstRender = true;

export function rowOf(profile: string): HTMLElement | null {
  return byFocusKey(`row:${profile}`, byId('profile-list'));
}

export function profileOf(element: Element | null): string | undefined {
  return element?.closest<HTMLElement>('.profile')?.dataset.profile;
}

/**
 * Rows the arrow keys move between now: not filtered out, not in a collapsed group. Group toggles
 * are their own controls (Tab reaches them, Enter or a click collapses), never an arrow stop.
 */
export function navigable(): HTMLElement[] {
  const items: HTMLElement[] = [];
  for (const group of byId('profile-list').querySelectorAll<HTMLElement>('.group')) {
    if (group.hidden || group.classList.contains('collapsed')) continue;
    for (const row of group.querySelectorAll<HTMLElement>(':scope > .profile')) if (!row.hidden) items.push(row);
  }
  return items;
}

function setTabStop(element: HTMLElement | null): void {
  const list = byId('profile-list');
  for (const stop of list.querySelectorAll<HTMLElement>('.profile[tabindex="0"]')) stop.tabIndex = -1;
  const target = element ?? navigable().find((item) => item.classList.contains('profile')) ?? navigable()[0] ?? null;
  if (!target) return;
  target.tabIndex = 0;
  current = target.dataset.focus ?? null;
}

/** Focuses a row or group toggle and makes it the list's tab stop. */
export function focusItem(element: HTMLElement): void {
  setTabStop(element);
  element.focus();
  element.scrollIntoView({ block: 'nearest' });
}

/** Moves the tab stop (and focus) by `step` rows, or to the first/last with ±Infinity. */
export function moveFocus(from: HTMLElement, step: number): void {
  const items = navigable();
  if (items.length === 0) return;
  const at = items.indexOf(from);
  const index = step === Infinity ? items.length - 1 : step === -Infinity ? 0 : Math.max(0, Math.min(items.length - 1, (at < 0 ? -1 : at) + step));
  focusItem(items[index]);
}

export function focusList(): void {
  const remembered = current ? byFocusKey(current, byId('profile-list')) : null;
  const target = remembered && navigable().includes(remembered) ? remembered : navigable()[0];
  if (target && !target.hidden) focusItem(target);
  else if (navigable()[0]) focusItem(navigable()[0]);
}

export function toggleGroup(toggle: HTMLElement, open?: boolean): void {
  const group = toggle.closest<HTMLElement>('.group');
  const key = group?.dataset.group;
  if (!group || key === undefined) return;
  const next = open ?? group.classList.contains('collapsed');
  group.classList.toggle('collapsed', !next);
  toggle.setAttribute('aria-expanded', String(next));
  if (next) collapsed.delete(key);
  else collapsed.add(key);
}

/** Makes a profile's row reachable: clears a filter that hides it and opens its group. */
export function reveal(profile: string): HTMLElement | null {
  const row = rowOf(profile);
  if (!row) return null;
  const filter = byId<HTMLInputElement>('filter');
  if (row.hidden && filter.value !== '') {
    filter.value = '';
    applyFilter();
  }
  const toggle = row.parentElement?.querySelector<HTMLElement>('.group-toggle');
  if (toggle && row.parentElement?.classList.contains('collapsed')) toggleGroup(toggle, true);
  return row;
}

export function applyFilter(): void {
  const filter = byId<HTMLInputElement>('filter');
  const text = filter.value.trim().toLowerCase();
  const list = byId('profile-list');
  const rows = list.querySelectorAll<HTMLElement>('.profile');
  rows.forEach((row, index) => {
    row.hidden = text !== '' && !searchTexts[index].includes(text);
  });
  let shown = 0;
  for (const group of list.querySelectorAll<HTMLElement>('.group')) {
    const all = group.querySelectorAll<HTMLElement>(':scope > .profile');
    let visible = 0;
    for (const row of all) if (!row.hidden) visible += 1;
    group.hidden = visible === 0;
    const count = group.querySelector('.group-count');
    if (count) count.textContent = text === '' ? String(all.length) : `${visible}/${all.length}`;
    shown += visible;
  }
  const none = byId('no-match');
  none.hidden = !(text !== '' && shown === 0);
  none.textContent = popover.t('ui.noMatch', { filter: filter.value.trim() });
  const stop = current ? byFocusKey(current, list) : null;
  if (!stop || !navigable().includes(stop)) setTabStop(null);
}

/**
 * Renders the list from the state. `keep` is an element (an open panel) to put back after its
 * row; focus returns to the element with the same focus key, or stays inside `keep`.
 */
export function renderList(keep: { element: HTMLElement; profile: string } | null): void {
  const state = popover.state;
  if (!state) return;
  const list = byId('profile-list');
  const focused = document.activeElement as HTMLElement | null;
  const focusKey = focused && list.contains(focused) ? (focused.dataset.focus ?? null) : null;
  const focusInKept = focused !== null && keep !== null && keep.element.contains(focused);
  keep?.element.remove();

  const rendered = listHtml(state, collapsed, Date.now(), popover.t);
  searchTexts = rendered.searchTexts;
  list.innerHTML = state.profiles.length === 0 ? `<p class="empty">${escapeHtml(popover.t('ui.noProfiles'))}</p>` : rendered.html;
  trackCountdowns(list);
  // A fresh list hides nothing and its counts are right: only a typed filter needs the row pass.
  if (byId<HTMLInputElement>('filter').value.trim() !== '') applyFilter();
  else byId('no-match').hidden = true;
  setTabStop((current ? byFocusKey(current, list) : null) ?? list.querySelector<HTMLElement>('.group:not(.collapsed) > .profile'));

  const keptRow = keep ? rowOf(keep.profile) : null;
  if (keep && keptRow) keptRow.after(keep.element);
  if (focusInKept && keptRow) focused?.focus();
  else if (focusKey) byFocusKey(focusKey, list)?.focus();

  if (firstRender) {
    // For the bench: state in → DOM built → the frame that paints it.
    firstRender = false;
    performance.mark('rolekeeper:first-render');
    requestAnimationFrame(() => setTimeout(() => performance.mark('rolekeeper:first-paint'), 0));
  }
}
