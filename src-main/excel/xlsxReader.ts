// Our own .xlsx reader, for imports only (exceljs still writes every workbook). exceljs 4.4's streaming
// reader walks the zip's local headers in storage order: it takes the first sheet *part* stored, not the
// first tab; it reads parts the workbook never references (a `../` decoy, an entry missing from the central
// directory); a sheet stored before sharedStrings.xml (Mac Excel does that) gets `{sharedString:N}`
// placeholders (exceljs issue 683) and is spooled to a temp file that outlives the import; it ignores
// number formats and the 1904 date system. This reader opens the workbook by its central directory only,
// follows workbook.xml and its relationships to the chosen tab, resolves shared strings and styles first,
// then streams that one sheet through saxes, each part inflated with a hard cap. It writes no file.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zipDirectory';
import type { Cell, SheetRow } from './sheetReader';

/** Damage the user can only fix by saving the file again; `message` names the part, never a parser position. */
export class WorkbookDamage extends Error {}
/** A workbook without a visible worksheet tab. */
export class NoSheet extends Error {}
/** A shared-strings table above what any sheet within the limits can use. */
export class TooManyStrings extends Error {
  constructor(readonly count: number) {
    super('too many shared strings');
  }
}

export interface XlsxReadOptions {
  /** Tab names to prefer (compared trimmed, case-insensitively); otherwise the first visible worksheet. */
  preferredSheetNames?: string[];
  /** Most shared strings (and their total characters) the reader keeps. */
  maxStrings: number;
  maxStringChars: number;
}

/** Excel's last column (XFD): a cell beyond it is damage, and rows never grow wider than this. */
const MAX_COLUMN = 16384;

const localName = (n: string) => {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
};
/** An attribute by its local name (`r:id` whatever the prefix). */
function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const a = tag.attributes as Record<string, string>;
  if (name in a) return a[name];
  for (const k in a) if (localName(k) === name) return a[k];
  return undefined;
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a typed "_x" as _x005F_x). */
const X_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const unescapeX = (s: string) => (s.includes('_x') ? s.replace(X_ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

interface Part {
  entry: ZipEntry;
  name: string;
}

/** Parses a part's XML as it inflates; `onChunk` runs after each chunk (a sheet hands its rows out there). */
async function* parsePart(buf: Buffer, part: Part, handlers: (p: SaxesParser) => void): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  handlers(parser);
  const decoder = new StringDecoder('utf8');
  let first = true;
  const fail = (): never => {
    throw new WorkbookDamage(`${part.name} is cut off or is not well-formed XML`);
  };
  for await (const chunk of inflateEntry(buf, part.entry)) {
    let text = decoder.write(chunk);
    if (first && text) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    try {
      parser.write(text);
    } catch (e) {
      if (e instanceof WorkbookDamage || e instanceof TooManyStrings) throw e;
      fail();
    }
    yield;
  }
  try {
    parser.write(decoder.end());
    parser.close(); // an unterminated document (a truncated sheet) fails here
  } catch (e) {
    if (e instanceof WorkbookDamage || e instanceof TooManyStrings) throw e;
    fail();
  }
  yield;
}

async function parseWhole(buf: Buffer, part: Part, handlers: (p: SaxesParser) => void): Promise<void> {
  for await (const _ of parsePart(buf, part, handlers));
}

/** The zip's parts by lower-cased name (part names are case-insensitive in OPC). */
function partsOf(buf: Buffer): Map<string, ZipEntry> {
  const entries = readZipDirectory(buf);
  if (!entries) throw new WorkbookDamage('the zip directory cannot be read');
  return new Map(entries.map((e) => [e.name.toLowerCase(), e]));
}

/** A relationship target as a part name, resolved against the source's folder; null when it leaves the package. */
export function resolveTarget(fromDir: string, target: string): string | null {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    return null;
  }
  const segments = (t.startsWith('/') ? t.slice(1) : `${fromDir}/${t}`).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(s);
  }
  return out.join('/');
}

interface Relationship {
  type: string;
  part: string | null;
}

async function readRels(buf: Buffer, parts: Map<string, ZipEntry>, source: string): Promise<Map<string, Relationship>> {
  const slash = source.lastIndexOf('/');
  const dir = slash < 0 ? '' : source.slice(0, slash);
  const relsName = `${dir ? `${dir}/` : ''}_rels/${source.slice(slash + 1)}.rels`;
  const rels = new Map<string, Relationship>();
  const entry = parts.get(relsName.toLowerCase());
  if (!entry) return rels;
  await parseWhole(buf, { entry, name: relsName }, (p) =>
    p.on('opentag', (t) => {
      if (localName(t.name) !== 'Relationship') return;
      const id = attr(t, 'Id');
      const target = attr(t, 'Target');
      if (!id || target === undefined) return;
      const external = attr(t, 'TargetMode') === 'External';
      rels.set(id, { type: attr(t, 'Type') ?? '', part: external ? null : resolveTarget(dir, target) });
    }),
  );
  return rels;
}

