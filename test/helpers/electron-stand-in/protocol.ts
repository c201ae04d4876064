// The commands a test sends the stand-in child, and its replies.
import type { MouseButton } from './platform-rules';

export type Command =
  | { type: 'record' }
  | { type: 'tray-click'; button: MouseButton }
  /** Labels from the top of the tray's context menu, each matched as a prefix. */
  | { type: 'menu-click'; path: string[] }
  | { type: 'gc' }
  | { type: 'notification-click'; id: number }
  | { type: 'power'; event: 'resume' | 'unlock-screen' | 'suspend' }
  | { type: 'invoke'; channel: string; request?: unknown; from: 'popover' | 'other-contents' | 'subframe' | 'foreign-origin' }
  | { type: 'load-preload'; path: string }
  | { type: 'api-call'; method: string; request?: unknown }
  | { type: 'set-message-box-answer'; answer: number }
  | { type: 'quit' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
