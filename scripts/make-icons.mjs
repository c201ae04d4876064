// Draws Rolekeeper's tray and app icons and writes them as PNG (zlib) and ICO under build/.
// No ImageMagick: shapes are point-in-shape tests, anti-aliased by 4×4 supersampling.
// Tray states differ by shape as well as colour, so the macOS template images (black + alpha)
// and colour-blind users can still tell them apart. Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (Uint8Array, size*size*4) → PNG bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (Windows Vista and later read them). */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** Renders layers [{ inside(x, y) in unit square, color: [r,g,b,a] }] back to front. */
function render(size, layers) {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color = [0, 0, 0, 0];
          for (const layer of layers) if (layer.inside(x, y)) color = layer.color;
          const alpha = color[3] / 255;
          r += color[0] * alpha; g += color[1] * alpha; b += color[2] * alpha; a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      const count = samples * samples;
      pixels[i + 3] = Math.round((a / count) * 255);
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
    }
  }
  return pixels;
}

const radius = (x, y) => Math.hypot(x - 0.5, y - 0.5);
const ring = (x, y) => radius(x, y) <= 0.46 && radius(x, y) >= 0.33;
const disc = (r) => (x, y) => radius(x, y) <= r;
const STATE_SHAPES = {
  // A full core: everything fresh.
  fresh: (x, y) => disc(0.2)(x, y),
  // Half a core, like a clock running down.
  expiring: (x, y) => disc(0.2)(x, y) && x >= 0.5,
  // A slash through the ring.
  failing: (x, y) => Math.abs((x - 0.5) - (y - 0.5)) / Math.SQRT2 <= 0.07 && radius(x, y) <= 0.34,
  // An exclamation mark: it needs you.
  'needs-you': (x, y) => (Math.abs(x - 0.5) <= 0.065 && y >= 0.25 && y <= 0.58) || Math.hypot(x - 0.5, y - 0.7) <= 0.07,
  // An empty ring: nothing to keep.
  idle: () => false,
  // A dash across the ring: the AWS config cannot be read.
  unreadable: (x, y) => Math.abs(y - 0.5) <= 0.065 && Math.abs(x - 0.5) <= 0.3,
};
const STATE_COLORS = {
  fresh: [45, 164, 78, 255],
  expiring: [212, 167, 44, 255],
  failing: [207, 34, 46, 255],
  'needs-you': [130, 80, 223, 255],
  idle: [128, 128, 128, 255],
  unreadable: [207, 34, 46, 255],
};

function trayIcon(state, size, template) {
  const color = template ? [0, 0, 0, 255] : STATE_COLORS[state];
  const layers = [];
  // A light halo keeps coloured icons readable on dark and light panels alike.
  if (!template) layers.push({ inside: (x, y) => radius(x, y) <= 0.49, color: [255, 255, 255, 200] });
  layers.push({ inside: ring, color: template ? color : [40, 44, 52, 255] });
  layers.push({ inside: STATE_SHAPES[state], color });
  return encodePng(size, render(size, layers));
}

function appIcon(size) {
  const corner = 0.2;
  const roundedSquare = (x, y) => {
    const dx = Math.max(Math.abs(x - 0.5) - (0.5 - corner - 0.02), 0);
    const dy = Math.max(Math.abs(y - 0.5) - (0.5 - corner - 0.02), 0);
    return Math.hypot(dx, dy) <= corner;
  };
  const scaled = (shape, scale) => (x, y) => shape(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale);
  return encodePng(size, render(size, [
    { inside: roundedSquare, color: [11, 92, 173, 255] },
    { inside: scaled(ring, 0.72), color: [255, 255, 255, 255] },
    { inside: scaled(STATE_SHAPES.fresh, 0.72), color: [120, 220, 140, 255] },
  ]));
}

const root = join(process.cwd(), 'build');
mkdirSync(join(root, 'tray'), { recursive: true });
mkdirSync(join(root, 'icons'), { recursive: true });

for (const state of Object.keys(STATE_SHAPES)) {
  for (const template of [false, true]) {
    const name = `tray-${state}${template ? 'Template' : ''}`;
    writeFileSync(join(root, 'tray', `${name}.png`), trayIcon(state, 16, template));
    writeFileSync(join(root, 'tray', `${name}@2x.png`), trayIcon(state, 32, template));
  }
}

const appSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const appPngs = new Map(appSizes.map((size) => [size, appIcon(size)]));
for (const [size, png] of appPngs) if (size <= 512) writeFileSync(join(root, 'icons', `${size}x${size}.png`), png);
writeFileSync(join(root, 'icon.png'), appPngs.get(1024));
writeFileSync(join(root, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appPngs.get(size) }))));
console.log('icons written under build/');
