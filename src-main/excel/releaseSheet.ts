import { once } from 'node:events';
import type ExcelJS from 'exceljs';

/**
 * Flat memory for a streaming workbook of thousands of sheets (a staff member's statements, one sheet per agent).
 * exceljs 4's WorkbookWriter keeps two things per sheet until the whole workbook is committed:
 * - every WorksheetWriter it made, committed or not (`_worksheets`: ~40 KB each after commit: its columns, page
 *   setup, header/footer, rels and comments writers, stream buffer), though the workbook's last parts (content
 *   types, app properties, workbook.xml and its rels) read only a sheet's id, name and state (and set its rId);
 * - each sheet's XML queued for the zip, which compresses one entry at a time: a loop that adds sheets faster than
 *   the zip takes them holds them all (~150 KB a sheet when it never waits).
 * So a committed sheet is swapped for a stub with just those fields, and the writer waits while the zip is more
 * than ZIP_WINDOW sheets behind. Measured by bench/reportExports.mts (docs/benchmarks.md).
 * tests/unit/reportExports.test.ts checks that the swap happens, so an exceljs upgrade that moves these internals
 * fails a test instead of quietly growing memory again.
 */
const ZIP_WINDOW = 4;

interface Internals {
  _worksheets?: unknown[];
  zip?: NodeJS.EventEmitter;
}
/** The highest sheet number the zip has written, per workbook (its entries are written in order, one at a time). */
const zipped = new WeakMap<ExcelJS.stream.xlsx.WorkbookWriter, { sheet: number }>();
const SHEET_ENTRY = /worksheets\/sheet(\d+)\.xml$/;

/** Follow the zip's progress of `wb` (called once, when it is opened). */
export function trackZip(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (wb as unknown as Internals).zip;
  if (!zip) return;
  const state = { sheet: 0 };
  zipped.set(wb, state);
  zip.on('entry', (entry: { name?: string }) => {
    const m = SHEET_ENTRY.exec(entry.name ?? '');
    if (m) state.sheet = Math.max(state.sheet, Number(m[1]));
  });
}

/** Commit `ws`, let the workbook forget it but for its id, name and state, and wait while the zip lags behind. */
export async function releaseSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): Promise<void> {
  ws.commit();
  const sheets = (wb as unknown as Internals)._worksheets;
  if (sheets && sheets[ws.id] === ws) sheets[ws.id] = { id: ws.id, name: ws.name, state: ws.state, committed: true };
  const state = zipped.get(wb);
  const zip = (wb as unknown as Internals).zip;
  while (state && zip && state.sheet < ws.id - ZIP_WINDOW) await once(zip, 'entry');
}
