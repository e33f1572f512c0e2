import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRowErrors } from '@contract';
import { call, errorOf, openTempApp } from './helpers/tempApp';
import { handXlsx, storedFirst, workbookParts, zipOf, sheetXml, type HandCell } from '../fixtures/handmadeXlsx';
import { readZipDirectory } from '../../src-main/excel/zipDirectory';

// The product import end to end on hand-made and hostile workbooks: the right tab, all or nothing on damage,
// error cells reported as errors, no file left behind, and the messages a user reads.

// This file's own temp folder (os.tmpdir() follows TMPDIR), so "no new file there" is not disturbed by others.
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-hostile-'));
process.env.TMPDIR = TMP;

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => {
  app = await openTempApp();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(TMP, { recursive: true, force: true });
});
beforeEach(async () => {
  await app.env.db('product_prices').delete();
  await app.env.db('stock_movements').delete();
  await app.env.db('products').delete();
});

let jobs = 0;
const importFile = (buf: Buffer, name = 'products.xlsx') => call(app, 'products.import', { jobId: `hostile-${++jobs}`, file: { name, dataBase64: buf.toString('base64') } });
const productCount = async () => Number((await app.env.db('products').count({ n: '*' }).first())?.n);
const skus = async () => (await app.env.db('products').orderBy('sku').pluck('sku')) as string[];

const HEADER = ['SKU编码', '商品名称', '类目', '建议零售价（元）', '控价（元）'];
const product = (i: number): HandCell[] => [`P-${String(i).padStart(5, '0')}`, `商品${i}`, '食品', 20, 18];

/** Every file under `dir`, relative. */
const filesUnder = (dir: string): string[] =>
  !fs.existsSync(dir) ? [] : fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));

describe('the product import on real-world workbooks', () => {
  it('imports the first tab when the 说明 sheet is stored first in the zip', async () => {
    const buf = handXlsx({ sheets: [{ name: '商品', rows: [HEADER, product(1)] }, { name: '说明', rows: [['说明', '这张表不导入']] }] }, (p) =>
      storedFirst(p, 'xl/worksheets/sheet2.xml'),
    );
    expect(await importFile(buf)).toMatchObject({ created: 1 });
    expect(await skus()).toEqual(['P-00001']);
  });

  it('imports the 商品 tab when a cover tab comes first, and the first tab (not the second stored) of two product tabs', async () => {
    const cover = { name: '封面', rows: [['春季上新']] };
    expect(await importFile(handXlsx({ sheets: [cover, { name: '商品', rows: [HEADER, product(2)] }] }))).toMatchObject({ created: 1 });
    await app.env.db('products').delete();
    const buf = handXlsx({ sheets: [{ name: '女装', rows: [HEADER, product(3)] }, { name: '男装', rows: [HEADER, product(4)] }] }, (p) => storedFirst(p, 'xl/worksheets/sheet2.xml'));
    expect(await importFile(buf)).toMatchObject({ created: 1 });
    expect(await skus()).toEqual(['P-00003']);
  });

  it('reads the text when sharedStrings.xml is stored after the sheet (Mac Excel)', async () => {
    const strings = [...HEADER, 'TEA-9', '高山红茶', '食品'];
    const s = (i: number) => ({ t: 's', xml: `<v>${i}</v>` });
    const buf = handXlsx({ sheets: [{ name: '商品', rows: [[0, 1, 2, 3, 4].map(s), [s(5), s(6), s(7), 99, 89]] }], sharedStrings: strings }, (p) => [
      ...p.filter((x) => x.name !== 'xl/sharedStrings.xml'),
      p.find((x) => x.name === 'xl/sharedStrings.xml')!,
    ]);
    expect(await importFile(buf)).toMatchObject({ created: 1 });
    expect((await call(app, 'products.list', {})).rows[0]).toMatchObject({ sku: 'TEA-9', name: '高山红茶', category: '食品' });
  });

  it('refuses a truncated sheet whole: damaged, nothing written, no partial success, no report', async () => {
    const xml = sheetXml([HEADER, ...Array.from({ length: 5000 }, (_, i) => product(i))]);
    const buf = handXlsx({ sheets: [{ name: '商品', xml: xml.slice(0, Math.floor(xml.length * 0.5)) }] });
    const before = filesUnder(app.env.exportsDir);
    const e = await errorOf(importFile(buf));
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(e.message).not.toMatch(/line|col\b|\d+:\d+/i);
    expect(await productCount()).toBe(0);
    expect(filesUnder(app.env.exportsDir)).toEqual(before);
  });

  it('reports a formula error cell as an error to fix, not as an empty cell', async () => {
    const err = { t: 'e', xml: '<f>A1/0</f><v>#DIV/0!</v>' };
    const buf = handXlsx({ sheets: [{ name: '商品', rows: [HEADER, ['E-1', '茶', '食品', err, 18]] }] });
    const e = await errorOf(importFile(buf));
    expect(e.code).toBe('IMPORT_ROW_INVALID');
    const issues = (e.details as ImportRowErrors).issues;
    expect(issues).toEqual([expect.objectContaining({ row: 2, column: '建议零售价（元）', code: 'cellError', params: { error: '#DIV/0!' } })]);
    expect(issues[0].message).toContain('#DIV/0!');
    expect(issues[0].message).not.toContain('不能为空');
  });

  it('accepts a legitimate workbook whose long repeated texts compress more than 100:1', async () => {
    const long = '85℃ 热水冲泡，每次 3 克，闷泡 5 分钟后饮用。'.repeat(200);
    const buf = handXlsx({ sheets: [{ name: '商品', rows: [[...HEADER, '备注'], ...Array.from({ length: 1000 }, (_, i) => [...product(i), long])] }] });
    const sheet = readZipDirectory(buf)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.uncompressedSize / sheet.compressedSize).toBeGreaterThan(150);
    expect(await importFile(buf)).toMatchObject({ created: 1000, ignoredColumns: ['备注'] });
  });

  it('answers a 0-byte file with a clear IMPORT_FILE_INVALID', async () => {
    const e = await errorOf(importFile(Buffer.alloc(0)));
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'empty' } });
    expect(e.message).toMatch(/^the file is empty/);
  });
});

