import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRowErrors, Level } from '@contract';
import { call, errorOf, openTempApp } from './helpers/tempApp';
import { setSetting, SETTING_DEFAULTS } from '../../src-main/domain/system/settings';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import { importProducts } from '../../src-main/domain/catalog/importProducts';
import { acceptUpload, importLimits } from '../../src-main/excel/importLimits';
import { yuanToFen } from '../../src-main/excel/cells';
import { sheetXml, workbookParts, zipOf } from '../fixtures/handmadeXlsx';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

let app: Awaited<ReturnType<typeof openTempApp>>;
let levels: Level[];
beforeAll(async () => {
  app = await openTempApp();
  levels = await call(app, 'levels.list', {});
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.env.db('product_prices').delete();
  await app.env.db('stock_movements').delete();
  await app.env.db('products').delete();
  for (const k of ['importMaxFileMb', 'importMaxUnzippedMb', 'importMaxRows', 'importMaxColumns'] as const) await setSetting(app.env.db, k, SETTING_DEFAULTS[k]);
});

type Row = (string | number | null)[];
const HEADER = ['SKU编码', '商品名称', '类目', '规格', '建议零售价（元）', '控价（元）', '代理价-体验代理', '代理价-银牌代理', '初始库存', '上架状态'];

async function xlsx(rows: Row[], header: Row = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('说明').addRow(['说明', '这张表不导入']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (buf: Buffer, name = 'products.xlsx') => ({ name, dataBase64: buf.toString('base64') });
let jobs = 0;
const importFile = async (buf: Buffer) => call(app, 'products.import', { jobId: `import-${++jobs}`, file: upload(buf) });

const productCount = async () => Number((await app.env.db('products').count({ n: '*' }).first())?.n);

/** A zip by hand: [name, content, declared uncompressed size?] entries, deflated (to craft bombs and liars). */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = zlib.deflateRawSync(e.data, { level: 9 });
    const size = e.declaredSize ?? e.data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    central.push(cen, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
/** A workbook whose sheet XML is mostly whitespace: tiny zipped, `mb` megabytes unzipped. */
const bomb = (mb: number, declaredSize?: number) => {
  const xml = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(mb * 1024 * 1024, ' '), Buffer.from('</sheetData></worksheet>')]);
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: xml, declaredSize },
  ]);
};

describe('money cells are read exactly', () => {
  it('takes yuan text and numbers to integer fen without float rounding errors', () => {
    const fen = (c: string | number) => {
      const r = yuanToFen(c);
      return r.ok ? r.value : r.code;
    };
    expect(fen('12.50')).toBe(1250);
    expect(fen(19.99)).toBe(1999);
    expect(fen(0.29)).toBe(29); // 0.29 × 100 = 28.999999999999996
    expect(fen('¥1,299')).toBe(129900);
    expect(fen('8元')).toBe(800);
    expect(fen(10.1 * 3)).toBe(3030); // a formula's 30.299999999999997
    expect(fen('12.345')).toBe('money');
    expect(fen(12.345)).toBe('money');
    expect(fen('-5')).toBe('money');
    expect(fen('abc')).toBe('money');
  });
});

