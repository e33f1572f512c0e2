import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, openTempApp } from './helpers/tempApp';
import { decodeCsv } from '../../src-main/excel/csvReader';
import { readAllRows } from '../../src-main/excel/sheetReader';

// CSV in the same reading layer as .xlsx: the same row shape and limits, UTF-8 (with or without BOM) or
// GB18030 as Chinese Excel saves it, every cell text as typed.
const limits = { maxRows: 1000, maxColumns: 60, maxUnzippedBytes: 200 * 1024 * 1024 };
const TEXT = 'SKU编码,商品名称,类目,建议零售价,控价\r\n00123,"高山红茶, 特级",食品,99.90,89\r\n\r\nA-2,"说""明""",食品,10,9\r\n';
const rowsOf = async (buf: Buffer, l = limits) => (await readAllRows(buf, { limits: l, fileName: '商品.csv' })).map((r) => [r.number, r.cells]);

describe('CSV reading', () => {
  const expected = [
    [1, ['SKU编码', '商品名称', '类目', '建议零售价', '控价']],
    [2, ['00123', '高山红茶, 特级', '食品', '99.90', '89']],
    [4, ['A-2', '说"明"', '食品', '10', '9']],
  ];

  it('reads UTF-8 with and without a BOM, and GB18030, to the same rows (numbers kept as typed, blank lines counted)', async () => {
    expect(await rowsOf(Buffer.from(TEXT))).toEqual(expected);
    expect(await rowsOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual(expected);
    const gb = iconv.encode(TEXT, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(await rowsOf(gb)).toEqual(expected);
    expect(decodeCsv(iconv.encode('𠀀 and 中文', 'gb18030'))).toBe('𠀀 and 中文');
  });

  it('keeps the column and row limits', async () => {
    await expect(rowsOf(Buffer.from(TEXT), { ...limits, maxColumns: 4 })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'columns', actual: 5, max: 4 } });
    await expect(rowsOf(Buffer.from(TEXT), { ...limits, maxRows: 1 })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'rows', actual: 2, max: 1 } });
  });

  it('refuses a CSV with a quote that is never closed as damaged, without parser internals', async () => {
    const e = await rowsOf(Buffer.from('SKU,名称\n"A-1,茶\n')).catch((x) => x);
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(e.message).not.toMatch(/CSV_|line \d/);
  });

  it('reads a .csv only by its name: text named .xlsx is still not a workbook', async () => {
    await expect(readAllRows(Buffer.from(TEXT), { limits, fileName: 'p.xlsx' })).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'notZip' } });
  });
});

describe('product import from CSV', () => {
  let app: Awaited<ReturnType<typeof openTempApp>>;
  beforeAll(async () => {
    app = await openTempApp();
  });
  afterAll(() => app.close());
  const importCsv = (buf: Buffer, jobId: string) => call(app, 'products.import', { jobId, file: { name: '商品.csv', dataBase64: buf.toString('base64') } });

  it('imports a GB18030 CSV saved by Chinese Excel, keeping a leading-zero SKU', async () => {
    expect(await importCsv(iconv.encode(TEXT, 'gb18030'), 'csv-import-1')).toMatchObject({ rows: 2, created: 2 });
    const { rows } = await call(app, 'products.list', { sort: 'sku' });
    expect(rows.map((r) => [r.sku, r.name, r.retailPriceFen])).toEqual([
      ['00123', '高山红茶, 特级', 9990],
      ['A-2', '说"明"', 1000],
    ]);
  });

  it('reports bad CSV rows like workbook rows', async () => {
    const e = await errorOf(importCsv(Buffer.from('SKU编码,商品名称,类目,建议零售价,控价\nB-1,茶,食品,十二块,9\n'), 'csv-import-2'));
    expect(e).toMatchObject({ code: 'IMPORT_ROW_INVALID', details: { issues: [{ row: 2, column: '建议零售价', code: 'money' }] } });
  });
});
