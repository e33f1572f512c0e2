// The app icon in resources/ (made by scripts/make-icons.mjs): valid PNG, ICO and ICNS files, found by
// electron-builder's own icon resolver for each platform, and the window's icon path in dev and packaged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { appIconPath, windowOptions } from '../../src-main/electron/windowOptions';
import { png, render } from '../../scripts/make-icons.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const resources = path.join(root, 'resources');
const read = (rel: string) => fs.readFileSync(path.join(resources, rel));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks a PNG completely: signature, every chunk's CRC, IHDR, and IDAT inflating to exactly its rows. */
function pngSize(buf: Buffer): number {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let at = 8;
  let size = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    expect(buf.readUInt32BE(at + 8 + len), `${type} CRC`).toBe(zlib.crc32(buf.subarray(at + 4, at + 8 + len)));
    if (type === 'IHDR') {
      size = data.readUInt32BE(0);
      expect(data.readUInt32BE(4)).toBe(size); // square
      expect([data[8], data[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') idat.push(data);
    types.push(type);
    at += 12 + len;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  expect(zlib.inflateSync(Buffer.concat(idat)).length).toBe(size * (size * 4 + 1));
  return size;
}

describe('app icon files', () => {
  it('icon.png is a 512×512 RGBA PNG, and icons/ has the Linux sizes, each as named', () => {
    expect(pngSize(read('icon.png'))).toBe(512);
    for (const n of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(read(`icons/${n}x${n}.png`)), `${n}x${n}`).toBe(n);
  });

  it('icon.ico is an icon directory whose entries are PNGs of the sizes they declare, 256×256 among them', () => {
    const ico = read('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const declared = ico[e] || 256;
      const [bytes, offset] = [ico.readUInt32LE(e + 8), ico.readUInt32LE(e + 12)];
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + bytes))).toBe(declared);
      sizes.push(declared);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('icon.icns holds PNG entries of the sizes their types mean, up to 1024 (512@2x)', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const SIZE_OF: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };
    const types: string[] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4);
      const len = icns.readUInt32BE(at + 4);
      expect(pngSize(icns.subarray(at + 8, at + len)), type).toBe(SIZE_OF[type]);
      types.push(type);
      at += len;
    }
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
  });

  it('are what scripts/make-icons.mjs draws (the committed files are not edited by hand)', () => {
    expect(png(32, render(32)).equals(read('icons/32x32.png'))).toBe(true);
  });
});

type Config = { win?: { icon?: string }; mac?: { icon?: string }; linux?: { icon?: string }; extraResources?: { from: string; to: string }[] };
const require = createRequire(import.meta.url);
const { getConfig } = require('app-builder-lib/out/util/config/config.js') as { getConfig(dir: string, file: null, opts: null): Promise<Config> };
const { convertIcon } = require('app-builder-lib/out/util/iconConverter.js') as {
  convertIcon(o: { sources: string[]; fallbackSources: string[]; roots: string[]; format: 'ico' | 'icns' | 'set'; outDir: string }): Promise<{
    icons: { file: string; size: number }[];
    isFallback: boolean;
  }>;
};

describe('electron-builder and the window use them', () => {
  it('electron-builder.yml names an icon per platform, and its resolver takes them as they are (no conversion)', async () => {
    const config = await getConfig(root, null, null);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-icons-'));
    const resolve = (source: string | undefined, format: 'ico' | 'icns' | 'set') =>
      convertIcon({ sources: [source!], fallbackSources: [], roots: [resources, root], format, outDir });
    const win = await resolve(config.win?.icon, 'ico');
    expect(win.icons).toEqual([{ file: path.join(resources, 'icon.ico'), size: 256 }]);
    const mac = await resolve(config.mac?.icon, 'icns');
    expect(mac.icons.map((i) => i.file)).toEqual([path.join(resources, 'icon.icns')]);
    const linux = await resolve(config.linux?.icon, 'set');
    expect(linux.icons.map((i) => i.size)).toEqual([16, 32, 48, 64, 128, 256, 512]);
    for (const r of [win, mac, linux]) expect(r.isFallback).toBe(false);
    expect(fs.readdirSync(outDir)).toEqual([]); // nothing had to be converted
  }, 30_000);

  it('the window icon resolves in development and, through extraResources, in the packaged app', async () => {
    const mainDir = path.join(root, 'out/main');
    const dev = windowOptions(mainDir, false, '/opt/app/resources').icon;
    expect(dev).toBe(path.join(resources, 'icon.png'));
    expect(fs.existsSync(dev)).toBe(true);
    const config = await getConfig(root, null, null);
    const shipped = config.extraResources?.find((r) => r.from === 'resources/icon.png');
    expect(shipped).toBeDefined();
    expect(appIconPath(mainDir, true, '/opt/app/resources')).toBe(path.join('/opt/app/resources', shipped!.to));
  });
});