describe('product import', () => {
  it('creates new products and updates existing ones by SKU, with exact fen prices, and audits the price changes', async () => {
    const existing = await call(app, 'products.create', {
      sku: 'TEA-001',
      name: '高山红茶',
      category: '食品',
      retailPriceFen: 9900,
      minRetailPriceFen: 8900,
      costFen: 3000,
      prices: [{ levelId: levels[0].id, priceFen: 6990 }],
    });
    const res = await importFile(
      await xlsx([
        ['TEA-001', '高山红茶', '食品', '250g/罐', '109.90', 99, 69.9, '64.50', null, '下架'],
        ['MASK-01', '补水面膜', '美妆个护', '5片/盒', 59.9, '49.90', '35.55', 33, 120, '上架'],
        [10086, '数字编码商品', '食品', null, '0.29', '0.29', null, null, null, null],
      ]),
    );
    expect(res).toEqual({ rows: 3, created: 2, updated: 1, unchanged: 0, ignoredColumns: [] });

    const tea = await call(app, 'products.get', { id: existing.id });
    expect(tea).toMatchObject({ spec: '250g/罐', retailPriceFen: 10990, minRetailPriceFen: 9900, costFen: 3000, status: 'unlisted', stockOnHand: 0 });
    expect(tea.prices).toEqual([
      { levelId: levels[0].id, priceFen: 6990 },
      { levelId: levels[1].id, priceFen: 6450 },
    ]);
    const { rows } = await call(app, 'products.list', { search: 'MASK' });
    expect(rows[0]).toMatchObject({ name: '补水面膜', retailPriceFen: 5990, minRetailPriceFen: 4990, stockOnHand: 120, status: 'listed', returnPolicy7d: true });
    expect(rows[0].prices.map((p) => p.priceFen)).toEqual([3555, 3300]);
    expect((await call(app, 'products.list', { search: '10086' })).rows[0]).toMatchObject({ retailPriceFen: 29, prices: [] });

    const audit = await app.env.db('audit_log').where({ action: 'price_change', target: 'TEA-001' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toEqual({ retailPriceFen: [9900, 10990], minRetailPriceFen: [8900, 9900], [`price:${levels[1].id}`]: [null, 6450] });

    // The same file again changes nothing and audits nothing.
    const again = await importFile(
      await xlsx([['TEA-001', '高山红茶', '食品', '250g/罐', '109.90', 99, 69.9, '64.50', null, '下架']]),
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await app.env.db('audit_log').where({ action: 'price_change' })).toHaveLength(1);
  });

  it('with one bad row among many writes nothing and reports every bad row with row and column, in a formula-safe report', async () => {
    const good = (i: number): Row => [`OK-${i}`, `好商品${i}`, '食品', null, 20, 18, 15, 14, 10, '上架'];
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => good(i));
    rows[5] = ['BAD-1', '=HYPERLINK("http://evil","点我")', '食品', null, '12.345', 18, 15, 14, 10, '上架']; // row 7
    rows[20] = ['BAD 2', '好', '食品', null, 20, 25, 30, 14, 'x', '在售']; // row 22
    rows[30] = ['OK-3', '重复', '食品', null, 20, 18, 15, 14, 10, '上架']; // row 32: SKU of row 5
    rows[35] = ['NEW-9', null, null, null, null, null, null, null, null, null]; // row 37: a new product needs name, category, prices
    const e = await errorOf(importFile(await xlsx(rows)));
    expect(e.code).toBe('IMPORT_ROW_INVALID');
    expect(await productCount()).toBe(0);
    const d = e.details as ImportRowErrors;
    expect(d.invalidRows).toBe(4);
    const at = (row: number) => d.issues.filter((i) => i.row === row).map((i) => [i.column, i.code]);
    expect(at(7)).toEqual([['建议零售价（元）', 'money']]);
    expect(at(22)).toEqual(
      expect.arrayContaining([
        ['初始库存', 'int'],
        ['上架状态', 'choice'],
        ['SKU编码', 'skuFormat'],
        ['控价（元）', 'minAboveRetail'],
        ['代理价-体验代理', 'agentAboveRetail'],
      ]),
    );
    expect(at(32)).toEqual([['SKU编码', 'duplicate']]);
    expect(d.issues.find((i) => i.row === 32)).toMatchObject({ params: { row: 5 }, message: expect.stringContaining('第 5 行') });
    expect(at(37)).toEqual(
      expect.arrayContaining([
        ['商品名称', 'required'],
        ['类目', 'required'],
        ['建议零售价（元）', 'required'],
      ]),
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, d.reportFile));
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', ...HEADER, '错误说明']);
    const report = [2, 3, 4, 5].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(report.map((r) => r[0])).toEqual([7, 22, 32, 37]);
    expect(report[0][2]).toBe(`'=HYPERLINK("http://evil","点我")`); // inert text, not a formula
    expect(ws.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(String(report[0][11])).toContain('建议零售价（元）：不是有效金额');
    expect(String(report[2][11])).toContain('第 5 行');
  });

  it('over 2,000 rows (four batches) of new and existing SKUs writes nothing when one row of the last batch is bad, and all of it once fixed', async () => {
    // 334 existing products (every 6th SKU), imported first; the big file reprices them and adds 1,666 new ones.
    const sku = (i: number) => `BIG-${String(i).padStart(4, '0')}`;
    const first: Row[] = [];
    for (let i = 0; i < 2000; i += 6) first.push([sku(i), `老商品${i}`, '食品', null, 50, 45, 40, 38, 7, '上架']);
    expect(await importFile(await xlsx(first))).toMatchObject({ created: 334 });
    const snapshot = async () => ({
      products: await app.env.db('products').orderBy('sku').select('sku', 'name', 'retail_price_fen', 'updated_at', 'stock_on_hand'),
      prices: await app.env.db('product_prices').orderBy(['product_id', 'level_id']).select('*'),
      stock: await app.env.db('stock_movements').count({ n: '*' }).first(),
      audits: await app.env.db('audit_log').where({ action: 'price_change' }).count({ n: '*' }).first(),
    });
    const before = await snapshot();
    const big: Row[] = Array.from({ length: 2000 }, (_, i) =>
      i % 6 === 0 ? [sku(i), null, null, null, 60, 55, 41, null, null, null] : [sku(i), `新商品${i}`, '家居', '1件', 30, 28, 20, 19, 5, '上架'],
    );
    const bad = [...big];
    bad[1990] = [sku(1990), `新商品1990`, '家居', null, 30, 35, 20, 19, 5, '上架']; // row 1992: 控价 above retail
    const e = await errorOf(importFile(await xlsx(bad)));
    expect(e.code).toBe('IMPORT_ROW_INVALID');
    expect((e.details as ImportRowErrors).issues.map((i) => [i.row, i.code])).toEqual([[1992, 'minAboveRetail']]);
    expect(await snapshot()).toEqual(before);

    expect(await importFile(await xlsx(big))).toEqual({ rows: 2000, created: 1666, updated: 334, unchanged: 0, ignoredColumns: [] });
    expect(await productCount()).toBe(2000);
    const old = await call(app, 'products.list', { search: sku(1998) });
    expect(old.rows[0]).toMatchObject({ name: '老商品1998', retailPriceFen: 6000, minRetailPriceFen: 5500, stockOnHand: 7 });
    expect(old.rows[0].prices).toEqual([
      { levelId: levels[0].id, priceFen: 4100 },
      { levelId: levels[1].id, priceFen: 3800 },
    ]);
    const audits = await app.env.db('audit_log').where({ action: 'price_change' }).where('target', 'like', 'BIG-%').orderBy('target');
    expect(audits).toHaveLength(334);
    expect(audits[0].target).toBe(sku(0));
    expect(JSON.parse(audits[0].details)).toEqual({ retailPriceFen: [5000, 6000], minRetailPriceFen: [4500, 5500], [`price:${levels[0].id}`]: [4000, 4100] });
    expect(Number((await app.env.db('stock_movements').count({ n: '*' }).first())?.n)).toBe(2000);
    // The initial stock went through the ledger: stock is the sum of movements, one audit entry for the import.
    const drift = await app.env.db.raw(
      `SELECT p.sku FROM products p WHERE p.stock_on_hand <> COALESCE((SELECT SUM(delta) FROM stock_movements m WHERE m.product_id = p.id), 0)`,
    );
    expect(drift).toEqual([]);
    const stockAudit = await app.env.db('audit_log').where({ action: 'stock_move', target: 'products' }).orderBy('id', 'desc').first();
    expect(JSON.parse(stockAudit.details)).toMatchObject({ causes: ['initial'] });
  });

  it('names a missing SKU column, an unknown level and unrecognised columns', async () => {
    const e = await errorOf(importFile(await xlsx([['高山红茶']], ['商品名称'])));
    expect(e).toMatchObject({ code: 'IMPORT_ROW_INVALID', details: { issues: [{ row: 1, column: 'SKU编码', code: 'missingColumn' }] } });
    const e2 = await errorOf(importFile(await xlsx([['A-1', '茶', '食品', 10, 9, 8]], ['SKU', 'Name', 'Category', 'Retail price', '控价', '代理价-钻石代理'])));
    expect((e2.details as ImportRowErrors).issues).toMatchObject([{ row: 1, column: '代理价-钻石代理', code: 'unknownLevel' }]);
    const e3 = await errorOf(importFile(await xlsx([['A-1', 'A-1']], ['SKU', 'SKU编码'])));
    expect((e3.details as ImportRowErrors).issues[0]).toMatchObject({ row: 1, column: 'SKU编码', code: 'duplicateColumn' });
    // English headers and a level by its code work; an unknown column is left alone and said so.
    const ok = await importFile(await xlsx([['A-1', 'Tea', '食品', 10, 9, 8, 'x']], ['SKU', 'Name', 'Category', 'Retail price', 'Min retail price', 'Agent price L1', '备注']));
    expect(ok).toMatchObject({ created: 1, ignoredColumns: ['备注'] });
    expect((await call(app, 'products.list', {})).rows[0].prices).toEqual([{ levelId: levels[0].id, priceFen: 800 }]);
  });

  it('refuses a cost column from a caller who may not see costs', async () => {
    const caller = { transport: 'test' as const, permissions: new Set([...BUILTIN_PERMISSIONS.admin].filter((p) => p !== 'catalog.cost')), user: { id: 'u', login: 'editor' }, scope: ALL_AGENTS };
    const file = upload(await xlsx([['A-1', '茶', '食品', 10, 9, 5]], ['SKU编码', '商品名称', '类目', '建议零售价', '控价', '成本价（元）']));
    const r = await app.router.call('products.import', { jobId: 'import-cost', file }, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'IMPORT_ROW_INVALID', details: { issues: [{ row: 1, column: '成本价（元）', code: 'costForbidden' }] } } });
  });

  it('is refused to cs (no catalog.edit) before anything is read', async () => {
    const cs = { transport: 'test' as const, permissions: new Set(BUILTIN_PERMISSIONS.cs), user: { id: 'u-cs', login: 'kefu' }, scope: ALL_AGENTS };
    const file = upload(await xlsx([['A-1', '茶', '食品', null, 10, 9]]));
    expect(await app.router.call('products.import', { jobId: 'import-cs', file }, cs)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.router.call('products.importTemplate', {}, cs)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await productCount()).toBe(0);
  });

  it('rolls everything back when cancelled while writing', async () => {
    const rows: Row[] = Array.from({ length: 450 }, (_, i) => [`C-${i}`, `商品${i}`, '食品', null, 20, 18, 15, 14, 10, '上架']);
    const ctrl = new AbortController();
    const limits = await importLimits(app.env.db);
    const run = importProducts(
      app.env.db,
      await xlsx(rows),
      { limits, canCost: true, actor: { userId: null, userLogin: 'test' }, exportsDir: app.env.exportsDir },
      { signal: ctrl.signal, progress: (done, _t, phase) => phase === 'writing' && done >= 200 && ctrl.abort() },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await productCount()).toBe(0);
  });

  it('writes a template with a column per level, an example row and a 说明 sheet, which imports as it is', async () => {
    const t = await call(app, 'products.importTemplate', {});
    expect(t.fileName).toMatch(/^商品导入模板_.+\.xlsx$/);
    const file = path.join(app.env.exportsDir, t.fileName);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['商品', '说明']);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['SKU编码', '成本价（元）', ...levels.map((l) => `代理价-${l.name}`)]));
    expect(JSON.stringify(wb.getWorksheet('说明')!.getSheetValues())).toContain('拆分');
    expect(await importFile(fs.readFileSync(file))).toMatchObject({ created: 1 });
    expect((await call(app, 'products.list', {})).rows[0]).toMatchObject({ sku: 'TEA-001', retailPriceFen: 9900, costFen: 3000 });
  });
});

