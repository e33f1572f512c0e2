// `node scripts/make-icons.mjs`: draws the app icon (a taped parcel on a green tile) and writes resources/:
// icon.png (512, the window icon), icons/<N>x<N>.png (Linux), icon.ico (Windows) and icon.icns (macOS).
// No image library: the shapes are few, so a supersampled rasteriser, zlib and the container headers do it.
// The files are committed; run this again only to change the design.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'resources');

// The design in unit coordinates (0..1, y down). An isometric box: top, left and right faces, tape on top and left.
const TOP = { l: [0.2, 0.37], t: [0.5, 0.22], r: [0.8, 0.37], c: [0.5, 0.52] };
const DROP = 0.3; // height of the side faces
const down = ([x, y]) => [x, y + DROP];
/** A point of the top face: u along L→T, v along L→C. */
const onTop = (u, v) => [TOP.l[0] + u * (TOP.t[0] - TOP.l[0]) + v * (TOP.c[0] - TOP.l[0]), TOP.l[1] + u * (TOP.t[1] - TOP.l[1]) + v * (TOP.c[1] - TOP.l[1])];
const TAPE = [0.42, 0.58]; // the tape's band across the top face (v), continued down the left face
const tapeTop = [onTop(0, TAPE[0]), onTop(1, TAPE[0]), onTop(1, TAPE[1]), onTop(0, TAPE[1])];
const tapeLeft = [onTop(0, TAPE[0]), onTop(0, TAPE[1]), down(onTop(0, TAPE[1])), down(onTop(0, TAPE[0]))];

const SHAPES = [
  { poly: [TOP.l, TOP.c, down(TOP.c), down(TOP.l)], rgb: [0xe0, 0xa9, 0x5e] }, // left face
  { poly: [TOP.c, TOP.r, down(TOP.r), down(TOP.c)], rgb: [0xc8, 0x8d, 0x45] }, // right face (in shade)
  { poly: [TOP.l, TOP.t, TOP.r, TOP.c], rgb: [0xf5, 0xd3, 0x9a] }, // top face
  { poly: tapeTop, rgb: [0xff, 0xf8, 0xec] },
  { poly: tapeLeft, rgb: [0xf1, 0xe6, 0xd4] },
];
const TILE = { inset: 0.04, radius: 0.2, from: [0x22, 0xb8, 0x6a], to: [0x12, 0x85, 0x47] }; // naive-ui's green, top to bottom

/** Convex polygon, either winding: the point is on the same side of every edge. */
function inside(poly, x, y) {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % poly.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

function inTile(x, y) {
  const { inset, radius } = TILE;
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
}

/** The colour at one point, or null outside the tile. */
function colourAt(x, y) {
  if (!inTile(x, y)) return null;
  let rgb = TILE.from.map((a, i) => a + (TILE.to[i] - a) * y);
  for (const s of SHAPES) if (inside(s.poly, x, y)) rgb = s.rgb;
  return rgb;
}

/** An N×N RGBA image, each pixel the average of 5×5 samples (straight alpha, as PNG wants). */
export function render(n, grid = 5) {
  const px = Buffer.alloc(n * n * 4);
  for (let py = 0; py < n; py++)
    for (let qx = 0; qx < n; qx++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let i = 0; i < grid; i++)
        for (let j = 0; j < grid; j++) {
          const c = colourAt((qx + (i + 0.5) / grid) / n, (py + (j + 0.5) / grid) / n);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          hits++;
        }
      const o = (py * n + qx) * 4;
      if (hits) px.set([Math.round(r / hits), Math.round(g / hits), Math.round(b / hits), Math.round((255 * hits) / grid ** 2)], o);
    }
  return px;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels → PNG (8-bit RGBA, filter 0 on every row). */
export function png(n, px) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method choice, no interlace
  const raw = Buffer.alloc(n * (n * 4 + 1));
  for (let y = 0; y < n; y++) px.copy(raw, y * (n * 4 + 1) + 1, y * n * 4, (y + 1) * n * 4);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Windows .ico with PNG-compressed entries (Vista and later; electron-builder needs a 256×256 one). */
function ico(pngs) {
  const head = Buffer.alloc(6 + 16 * pngs.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // 1 = icon
  head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    head.writeUInt8(size >= 256 ? 0 : size, e + 1);
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...pngs.map((p) => p.data)]);
}

/** macOS .icns: PNG entries under their type codes. */
const ICNS_TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
function icns(pngs) {
  const entries = pngs.map(({ size, data }) => {
    const head = Buffer.alloc(8);
    head.write(ICNS_TYPES[size], 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const pngs = new Map(sizes.map((n) => [n, png(n, render(n))]));
  const pick = (list) => list.map((size) => ({ size, data: pngs.get(size) }));
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  fs.writeFileSync(path.join(out, 'icon.png'), pngs.get(512));
  for (const n of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(out, 'icons', `${n}x${n}.png`), pngs.get(n));
  fs.writeFileSync(path.join(out, 'icon.ico'), ico(pick([16, 24, 32, 48, 64, 128, 256])));
  fs.writeFileSync(path.join(out, 'icon.icns'), icns(pick([16, 32, 64, 128, 256, 512, 1024])));
  console.log(`wrote ${path.relative(root, out)}/: icon.png, icons/*.png, icon.ico, icon.icns`);
}