export interface SheetTab {
  name: string;
  hidden: boolean;
  /** The sheet's part, when the tab is a worksheet the package holds. */
  part: string | null;
}

interface Workbook {
  tabs: SheetTab[];
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

async function readWorkbook(buf: Buffer, parts: Map<string, ZipEntry>): Promise<Workbook> {
  const root = await readRels(buf, parts, '');
  const officeDoc = [...root.values()].find((r) => r.type.endsWith('/officeDocument') && r.part)?.part ?? 'xl/workbook.xml';
  const entry = parts.get(officeDoc.toLowerCase());
  if (!entry) throw new WorkbookDamage('the workbook part is missing');
  const sheets: { name: string; hidden: boolean; rel: string }[] = [];
  let date1904 = false;
  await parseWhole(buf, { entry, name: officeDoc }, (p) =>
    p.on('opentag', (t) => {
      const n = localName(t.name);
      if (n === 'workbookPr') date1904 = ['1', 'true'].includes(attr(t, 'date1904') ?? '');
      else if (n === 'sheet') sheets.push({ name: attr(t, 'name') ?? '', hidden: (attr(t, 'state') ?? 'visible') !== 'visible', rel: attr(t, 'id') ?? '' });
    }),
  );
  const rels = await readRels(buf, parts, entry.name);
  // By the type's last segment: strict OOXML uses other type URIs ending the same way.
  const held = (r: Relationship | undefined, type: string) => (r && r.type.endsWith(`/${type}`) && r.part && parts.has(r.part.toLowerCase()) ? r.part : null);
  const byType = (type: string) => [...rels.values()].map((r) => held(r, type)).find(Boolean) ?? null;
  return {
    tabs: sheets.map((s) => ({ name: s.name, hidden: s.hidden, part: held(rels.get(s.rel), 'worksheet') })),
    date1904,
    sharedStrings: byType('sharedStrings'),
    styles: byType('styles'),
  };
}

/** The tab to import: the first visible worksheet named as preferred, else the first visible worksheet. */
export function chooseTab(tabs: SheetTab[], preferred: string[] = []): SheetTab | null {
  const key = (s: string) => s.trim().toLowerCase();
  const usable = tabs.filter((t) => !t.hidden && t.part);
  const wanted = new Set(preferred.map(key));
  return usable.find((t) => wanted.has(key(t.name))) ?? usable[0] ?? null;
}

async function readSharedStrings(buf: Buffer, part: Part, opts: XlsxReadOptions): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let text = '';
  let inSi = false;
  let inT = false;
  let phonetic = 0; // inside <rPh> (the phonetic guide) or <phoneticPr>: not the cell's text
  await parseWhole(buf, part, (p) => {
    p.on('opentag', (t) => {
      const n = localName(t.name);
      if (n === 'si') {
        inSi = true;
        text = '';
      } else if (n === 'rPh') phonetic++;
      else if (n === 't' && inSi && !phonetic) inT = true;
    });
    p.on('text', (s) => {
      if (inT) text += s;
    });
    p.on('cdata', (s) => {
      if (inT) text += s;
    });
    p.on('closetag', (t) => {
      const n = localName(t.name);
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si') {
        inSi = false;
        chars += text.length;
        if (strings.length >= opts.maxStrings || chars > opts.maxStringChars) throw new TooManyStrings(strings.length + 1);
        strings.push(unescapeX(text));
      }
    });
  });
  return strings;
}

/** How a style shows a number: as a date, as text, zero-padded to a width, or as the number. */
type Shown = 'date' | 'text' | number | null;

// Built-in date and time formats: 14–22 and 45–47 everywhere; 27–36 and 50–58 are the date formats of
// Chinese, Japanese and Korean Excel (年月日), which is what this app's users run.
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A number format code as what it shows: quoted text, escapes and [colour]/[$-locale] parts do not count. */
export function shownBy(code: string): Shown {
  const section = code.split(';')[0];
  if (section.trim() === '@') return 'text';
  if (/^0{2,}$/.test(section.trim())) return section.trim().length; // 000000: a code kept with its zeros
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs年月日]/i.test(bare) && !/^general$/i.test(bare.trim()) ? 'date' : null;
}

