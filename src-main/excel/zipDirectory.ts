// The central directory of a zip held in memory (an .xlsx is a zip), read before any unzipping library sees
// the file, plus an honest count of how big each entry inflates to (a directory can lie about sizes).
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not something Excel writes. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Sizes and offsets set to this mean "see the zip64 record": far beyond any import limit. */
export const ZIP64 = 0xffffffff;

/** Entries of the zip in `buf`, or null when it has no (readable) central directory, i.e. is not a zip. */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
  if (buf.length < 22) return null;
  // The end-of-directory record closes the file, followed by at most a 64 KiB comment.
  let eocd = -1;
  for (let i = buf.length - 22, stop = Math.max(0, buf.length - 22 - 0xffff); i >= stop; i--)
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const start = buf.readUInt32LE(eocd + 16);
  if (start + size > eocd) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0, p = start; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** The compressed bytes of an entry (after its local header), or null when the header is not where it says. */
export function entryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  return start + e.compressedSize <= buf.length ? buf.subarray(start, start + e.compressedSize) : null;
}

/**
 * How many bytes a deflated entry really inflates to, counted and thrown away chunk by chunk; stops as soon
 * as the count passes `stopAbove` (memory stays flat however big a bomb would grow). Rejects on bad data.
 */
export function inflatedSize(data: Buffer, stopAbove: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw();
    let n = 0;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > stopAbove) {
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on('end', () => resolve(n));
    inflate.on('error', reject);
    inflate.end(data);
  });
}
