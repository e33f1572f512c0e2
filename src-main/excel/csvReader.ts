// A .csv upload as the same rows as a sheet: every cell is text as typed (leading zeros kept, nothing turned
// into a number or date), rows numbered as a spreadsheet shows them. Excel on Chinese Windows saves CSV
// in GB18030 (GBK), newer Excel and WPS in UTF-8 with a BOM: valid UTF-8 is UTF-8, anything else GB18030.
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Cell, SheetRow } from './sheetReader';
import { WorkbookDamage } from './xlsxReader';

/** The file's text: UTF-8 (BOM dropped) when it is valid UTF-8, else GB18030. */
export function decodeCsv(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

const SLICE = 1 << 16;

/** The records of a CSV file as sheet rows (1-based numbers; blank lines count as rows, as Excel shows them). */
export async function* csvRows(buf: Buffer, opts: { maxColumns: number }): AsyncGenerator<SheetRow> {
  const text = decodeCsv(buf);
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: false,
    // A record wider than the column limit allows (×2000 characters a cell) is not a table row.
    max_record_size: Math.max(1 << 20, opts.maxColumns * 2000),
  });
  Readable.from(
    (function* () {
      for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
    })(),
    { objectMode: false },
  ).pipe(parser);
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number++;
      yield { number, cells: record.map((s): Cell => (s === '' ? null : s)) };
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new WorkbookDamage(`the CSV is malformed after row ${number}: ${e.code === 'CSV_MAX_RECORD_SIZE' ? 'a row is far too long' : 'a quote is not closed or stands inside a field'}`);
    throw e;
  } finally {
    parser.destroy();
  }
}
