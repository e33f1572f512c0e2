import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportResult } from '@contract';
import { inertText } from './safeText';
import { privateDir, privateFile } from '../domain/common/privateFiles';
import { fitWidth } from './widths';
import { trackZip } from './releaseSheet';
import { rowXmlWriter, type RowXmlWriter } from './rowXml';
import { DATA_BAR_RULE, DECIMAL_FORMAT, fenToYuan, HEADER_STYLE, INT_FORMAT, PERCENT_FORMAT, YUAN_FORMAT } from './styles';

export type ColumnKind = 'text' | 'int' | 'yuan' | 'percent' | 'decimal';
export const FORMATS: Partial<Record<ColumnKind, string>> = { yuan: YUAN_FORMAT, int: INT_FORMAT, percent: PERCENT_FORMAT, decimal: DECIMAL_FORMAT };

/** What a cell of `kind` holds for `v`: text made inert, fen as yuan, numbers as they are. */
export function cellValue(kind: ColumnKind, v: string | number | null | undefined): string | number | null {
  if (kind === 'text') return inertText(String(v ?? ''));
  if (v === undefined || v === null) return null;
  return kind === 'yuan' ? fenToYuan(v as number) : v;
}
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  kind: ColumnKind;
  /** Longest values the column will hold, to fit its width before rows stream out. */
  samples?: string[];
}

/** Columns with their headers in a report's language: the specs say what each holds, `headers` what it is called. */
export const withHeaders = <K extends string>(specs: Omit<ColumnSpec<K>, 'header'>[], headers: Record<K, string>): ColumnSpec<K>[] =>
  specs.map((s) => ({ ...s, header: headers[s.key] }));

/** A streaming .xlsx file: rows are committed and flushed as they come, so memory stays flat. */
function openWorkbook(file: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Dropship Console 一件代发供货台';
  wb.created = new Date();
  trackZip(wb);
  return wb;
}

/**
 * Writes a streaming .xlsx to `file` (its folder made as needed): `fill` adds the sheets and returns how many
 * data rows it wrote. A failure or cancel inside `fill` leaves no file behind.
 */
export async function writeWorkbook(file: string, fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<number> | number): Promise<ExportResult> {
  privateDir(path.dirname(file));
  privateFile(file); // exports carry personal data: owner-only (exceljs truncates it and keeps the mode)
  const wb = openWorkbook(file);
  try {
    const rows = await fill(wb);
    await wb.commit();
    return { fileName: path.basename(file), rows, bytes: fs.statSync(file).size };
  } catch (e) {
    await wb.commit().catch(() => undefined);
    fs.rmSync(file, { force: true });
    throw e;
  }
}

/**
 * Every data row's own style (none), one object for all: exceljs gives each new row a fresh `{}` and, not finding
 * it in its by-identity cache, builds and looks up its XML once per row (≈5 % of a large export's writer path).
 */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

/**
 * A sheet with a styled, frozen header row; `add` writes one row (text made inert, fen shown as ¥). `rowsAsXml`
 * false: every row through exceljs's own row model (the test that the fast path writes the same file).
 */
export function addTableSheet<K extends string>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: ColumnSpec<K>[], opts: { rowsAsXml?: boolean } = {}) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // One style object per column, given to each of its cells: exceljs looks a cell's style up by object identity
  // first, so a shared one costs a WeakMap hit where the fresh copy every new cell gets costs building its XML.
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) => (FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {}));
  ws.columns = columns.map((c, i) => ({
    key: c.key,
    header: inertText(c.header), // headers can come from a user's file (an import's error report)
    width: fitWidth([c.header, ...(c.samples ?? [])]),
    style: styles[i],
  }));
  const header = ws.getRow(1);
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  header.height = 20;
  header.commit();
  // One array for every row: exceljs copies the values into its cells, and arrays go straight in (a keyed
  // object is mapped to columns per row).
  const row = new Array<string | number | null>(columns.length);
  const text = columns.map((c) => c.kind === 'text');
  let rows = 0;
  // The first data row goes through exceljs, which gives the styles their ids; the rest as XML (rowXml.ts).
  let fast: RowXmlWriter | null = null;
  const write = () => {
    rows++;
    if (fast) return fast.write(row);
    const r = ws.addRow(row);
    (r as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // a plain field of exceljs 4's Row, not in its typings
    for (let i = 0; i < styles.length; i++) r.getCell(i + 1).style = styles[i];
    r.commit();
    if (opts.rowsAsXml === false) return;
    const ids = (wb as unknown as { styles: { addStyleModel(s: Partial<ExcelJS.Style>): number } }).styles; // ids kept by object identity
    fast = rowXmlWriter(ws, styles.map((st) => ids.addStyleModel(st)), ids.addStyleModel(ROW_STYLE));
  };
  return {
    add(values: Record<K, string | number | null>) {
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i];
        row[i] = cellValue(c.kind, values[c.key]);
      }
      write();
    },
    /** One row by position, money already in yuan (the lean path of large exports); text is made inert here. */
    addValues(values: (string | number | null)[]) {
      for (let i = 0; i < columns.length; i++) {
        const v = values[i];
        row[i] = text[i] ? inertText(v === null ? '' : String(v)) : v;
      }
      write();
    },
    /** Data bars (conditional formatting) over column `key`'s data rows, written once the rows are in. */
    dataBar(key: K) {
      const i = columns.findIndex((c) => c.key === key);
      if (i < 0 || rows === 0) return;
      const letter = ws.getColumn(i + 1).letter;
      ws.addConditionalFormatting({ ref: `${letter}2:${letter}${rows + 1}`, rules: [DATA_BAR_RULE] });
    },
    commit: () => ws.commit(),
  };
}

/** A two-column sheet of labelled values (a report's period, totals and notes). */
export function addKeyValueSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  rows: { label: string; value: string | number | null; kind?: ColumnKind }[],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { key: 'label', width: fitWidth(rows.map((r) => r.label)) },
    { key: 'value', width: fitWidth(rows.map((r) => String(r.value ?? '')), 16) },
  ];
  for (const r of rows) {
    const value = r.kind === 'yuan' ? fenToYuan(r.value as number | null) : typeof r.value === 'string' ? inertText(r.value) : r.value;
    const row = ws.addRow({ label: r.label, value });
    row.getCell(1).font = { bold: true };
    const format = r.kind && FORMATS[r.kind];
    if (format) row.getCell(2).numFmt = format;
    row.commit();
  }
  ws.commit();
}
