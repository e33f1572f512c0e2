// The limits every import keeps, in one place: file size before decoding; for a workbook, a zip whose local
// entries are exactly its central directory, the unzipped total and absurd compression ratios before any part
// is parsed (each part the reader unpacks is then capped at its declared size); rows, columns and shared
// strings while the sheet streams in (sheetReader.ts).
import { ApiError, type ImportFile, type ImportFileProblem, type ImportLimitKind } from '@contract';
import type { Db } from '../db/open';
import { getSetting } from '../domain/system/settings';
import { readZipDirectory, zipLayoutProblem, ZIP64 } from './zipDirectory';

const MB = 1024 * 1024;
/**
 * An entry inflating more than this many times over is a zip bomb, not a spreadsheet. What protects memory
 * is the cap on the unzipped total (each part stops inflating at its declared size); the ratio only catches
 * the absurd. Real sheets compress 5–30 times, but long repeated texts (the same description on every row)
 * reach a few hundred, so 100:1 refused legitimate workbooks; deflate itself tops out near 1032:1.
 */
export const MAX_INFLATE_RATIO = 1000;
const RATIO_GRACE_BYTES = MB;

export interface ImportLimits {
  maxFileBytes: number;
  maxUnzippedBytes: number;
  maxRows: number;
  maxColumns: number;
}

export async function importLimits(db: Db): Promise<ImportLimits> {
  const [file, unzipped, rows, columns] = await Promise.all([
    getSetting(db, 'importMaxFileMb'),
    getSetting(db, 'importMaxUnzippedMb'),
    getSetting(db, 'importMaxRows'),
    getSetting(db, 'importMaxColumns'),
  ]);
  return { maxFileBytes: file * MB, maxUnzippedBytes: unzipped * MB, maxRows: rows, maxColumns: columns };
}

/** Bytes as MB with one decimal, rounded up (a file just over the limit never reads as equal to it). */
export const megabytes = (bytes: number) => Math.ceil((bytes / MB) * 10) / 10;
const WHAT: Record<ImportLimitKind, (actual: number, max: number) => string> = {
  fileMb: (a, m) => `the file is ${a} MB; imports take at most ${m} MB`,
  unzippedMb: (a, m) => `the file unpacks to more than ${a} MB; imports take at most ${m} MB unpacked`,
  ratio: (a, m) => `a part of the file inflates ${a} times over (at most ${m} allowed): it looks like a zip bomb, not a spreadsheet`,
  strings: (a, m) => `the workbook holds ${a} distinct texts; a sheet within the row and column limits uses at most ${m}`,
  rows: (a, m) => `the sheet has ${a} data rows; imports take at most ${m}`,
  columns: (a, m) => `the sheet has ${a} columns; imports take at most ${m}`,
};

/** IMPORT_TOO_LARGE naming the limit, the figure and what to do. */
export function tooLarge(limit: ImportLimitKind, actual: number, max: number): ApiError {
  const todo = limit === 'ratio' ? 'save the workbook again from Excel' : 'split it into several files, or ask an admin to raise the limit in Settings (设置)';
  return new ApiError('IMPORT_TOO_LARGE', `${WHAT[limit](actual, max)}: ${todo}`, { limit, actual, max });
}

const INVALID: Record<ImportFileProblem, string> = {
  empty: 'the file is empty (0 bytes): choose the filled-in .xlsx or .csv file again',
  notZip: 'this is neither an .xlsx workbook nor a .csv file: save it from Excel or WPS as "Excel 工作簿 (*.xlsx)" or as CSV',
  oldExcel: 'this is an old .xls or a password-protected workbook: save it as .xlsx without a password',
  notWorkbook: 'this zip is not an Excel workbook: save it from Excel or WPS as .xlsx',
  damaged: 'the workbook is damaged: open it in Excel or WPS and save it again',
  noSheet: 'the workbook has no worksheet',
  noRows: 'the sheet has no header row: use the import template',
};
export const invalidFile = (reason: ImportFileProblem, extra = '') =>
  new ApiError('IMPORT_FILE_INVALID', INVALID[reason] + extra, { reason });