describe('hostile zips', () => {
  it('refuses quickly, with bounded memory, a workbook whose sharedStrings.xml only a local header carries', async () => {
    // A real table of strings (the header) padded to 255 MB, listed nowhere in the central directory: a
    // local-header reader used it (and cached every string); the directory-only reader never sees it.
    const si = '<si><t>x</t></si>';
    const sst = Buffer.concat([
      Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${HEADER.map((h) => `<si><t>${h}</t></si>`).join('')}`),
      Buffer.alloc(si.length * 15_000_000, si),
      Buffer.from('</sst>'),
    ]);
    const parts = workbookParts({ sheets: [{ name: '商品', rows: [[0, 1, 2, 3, 4].map((i) => ({ t: 's', xml: `<v>${i}</v>` })), product(1)] }] });
    const bomb = zipOf([{ name: 'xl/sharedStrings.xml', data: sst, localOnly: true }, ...parts]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage();
    const e = await errorOf(importFile(bomb));
    expect(e).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
    expect(process.memoryUsage().arrayBuffers - before.arrayBuffers).toBeLessThan(32 * 1024 * 1024);
    expect(await productCount()).toBe(0);
  });

  it('refuses a zip whose local header names another part than its central entry', async () => {
    const parts = workbookParts({ sheets: [{ name: '商品', rows: [HEADER, product(1)] }] });
    const swapped = parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, localName: 'xl/worksheets/sheet9.xml' } : p));
    expect(await errorOf(importFile(zipOf(swapped)))).toMatchObject({ code: 'IMPORT_FILE_INVALID', details: { reason: 'damaged' } });
  });

  it('does not import a ../ decoy entry', async () => {
    const parts = workbookParts({ sheets: [{ name: '商品', rows: [HEADER, product(7)] }] });
    const decoy = { name: '../xl/worksheets/sheet1.xml', data: sheetXml([HEADER, ['EVIL-1', '诱饵', '食品', 1, 1]]) };
    expect(await importFile(zipOf([decoy, ...parts]))).toMatchObject({ created: 1 });
    expect(await skus()).toEqual(['P-00007']);
  });
});

describe('files an import leaves behind', () => {
  it('leaves no new file in os.tmpdir(), and none in the data folder but the error report when there is one', async () => {
    expect(os.tmpdir()).toBe(TMP);
    const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => product(i))];
    const s = (v: string) => ({ t: 'inlineStr', xml: `<is><t>${v}</t></is>` });
    // Sheet before sharedStrings: what made exceljs spool the sheet to a temp file.
    const buf = handXlsx({ sheets: [{ name: '商品', rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? s(c) : c))) }], sharedStrings: ['x'] }, (p) => [
      ...p.filter((x) => x.name !== 'xl/sharedStrings.xml'),
      p.find((x) => x.name === 'xl/sharedStrings.xml')!,
    ]);
    const tmpBefore = filesUnder(TMP);
    expect(await importFile(buf)).toMatchObject({ created: 3000 });
    expect(filesUnder(TMP).filter((f) => !f.startsWith(path.relative(TMP, app.dir)))).toEqual(tmpBefore.filter((f) => !f.startsWith(path.relative(TMP, app.dir))));
    const dataBefore = new Set(filesUnder(app.dir));
    const bad = [HEADER, ...Array.from({ length: 3000 }, (_, i) => product(i)), ['BAD SKU', '茶', '食品', 1, 1]];
    const e = await errorOf(importFile(handXlsx({ sheets: [{ name: '商品', rows: bad }] })));
    const report = (e.details as ImportRowErrors).reportFile;
    const added = filesUnder(app.dir).filter((f) => !dataBefore.has(f) && !/dropship\.sqlite(-wal|-shm)?$/.test(f));
    expect(added).toEqual([path.relative(app.dir, path.join(app.env.exportsDir, report))]);
    expect(filesUnder(TMP).filter((f) => !f.startsWith(path.relative(TMP, app.dir)))).toEqual(tmpBefore.filter((f) => !f.startsWith(path.relative(TMP, app.dir))));
  });
});
