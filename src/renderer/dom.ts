// Small DOM helpers every part of the popover uses.

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`popover page lacks #${id}`);
  return element as T;
}

/** For text and attribute values inside the HTML strings the popover builds. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The element carrying `data-focus="key"`: focus survives a re-render by this key. */
export function byFocusKey(key: string, within: ParentNode = document): HTMLElement | null {
  return within.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
}
