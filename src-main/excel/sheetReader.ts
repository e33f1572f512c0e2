// The reading layer every import shares: an uploaded .xlsx (our own reader, xlsxReader.ts) or .csv
// (csvReader.ts) as one stream of rows of typed cells, keeping the import limits as it goes: a row past the
// row limit is counted, never kept; a row past the column limit stops the read. Nothing is written to disk.
import { Worker } from 'node:worker_threads';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../domain/common/job';
import { checkZipDirectory, importFormat, invalidFile, tooLarge, type ImportLimits } from './importLimits';
import { csvRows } from './csvReader';
import type { SheetWorkerData, WorkerError, WorkerMessage } from './sheetWorker';
import { sheetWorkerEntry } from './workerPath';
import { NoSheet, TooManyStrings, WorkbookDamage, xlsxRows, type XlsxReadOptions } from './xlsxReader';
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
  /**
   * Parse a workbook on this thread even when it is large (the bench's "reader alone" baseline). Otherwise
   * a workbook above WORKER_MIN_BYTES is parsed in a worker thread, overlapping the consumer's work.
   */
  inProcess?: boolean;
}

/** Workbooks up to this size are parsed in-process: starting a worker costs more than it saves. */
export const WORKER_MIN_BYTES = 256 * 1024;
const BATCH_ROWS = 500;
/** Batches the worker may send ahead of the reader: at most WINDOW × BATCH_ROWS rows in flight. */
const WINDOW = 4;

/** A worker's error as the same class it was thrown as, so refusal() maps it identically. */
function workerError(e: WorkerError): Error {
  switch (e.kind) {
    case 'zip':
      return new ZipPartError(e.part, e.why);
    case 'damage':
      return new WorkbookDamage(e.message);
    case 'noSheet':
      return new NoSheet(e.message);
    case 'strings':
      return new TooManyStrings(e.count);
    default:
      return Object.assign(new Error(e.message), { name: e.name ?? 'Error' });
  }
}

/** How many reads went to a worker thread (tests check the large-file path really is taken). */
export const sheetReaderStats = { workers: 0 };

const cancelled = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });

/**
 * xlsxRows run in a worker thread on a copy of the bytes: the same rows and errors. The worker is terminated
 * when the reading ends for any reason (done, error, the consumer stopping, or the job's signal).
 */
async function* workerRows(buf: Buffer, opts: XlsxReadOptions, signal: AbortSignal | undefined): AsyncGenerator<SheetRow> {
  throwIfCancelled(signal);
  const bytes = new Uint8Array(buf); // a copy, transferred: the caller keeps its buffer
  const entry = sheetWorkerEntry();
  const data: SheetWorkerData = { bytes, opts, batchRows: BATCH_ROWS, window: WINDOW };
  sheetReaderStats.workers++;
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: data, transferList: [bytes.buffer] });
  const queue: SheetRow[][] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const fail = (e: Error) => {
    failure ??= e;
    notify();
  };
  worker.on('message', (m: WorkerMessage) => {
    if ('rows' in m) queue.push(m.rows);
    else if ('done' in m) finished = true;
    else fail(workerError(m.error));
    notify();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`the sheet reader stopped (exit code ${code})`));
  });
  const onAbort = () => fail(cancelled());
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        worker.postMessage('ack');
        yield* batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    finished = true;
    void worker.terminate();
  }
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
  const xlsxOpts: XlsxReadOptions = { preferredSheetNames: opts.preferredSheetNames, maxStrings: maxStrings(limits), maxStringChars: limits.maxUnzippedBytes };
  const source =
    format === 'csv'
      ? csvRows(buf, limits)
      : !opts.inProcess && buf.length > WORKER_MIN_BYTES
        ? workerRows(buf, xlsxOpts, job.signal)
        : xlsxRows(buf, xlsxOpts);
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
