// Where the popover opens next to the tray on each platform (pure geometry, no Electron needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { popoverPosition, type PlacementInput, type Rect } from '../../src/main/electron/popover-placement';

const WINDOW = { width: 360, height: 520 };
const GAP = 6;
const SCREEN: Rect = { x: 0, y: 0, width: 1920, height: 1080 };

function place(overrides: Partial<PlacementInput> & Pick<PlacementInput, 'platform' | 'trayBounds' | 'workArea'>): { x: number; y: number } {
  return popoverPosition({ displayBounds: SCREEN, windowSize: WINDOW, ...overrides });
}

function centeredOn(tray: Rect): number {
  return Math.round(tray.x + tray.width / 2 - WINDOW.width / 2);
}

test('on macOS the popover opens just below the menu-bar icon, centred on it', () => {
  const tray: Rect = { x: 1500, y: 0, width: 22, height: 24 };
  const workArea: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
  assert.deepEqual(place({ platform: 'darwin', trayBounds: tray, workArea }), { x: centeredOn(tray), y: 25 + GAP });
});

test('on macOS an icon near the right edge keeps the popover inside the screen', () => {
  const tray: Rect = { x: 1900, y: 0, width: 22, height: 24 };
  const workArea: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
  assert.deepEqual(place({ platform: 'darwin', trayBounds: tray, workArea }), { x: 1920 - WINDOW.width - GAP, y: 25 + GAP });
});

test('on a second macOS display the popover stays on that display', () => {
  const display: Rect = { x: 1920, y: 0, width: 1440, height: 900 };
  const tray: Rect = { x: 3000, y: 0, width: 22, height: 24 };
  const workArea: Rect = { x: 1920, y: 25, width: 1440, height: 875 };
  const { x, y } = place({ platform: 'darwin', trayBounds: tray, workArea, displayBounds: display });
  assert.equal(y, 25 + GAP);
  assert.ok(x >= 1920 + GAP && x + WINDOW.width <= 1920 + 1440 - GAP, `x ${x} leaves the second display`);
  assert.equal(x, centeredOn(tray));
});

test('on Windows with the taskbar at the bottom the popover sits above it, centred on the icon', () => {
  const tray: Rect = { x: 1700, y: 1040, width: 24, height: 40 };
  const workArea: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), { x: centeredOn(tray), y: 1040 - WINDOW.height - GAP });
});

test('on Windows an icon in the bottom-right corner clamps the popover to the work area', () => {
  const tray: Rect = { x: 1890, y: 1040, width: 24, height: 40 };
  const workArea: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), { x: 1920 - WINDOW.width - GAP, y: 1040 - WINDOW.height - GAP });
});

test('on Windows with the taskbar on the left the popover opens beside it, level with the icon', () => {
  const tray: Rect = { x: 0, y: 700, width: 48, height: 24 };
  const workArea: Rect = { x: 48, y: 0, width: 1872, height: 1080 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), {
    x: 48 + GAP,
    y: Math.round(700 + 12 - WINDOW.height / 2),
  });
});

test('on Windows with the taskbar on the right the popover opens beside it, level with the icon', () => {
  const tray: Rect = { x: 1872, y: 300, width: 48, height: 24 };
  const workArea: Rect = { x: 0, y: 0, width: 1872, height: 1080 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), {
    x: 1872 - WINDOW.width - GAP,
    y: Math.round(300 + 12 - WINDOW.height / 2),
  });
});

test('on Windows with the taskbar at the top the popover opens below it', () => {
  const tray: Rect = { x: 1600, y: 0, width: 24, height: 40 };
  const workArea: Rect = { x: 0, y: 40, width: 1920, height: 1040 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), { x: centeredOn(tray), y: 40 + GAP });
});

test('a side taskbar icon near the bottom keeps the popover above the work area bottom edge', () => {
  const tray: Rect = { x: 1872, y: 1050, width: 48, height: 24 };
  const workArea: Rect = { x: 0, y: 0, width: 1872, height: 1080 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), { x: 1872 - WINDOW.width - GAP, y: 1080 - WINDOW.height - GAP });
});

test('a side taskbar icon near the top keeps the popover below the work area top edge', () => {
  const tray: Rect = { x: 0, y: 4, width: 48, height: 24 };
  const workArea: Rect = { x: 48, y: 0, width: 1872, height: 1080 };
  assert.deepEqual(place({ platform: 'win32', trayBounds: tray, workArea }), { x: 48 + GAP, y: GAP });
});

test('on Linux without tray bounds the popover opens in the top-right corner of the work area', () => {
  const workArea: Rect = { x: 0, y: 32, width: 1920, height: 1048 };
  const none: Rect = { x: 0, y: 0, width: 0, height: 0 };
  assert.deepEqual(place({ platform: 'linux', trayBounds: none, workArea }), { x: 1920 - WINDOW.width - GAP, y: 32 + GAP });
});

test('on Linux without tray bounds on an offset display the corner is that display’s', () => {
  const display: Rect = { x: -1280, y: 0, width: 1280, height: 1024 };
  const workArea: Rect = { x: -1280, y: 27, width: 1280, height: 997 };
  const none: Rect = { x: 0, y: 0, width: 0, height: 0 };
  assert.deepEqual(place({ platform: 'linux', trayBounds: none, workArea, displayBounds: display }), { x: -WINDOW.width - GAP, y: 27 + GAP });
});

test('on Linux a work area narrower than the popover pins it to the left edge', () => {
  const workArea: Rect = { x: 0, y: 0, width: 300, height: 600 };
  const none: Rect = { x: 0, y: 0, width: 0, height: 0 };
  assert.deepEqual(place({ platform: 'linux', trayBounds: none, workArea, displayBounds: workArea }), { x: GAP, y: GAP });
});

test('on Linux a tray that reports bounds (XEmbed) is treated like a top panel', () => {
  const tray: Rect = { x: 1800, y: 4, width: 24, height: 24 };
  const workArea: Rect = { x: 0, y: 32, width: 1920, height: 1048 };
  assert.deepEqual(place({ platform: 'linux', trayBounds: tray, workArea }), { x: 1920 - WINDOW.width - GAP, y: 32 + GAP });
});

test('wherever the tray is, the popover lies wholly inside the work area', () => {
  const workArea: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    for (const trayX of [0, 10, 960, 1910]) {
      const tray: Rect = { x: trayX, y: 1040, width: 24, height: 40 };
      const { x, y } = place({ platform, trayBounds: tray, workArea });
      assert.ok(x >= GAP && x + WINDOW.width <= 1920 - GAP, `${platform} tray at ${trayX}: x ${x} outside`);
      assert.ok(y >= GAP && y + WINDOW.height <= 1040 - GAP, `${platform} tray at ${trayX}: y ${y} outside`);
    }
  }
});
