// The table sheet writes its data rows as XML it makes itself (src-main/excel/rowXml.ts), not through exceljs's
// row model: the file must be the one exceljs writes, part for part, for any rows of any column kinds.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addTableSheet, writeWorkbook, type ColumnKind, type ColumnSpec } from '../../src-main/excel/tableSheet';
import { tempDir } from './helpers/tempApp';

type Value = string | number | null;
const KINDS: ColumnKind[] = ['text', 'int', 'yuan', 'percent', 'decimal'];

/** Text with what XML must escape or drop: quotes, &, <, >, control characters, DEL, CJK and emoji. */
const text = fc.string({ unit: fc.constantFrom('a', '代', '😀', '&', '<', '>', '"', "'", '\u0001', '\t', '\n', '\r', '\u007f', '=', ' '), maxLength: 12 });
const value = fc.oneof(fc.constant(null), fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), text);

async function write(dir: string, name: string, columns: ColumnSpec[], rows: Value[][], rowsAsXml: boolean) {
  const file = path.join(dir, `${name}.xlsx`);
  await writeWorkbook(file, (wb) => {
    wb.created = wb.modified = new Date(0); // the one part that would differ: the file's times
    const sheet = addTableSheet(wb, '表', columns, { rowsAsXml });
    for (const r of rows) sheet.addValues(r);
    sheet.dataBar(columns[0].key);
    sheet.commit();
    // A second table sheet in the same file: its own first row looks its styles up again.
    const again = addTableSheet(wb, '表二', columns, { rowsAsXml });
    for (const r of rows.slice(0, 3)) again.addValues(r);
    again.commit();
    return rows.length;
  });
  const parts = unzipSync(fs.readFileSync(file));
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strFromU8(v)]));
}

describe('table sheet rows written as XML', () => {
  it('make the same file as exceljs row by row, for random columns and rows', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 30 }).chain((kinds) =>
          fc.tuple(fc.constant(kinds), fc.array(fc.array(value, { minLength: kinds.length, maxLength: kinds.length }), { minLength: 1, maxLength: 25 })),
        ),
        async ([kinds, rows]) => {
          const columns = kinds.map((kind, i) => ({ key: `c${i}`, header: `列${i}`, kind }));
          // Text columns get text, as the sheet's callers give them (addValues makes any value of one text).
          const shaped = rows.map((r) => r.map((v, i) => (kinds[i] === 'text' && typeof v === 'number' ? String(v) : v)));
          const ours = await write(dir, 'xml', columns, shaped, true);
          const exceljs = await write(dir, 'exceljs', columns, shaped, false);
          expect(Object.keys(ours).sort()).toEqual(Object.keys(exceljs).sort());
          for (const part of Object.keys(exceljs)) expect(ours[part], part).toBe(exceljs[part]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads back through exceljs with every value in its place', async () => {
    const dir = tempDir();
    const columns: ColumnSpec[] = KINDS.map((kind, i) => ({ key: `c${i}`, header: kind, kind }));
    const rows: Value[][] = [
      ['甲 & <乙>', 1, 12.5, 0.25, 1.5],
      ['', null, -3, null, 0],
      [null, 7, null, 1, null],
    ];
    const file = path.join(dir, 'back.xlsx');
    await writeWorkbook(file, (wb) => {
      const sheet = addTableSheet(wb, '表', columns);
      for (const r of rows) sheet.addValues(r);
      sheet.commit();
      return rows.length;
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('表')!;
    expect(ws.getRow(2).values).toEqual([undefined, '甲 & <乙>', 1, 12.5, 0.25, 1.5]);
    expect(ws.getCell('C3').value).toBe(-3);
    expect(ws.getCell('C3').numFmt).toBe(ws.getCell('C2').numFmt);
    expect(ws.getCell('B4').value).toBe(7);
    expect(ws.getCell('A4').value).toBe(null);
    expect(ws.rowCount).toBe(4);
  });
});
