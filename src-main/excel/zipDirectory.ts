// The zip of an .xlsx held in memory, read by its central directory only: the directory must account for
// every byte before it (each local header agreeing with its central entry, no overlaps, nothing hidden
// between entries), and a part is inflated with a hard byte cap that stops the inflater. Readers that walk
// local headers in order (exceljs's streaming reader) can be fed entries the directory never lists.
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not something Excel writes. */
  method: number;
  /** General purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor after the data. */
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
/** Sizes and offsets set to this mean "see the zip64 record": far beyond any import limit. */
export const ZIP64 = 0xffffffff;

/** Where the central directory starts (what the entries' data must end at). */
interface Directory {
  entries: ZipEntry[];
  start: number;
}

function readDirectory(buf: Buffer): Directory | null {
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
      flags: buf.readUInt16LE(p + 8),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return { entries, start };
}

/** Entries of the zip in `buf`, or null when it has no (readable) central directory, i.e. is not a zip. */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
  return readDirectory(buf)?.entries ?? null;
}

/** Where an entry's compressed bytes start, from its local header (null when no header is there). */
function dataStart(buf: Buffer, e: ZipEntry): number | null {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return null;
  return p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
}

/** The compressed bytes of an entry (after its local header), or null when the header is not where it says. */
export function entryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const start = dataStart(buf, e);
  return start !== null && start + e.compressedSize <= buf.length ? buf.subarray(start, start + e.compressedSize) : null;
}

/**
 * Why the zip's local entries differ from its central directory, or null when they agree: each local header
 * must name the same part with the same method, flags and sizes (or defer them to a data descriptor that
 * agrees), entries must not overlap or repeat, and no byte may sit between them, before the first or before
 * the directory — the place a part hidden from the directory (but seen by a local-header reader) would be.
 */
export function zipLayoutProblem(buf: Buffer): string | null {
  const dir = readDirectory(buf);
  if (!dir) return 'no central directory';
  const names = new Set<string>();
  const spans: [number, number][] = [];
  for (const e of dir.entries) {
    if (names.has(e.name)) return `${e.name} is listed twice`;
    names.add(e.name);
    if (e.flags & 1) return `${e.name} is encrypted`;
    if ([e.compressedSize, e.uncompressedSize, e.localHeaderOffset].includes(ZIP64)) return `${e.name} needs zip64`;
    const p = e.localHeaderOffset;
    const start = dataStart(buf, e);
    if (start === null) return `${e.name} has no local header where the directory says`;
    const nameLen = buf.readUInt16LE(p + 26);
    if (buf.toString('utf8', p + 30, p + 30 + nameLen) !== e.name) return `the local header at ${e.name} names another part`;
    if (buf.readUInt16LE(p + 8) !== e.method || (buf.readUInt16LE(p + 6) & 0x9) !== (e.flags & 0x9)) return `the local header of ${e.name} disagrees with the directory`;
    let end = start + e.compressedSize;
    if (end > dir.start) return `${e.name} runs into the directory`;
    if (e.flags & 8) {
      // Sizes follow the data: [signature] crc, compressed, uncompressed.
      const q = end + (end + 4 <= buf.length && buf.readUInt32LE(end) === DESCRIPTOR ? 4 : 0);
      if (q + 12 > dir.start) return `${e.name} has no data descriptor`;
      if (buf.readUInt32LE(q) !== e.crc32 || buf.readUInt32LE(q + 4) !== e.compressedSize || buf.readUInt32LE(q + 8) !== e.uncompressedSize)
        return `the data descriptor of ${e.name} disagrees with the directory`;
      end = q + 12;
    } else if (buf.readUInt32LE(p + 14) !== e.crc32 || buf.readUInt32LE(p + 18) !== e.compressedSize || buf.readUInt32LE(p + 22) !== e.uncompressedSize)
      return `the local header of ${e.name} gives other sizes than the directory`;
    spans.push([p, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [from, to] of spans) {
    if (from < at) return 'two parts overlap';
    if (from > at) return 'there is data between the parts that the directory does not list';
    at = to;
  }
  return at === dir.start ? null : 'there is data between the parts that the directory does not list';
}

/** A part that inflates past its declared size, fails to inflate, or does not match its checksum. */
export class ZipPartError extends Error {
  constructor(
    readonly part: string,
    readonly why: 'bigger' | 'damaged',
  ) {
    super(`${part}: ${why === 'bigger' ? 'inflates to more than the directory says' : 'does not unpack'}`);
  }
}

/**
 * The inflated bytes of an entry, chunk by chunk, never more than its declared size: the inflater is
 * destroyed as soon as it passes it (memory stays flat however big a bomb would grow). The size and CRC-32
 * must match the directory at the end. Throws ZipPartError.
 */
export async function* inflateEntry(buf: Buffer, e: ZipEntry): AsyncGenerator<Buffer> {
  const data = entryData(buf, e);
  if (!data || (e.method !== 0 && e.method !== 8)) throw new ZipPartError(e.name, 'damaged');
  let n = 0;
  let crc = 0;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ZipPartError(e.name, 'damaged');
    for (let i = 0; i < data.length; i += 1 << 16) {
      const chunk = data.subarray(i, i + (1 << 16));
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } else {
    const inflate = zlib.createInflateRaw({ chunkSize: 1 << 16 });
    inflate.end(data);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        n += chunk.length;
        if (n > e.uncompressedSize) throw new ZipPartError(e.name, 'bigger');
        crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
    } catch (err) {
      throw err instanceof ZipPartError ? err : new ZipPartError(e.name, 'damaged');
    } finally {
      inflate.destroy();
    }
    if (n !== e.uncompressedSize) throw new ZipPartError(e.name, 'damaged');
  }
  if (crc >>> 0 !== e.crc32 >>> 0) throw new ZipPartError(e.name, 'damaged');
}