describe('import limits', () => {
  const refusal = async (buf: Buffer) => errorOf(importFile(buf));

  it('refuses a file above the size limit before decoding it', async () => {
    await setSetting(app.env.db, 'importMaxFileMb', 1);
    const e = await refusal(Buffer.alloc(1536 * 1024, 7));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'fileMb', actual: 1.5, max: 1 } });
    expect(e.message).toMatch(/1\.5 MB.*at most 1 MB.*split it into several files.*raise the limit in Settings/);
  });

  it('refuses a zip bomb from its directory, before any parser unzips it', async () => {
    await setSetting(app.env.db, 'importMaxUnzippedMb', 10);
    const big = bomb(12);
    expect(big.length).toBeLessThan(64 * 1024);
    expect(await refusal(big)).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'unzippedMb', max: 10 } });
    // Under the cap but inflating absurdly (deflate's ~1030:1 maximum): refused for its compression ratio.
    expect(await refusal(bomb(5))).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'ratio', max: 1000 } });
  });

  it('refuses a zip whose directory understates what a part inflates to, without keeping the bytes', async () => {
    await setSetting(app.env.db, 'importMaxUnzippedMb', 10);
    // A real workbook whose sheet says 4 KB and inflates to 30 MB: the directory checks pass (acceptUpload),
    // and the reader stops inflating at the declared size and refuses the file as damaged.
    const limits = await importLimits(app.env.db);
    const sheet = Buffer.concat([
      Buffer.from(sheetXml([HEADER, ['L-1', '茶', '食品', null, 10, 9]]).replace('</sheetData>', '')),
      Buffer.alloc(30 * 1024 * 1024, ' '),
      Buffer.from('</sheetData></worksheet>'),
    ]);
    const parts = workbookParts({ sheets: [{ name: '商品', rows: [] }] }).map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: sheet, declaredSize: 4096 } : p,
    );
    const liar = zipOf(parts);
    const before = process.memoryUsage().arrayBuffers;
    const bytes = await acceptUpload(upload(liar), limits);
    await expect(importProducts(app.env.db, bytes, { limits, canCost: true, actor: { userId: null, userLogin: 't' }, exportsDir: app.env.exportsDir })).rejects.toMatchObject({
      code: 'IMPORT_FILE_INVALID',
      details: { reason: 'damaged' },
    });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
    expect(await productCount()).toBe(0);
    // Through the API too.
    expect(await errorOf(importFile(liar))).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
  });

  it('refuses more rows than the limit, with the count', async () => {
    await setSetting(app.env.db, 'importMaxRows', 5);
    const rows: Row[] = Array.from({ length: 8 }, (_, i) => [`R-${i}`, '茶', '食品', null, 10, 9]);
    const e = await refusal(await xlsx(rows));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'rows', actual: 8, max: 5 } });
    expect(e.message).toContain('8 data rows');
    expect(await productCount()).toBe(0);
  });

  it('refuses more columns than the limit, with the count', async () => {
    await setSetting(app.env.db, 'importMaxColumns', 5);
    const e = await refusal(await xlsx([['A-1', '茶', '食品', null, 10, 9, 8]]));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'columns', actual: 10, max: 5 } });
  });

  it('refuses what is not an .xlsx workbook, saying what to do', async () => {
    const csv = await refusal(Buffer.from('SKU编码,商品名称\nA-1,茶\n'));
    expect(csv).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'notZip' } });
    expect(csv.message).toContain('.xlsx');
    const xls = await refusal(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
    expect(xls).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'oldExcel' } });
    const docx = await refusal(zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
    expect(docx).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'notWorkbook' } });
  });
});