/** The largest JSON body that can carry a file within the limit as base64 (web mode reads no more). */
export const maxUploadBodyBytes = (limits: ImportLimits) => Math.ceil(limits.maxFileBytes / 3) * 4 + 64 * 1024;

/** The refusal of a file of `bytes` above the size limit. */
export const fileTooLarge = (bytes: number, limits: ImportLimits) => tooLarge('fileMb', megabytes(bytes), limits.maxFileBytes / MB);

/** The refusal of an upload body cut off after `bodyBytes` (base64 JSON): at least that big a file. */
export const uploadTooLarge = (bodyBytes: number, limits: ImportLimits) => fileTooLarge((bodyBytes * 3) / 4, limits);

/** The uploaded bytes, refusing a file above the size limit before decoding it. */
export function decodeUpload(file: ImportFile, limits: ImportLimits): Buffer {
  const b64 = file.dataBase64;
  const bytes = Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (bytes > limits.maxFileBytes) throw fileTooLarge(bytes, limits);
  const buf = Buffer.from(b64, 'base64');
  if (!buf.length) throw invalidFile('empty');
  return buf;
}

export type ImportFormat = 'xlsx' | 'csv';
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * How to read an upload: the bytes decide first (a zip is a workbook, an OLE file an old .xls), then the name
 * (.csv); anything else is refused. The name alone never makes a zip or an .xls into text.
 */
export function importFormat(buf: Buffer, fileName = ''): ImportFormat {
  if (!buf.length) throw invalidFile('empty');
  if (buf.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) throw invalidFile('oldExcel');
  if (/\.csv$/i.test(fileName.trim())) return 'csv';
  throw invalidFile(readZipDirectory(buf) ? 'notWorkbook' : 'notZip');
}

// An OLE compound file: .xls, or an .xlsx encrypted with a password.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Checks the zip before anything unpacks it: it must be a workbook, its declared sizes must stay under the
 * unzipped cap, no part may inflate absurdly, and its local entries must be exactly its central directory
 * (the reader trusts the directory only). Returns the entries.
 */
export function checkZipDirectory(buf: Buffer, limits: Pick<ImportLimits, 'maxUnzippedBytes'>) {
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) throw invalidFile('oldExcel');
  const entries = readZipDirectory(buf);
  if (!entries) throw invalidFile('notZip');
  if (!entries.some((e) => e.name.toLowerCase() === 'xl/workbook.xml')) throw invalidFile('notWorkbook');
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize === ZIP64 ? Infinity : e.uncompressedSize;
    if (declared > limits.maxUnzippedBytes) throw tooLarge('unzippedMb', megabytes(Math.min(declared, 2 ** 53)), limits.maxUnzippedBytes / MB);
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_GRACE_BYTES && ratio > MAX_INFLATE_RATIO) throw tooLarge('ratio', Math.round(ratio), MAX_INFLATE_RATIO);
  }
  const problem = zipLayoutProblem(buf);
  if (problem) throw invalidFile('damaged', ` (${problem})`);
  return entries;
}

/**
 * An uploaded file's bytes, once it passed every check above: what an import hands to readSheet (with the
 * file name, which tells a .csv apart). Nothing is inflated here: a directory that understates a part is
 * caught by the reader, which inflates only the parts it reads, each with a hard cap at its declared size
 * (the inflater is destroyed past it) and its CRC checked, and refuses the file as damaged. A part the reader
 * never reads is never unpacked, so its real size cannot cost memory. (An earlier version inflated every part
 * here a first time just to count bytes: the same work twice for the parts that matter.)
 */
export async function acceptUpload(file: ImportFile, limits: ImportLimits): Promise<Buffer> {
  const buf = decodeUpload(file, limits);
  if (importFormat(buf, file.name) === 'xlsx') checkZipDirectory(buf, limits);
  return buf;
}