async function readStyles(buf: Buffer, part: Part): Promise<Shown[]> {
  const codes = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await parseWhole(buf, part, (p) => {
    p.on('opentag', (t) => {
      const n = localName(t.name);
      if (n === 'numFmt') codes.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) xfIds.push(Number(attr(t, 'numFmtId') ?? 0));
    });
    p.on('closetag', (t) => {
      if (localName(t.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return xfIds.map((id) => {
    const code = codes.get(id);
    if (code !== undefined) return shownBy(code);
    return id === 49 ? 'text' : BUILTIN_DATES.has(id) ? 'date' : null;
  });
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * An Excel serial date as an ISO local date-time (no zone: Excel has none). The 1900 system counts the
 * nonexistent 1900-02-29 (serial 60), so serials before it are one day later than plain arithmetic says.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  const ms = Math.round(serial * DAY_MS);
  const t = date1904 ? EPOCH_1904 + ms : EPOCH_1900 + ms + (serial < 60 ? DAY_MS : 0);
  const d = new Date(t);
  const frac = d.getUTCMilliseconds();
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac ? `.${pad(frac, 3)}` : ''}`;
}

/** "AB12" → 27 (0-based column), or -1 when the reference has no column letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return i ? col - 1 : -1;
}

/**
 * The rows of the chosen worksheet, each as typed cells (sparse columns filled with null). Refuses damage
 * (WorkbookDamage, ZipPartError) and an oversized shared-strings table (TooManyStrings).
 */
export async function* xlsxRows(buf: Buffer, opts: XlsxReadOptions): AsyncGenerator<SheetRow> {
  const parts = partsOf(buf);
  const wb = await readWorkbook(buf, parts);
  const tab = chooseTab(wb.tabs, opts.preferredSheetNames);
  if (!tab) throw new NoSheet('no visible worksheet');
  const part = (name: string): Part => ({ entry: parts.get(name.toLowerCase())!, name });
  const strings = wb.sharedStrings ? await readSharedStrings(buf, part(wb.sharedStrings), opts) : [];
  const shown = wb.styles ? await readStyles(buf, part(wb.styles)) : [];
  const date1904 = wb.date1904;

  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let col = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inRow = false;
  let capture = false; // inside <v>, or a <t> of an inline string outside its phonetic runs
  let phonetic = 0;
  let hasValue = false;

  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        const i = Number(value);
        if (!Number.isInteger(i) || i < 0 || i >= strings.length) throw new WorkbookDamage(`${tab.part} refers to a shared string that does not exist`);
        return strings[i];
      }
      case 'inlineStr':
      case 'str':
        return unescapeX(value);
      case 'b':
        return value.trim() === '1' || value.trim().toLowerCase() === 'true';
      case 'e':
        return { error: value.trim() };
      case 'd':
        return value.trim() ? { date: value.trim().length === 10 ? `${value.trim()}T00:00:00` : value.trim().replace(/Z$/, '') } : null;
      default: {
        if (!value.trim()) return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return value;
        const how = shown[style] ?? null;
        if (how === null) return n;
        if (how === 'date') {
          const iso = serialToIso(n, date1904);
          return iso ? { date: iso } : n;
        }
        if (how === 'text') return String(n);
        return Number.isInteger(n) && n >= 0 ? String(n).padStart(how, '0') : n;
      }
    }
  };

  const sheet = parsePart(buf, part(tab.part!), (p) => {
    p.on('opentag', (t) => {
      const n = localName(t.name);
      if (n === 'c' && inRow) {
        const ref = t.attributes.r as string | undefined;
        const at = ref ? columnOf(ref) : -1;
        col = at >= 0 ? at : col + 1;
        if (col >= MAX_COLUMN) throw new WorkbookDamage(`${tab.part} has a cell beyond Excel's last column`);
        type = (t.attributes.t as string | undefined) ?? 'n';
        style = Number(t.attributes.s ?? 0);
        value = '';
        hasValue = false;
      } else if (n === 'v') {
        capture = true;
        hasValue = true;
      } else if (n === 't') {
        if (!phonetic) {
          capture = true;
          hasValue = true;
        }
      } else if (n === 'rPh') phonetic++;
      else if (n === 'row') {
        const r = Number(t.attributes.r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        cells = [];
        col = -1;
        inRow = true;
      }
    });
    p.on('text', (s) => {
      if (capture) value += s;
    });
    p.on('cdata', (s) => {
      if (capture) value += s;
    });
    p.on('closetag', (t) => {
      const n = localName(t.name);
      if (n === 'v' || n === 't') capture = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'c' && inRow) {
        if (hasValue) {
          const v = cellValue();
          if (v !== null) {
            while (cells.length < col) cells.push(null);
            cells[col] = v;
          }
        }
      } else if (n === 'row') {
        inRow = false;
        ready.push({ number: rowNumber, cells });
      }
    });
  });
  for await (const _ of sheet) {
    for (const r of ready) yield r;
    ready.length = 0;
  }
}
