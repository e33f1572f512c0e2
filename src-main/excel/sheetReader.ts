// The reading layer every import shares: an uploaded .xlsx (our own reader, xlsxReader.ts) or .csv
// (csvReader.ts) as one stream of rows of typed cells, keeping the import limits as it goes: a row past the
// row limit is counted, never kept; a row past the column limit stops the read. Nothing is written to disk.
import { throwIfCancelled, yieldToLoop, type JobControl } from '../domain/common/job';
import { checkZipDirectory, importFormat, invalidFile, tooLarge, type ImportLimits } from './importLimits';
import { csvRows } from './csvReader';
import { NoSheet, TooManyStrings, WorkbookDamage, xlsxRows } from './xlsxReader';
import { ZipPartError } from './zipDirectory';

/** A date or date-time cell: ISO local date-time without zone ("2026-03-01T09:30:00"), as Excel shows it. */
export interface DateCell {
  date: string;
}
/** A cell showing an error ("#DIV/0!", "#N/A", "#REF!"): parsers report it, never read it as empty. */
export interface ErrorCell {
  error: string;
}
/**
 * What a cell holds: text (also a number formatted as text, or zero-padded like 000123), a number, a
 * boolean, a date, an error, or null (empty). Formulas give their cached result; rich text its text
 * without phonetic guides.
 */
export type Cell = string | number | boolean | DateCell | ErrorCell | null;
export interface SheetRow {
  /** Row number in the sheet (1-based), as Excel shows it. */
  number: number;
  /** Values by column, 0-based; trailing empty cells dropped. */
  cells: Cell[];
}

export const isDateCell = (c: Cell): c is DateCell => typeof c === 'object' && c !== null && 'date' in c;
export const isErrorCell = (c: Cell): c is ErrorCell => typeof c === 'object' && c !== null && 'error' in c;

export interface ReadSheetOptions {
  limits: Pick<ImportLimits, 'maxRows' | 'maxColumns' | 'maxUnzippedBytes'>;
  /** The upload's name: tells a .csv apart (a workbook is known by its bytes). */
  fileName?: string;
  /** The tab to read when present (e.g. the template's 「商品」); otherwise the first visible tab. */
  preferredSheetNames?: string[];
  job?: JobControl;
}

const isEmpty = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/** Why a read failed, as the refusal the user sees (parser internals and positions stay out of it). */
function refusal(e: unknown, limits: ReadSheetOptions['limits']): unknown {
  if (e instanceof ZipPartError) return invalidFile('damaged', e.why === 'bigger' ? ' (a part is bigger than the file says)' : ` (${e.part} does not unpack)`);
  if (e instanceof WorkbookDamage) return invalidFile('damaged', ` (${e.message})`);
  if (e instanceof NoSheet) return invalidFile('noSheet');
  if (e instanceof TooManyStrings) return tooLarge('strings', e.count, maxStrings(limits));
  return e;
}

/** A sheet within the limits cannot use more distinct texts than it has cells. */
const maxStrings = (l: ReadSheetOptions['limits']) => (l.maxRows + 1) * l.maxColumns;

/**
 * The header row, then every data row (empty rows skipped) of the import's sheet: for a workbook, the first
 * visible tab (or the preferred one) of workbook.xml, read from the zip's central directory only. Refuses
 * with IMPORT_TOO_LARGE at the first row wider than the column limit and, after counting every row, when
 * there are more data rows than the row limit; with IMPORT_FILE_INVALID a file that is damaged anywhere
 * (a truncated sheet is refused at its end: a consumer writing as rows come must roll back on any throw).
 */
export async function* readSheet(buf: Buffer, opts: ReadSheetOptions): AsyncGenerator<SheetRow> {
  const { limits, job = {} } = opts;
  const format = importFormat(buf, opts.fileName);
  if (format === 'xlsx') checkZipDirectory(buf, limits);
  const source =
    format === 'csv'
      ? csvRows(buf, limits)
      : xlsxRows(buf, { preferredSheetNames: opts.preferredSheetNames, maxStrings: maxStrings(limits), maxStringChars: limits.maxUnzippedBytes });
  let dataRows = -1; // the first non-empty row is the header
  try {
    for await (const row of source) {
      const cells = row.cells;
      while (cells.length && isEmpty(cells[cells.length - 1])) cells.pop();
      if (!cells.length) continue;
      if (cells.length > limits.maxColumns) throw tooLarge('columns', cells.length, limits.maxColumns);
      dataRows++;
      if (dataRows <= limits.maxRows) yield row;
      if (dataRows % 1000 === 0) {
        job.progress?.(Math.min(dataRows, limits.maxRows), 0, 'reading');
        await yieldToLoop();
        throwIfCancelled(job.signal);
      }
    }
  } catch (e) {
    throw refusal(e, limits);
  }
  if (dataRows < 0) throw invalidFile('noRows');
  if (dataRows > limits.maxRows) throw tooLarge('rows', dataRows, limits.maxRows);
}

/** Rows read into an array, for small files and tests (an import should stream instead). */
export async function readAllRows(buf: Buffer, opts: ReadSheetOptions): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const r of readSheet(buf, opts)) rows.push(r);
  return rows;
}
