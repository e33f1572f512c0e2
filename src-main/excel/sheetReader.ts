// Streams the first worksheet of an uploaded .xlsx row by row as plain values, keeping the row and column
// limits as it goes: a row past the limit is counted, never kept.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ApiError } from '@contract';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../domain/common/job';
import { invalidFile, tooLarge, type ImportLimits } from './importLimits';

export type Cell = string | number | boolean | null;
export interface SheetRow {
  /** Row number in the sheet (1-based), as Excel shows it. */
  number: number;
  /** Values by column, 0-based; trailing empty cells dropped. */
  cells: Cell[];
}

/** What a user sees in a cell: formulas give their cached result, rich text its text, links their text. */
export function plainCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return null;
}

const isEmpty = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/**
 * Calls `each` with the header row and every data row (empty rows skipped) of the first worksheet. Refuses
 * with IMPORT_TOO_LARGE at the first row wider than the column limit, and after counting every row when
 * there are more data rows than the row limit. Returns the number of data rows.
 */
export async function readFirstSheet(
  buf: Buffer,
  limits: Pick<ImportLimits, 'maxRows' | 'maxColumns'>,
  each: (row: SheetRow) => void,
  job: JobControl = {},
): Promise<number> {
  let dataRows = -1; // the first non-empty row is the header
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[]; // 1-based and sparse; `cells` is dense
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells[i - 1] = plainCell(values[i]);
        while (cells.length && isEmpty(cells[cells.length - 1])) cells.pop();
        if (!cells.length) continue;
        if (cells.length > limits.maxColumns) throw tooLarge('columns', cells.length, limits.maxColumns);
        dataRows++;
        if (dataRows <= limits.maxRows) each({ number: row.number, cells });
        if (dataRows % 1000 === 0) {
          job.progress?.(Math.min(dataRows, limits.maxRows), 0, 'reading');
          await yieldToLoop();
          throwIfCancelled(job.signal);
        }
      }
      break; // only the first worksheet is data (the template's 说明 sheet comes after it)
    }
  } catch (e) {
    if (e instanceof ApiError || (e instanceof Error && e.name === 'AbortError')) throw e;
    throw invalidFile('damaged', ` (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!sheets) throw invalidFile('noSheet');
  if (dataRows < 0) throw invalidFile('noRows');
  if (dataRows > limits.maxRows) throw tooLarge('rows', dataRows, limits.maxRows);
  return dataRows;
}
