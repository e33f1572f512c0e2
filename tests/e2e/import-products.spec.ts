// Journey: an admin downloads the product import template, imports two new products from Excel and sees
// them in the list; then a file with a bad row is refused whole, with the row's error on screen and in a
// downloadable error report; a CSV saved by Chinese Excel (GB18030) imports the same way.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect as vexpect, it } from 'vitest';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { CatalogPage } from './pages/CatalogPage';
import { ImportDialog } from './pages/ImportDialog';

let server: WebServer;
let s: Session;
let catalog: CatalogPage;
let dialog: ImportDialog;
type Product = { sku: string; name: string; retailPriceFen: number; minRetailPriceFen: number; stockOnHand: number; prices: { priceFen: number }[] };

beforeAll(async () => {
  server = await startWebServer({ empty: true });
  s = await openBrowser();
  catalog = new CatalogPage(s.page, server.url, server.credentials);
  dialog = new ImportDialog(s.page);
  await catalog.open('catalog');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

/** Fill the downloaded template's product sheet with these rows (the example row replaced) and save it as `name`. */
async function fromTemplate(template: string, rows: (string | number | null)[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0];
  ws.spliceRows(2, 1);
  const header = (ws.getRow(1).values as string[]).slice(1);
  for (const r of rows) ws.addRow(r);
  vexpect(header.length).toBeGreaterThanOrEqual(rows[0].length);
  const file = path.join(s.downloads, name);
  await wb.xlsx.writeFile(file);
  return file;
}

let template = '';
// SKU, 名称, 类目, 规格, 用法, 零售价, 控价, 成本, 重量, 库存, 状态, 7天, then the four level prices
const TEA = ['IMP-TEA', '导入红茶', '食品', '250g/罐', null, '99.90', 89.9, 30, 300, 50, '上架', '是', 69.9, '64.50', 59, 55.55];
const MASK = ['IMP-MASK', '导入面膜', '美妆个护', '5片/盒', null, 59, '49.9', null, null, 120, '下架', '否', 35, 33, null, null];

describe('import products from Excel', () => {
  it('downloads the template: the product columns, a price column per agent level, an example and 说明', async () => {
    await dialog.open('product-import');
    const { path: file, suggested } = await dialog.download('import-template', s.downloads);
    vexpect(suggested).toMatch(/^商品导入模板_.+\.xlsx$/);
    template = file;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    vexpect(wb.worksheets.map((w) => w.name)).toEqual(['商品', '说明']);
    const header = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    vexpect(header.slice(0, 3)).toEqual(['SKU编码', '商品名称', '类目']);
    vexpect(header.slice(-4)).toEqual(['代理价-体验代理', '代理价-银牌代理', '代理价-金牌代理', '代理价-总代理']);
    vexpect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('TEA-001');
  });

  it('imports two new products, which the list then shows with exact prices', async () => {
    await dialog.importFile(await fromTemplate(template, [TEA, MASK], 'two-products.xlsx'));
    await expect(dialog.result()).toContainText('新建 2 个');
    await dialog.close();
    await expect(catalog.rows('products-table')).toHaveCount(2);
    await expect(catalog.cell('products-table', 0, 'sku')).toHaveText('IMP-MASK');
    await expect(catalog.cell('products-table', 1, 'name')).toContainText('导入红茶');
    const { rows } = await server.call<{ rows: Product[] }>('products.list', { sort: 'sku' });
    vexpect(rows.find((p) => p.sku === 'IMP-TEA')).toMatchObject({ retailPriceFen: 9990, minRetailPriceFen: 8990, stockOnHand: 50, prices: [{ priceFen: 6990 }, { priceFen: 6450 }, { priceFen: 5900 }, { priceFen: 5555 }] });
  });

  it('refuses a file with a bad row whole, shows the row and column, and gives an error report', async () => {
    const bad = ['IMP-BAD', '坏商品', '食品', null, null, '十二块', 10, null, null, null, '上架', '是', 8, null, null, null];
    const changedTea = [...TEA];
    changedTea[5] = '109.90';
    await dialog.open('product-import');
    await dialog.importFile(await fromTemplate(template, [changedTea, bad], 'bad-row.xlsx'));
    await expect(dialog.errors()).toContainText('1 行有错误');
    await expect(dialog.issueRows()).toHaveCount(1);
    await expect(dialog.issueRows().first()).toContainText('3');
    await expect(dialog.issueRows().first()).toContainText('建议零售价（元）');
    await expect(dialog.issueRows().first()).toContainText('不是有效金额');

    const { path: report } = await dialog.download('import-report', s.downloads);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0];
    vexpect(ws.getRow(1).getCell(1).value).toBe('行号');
    vexpect(ws.getRow(2).getCell(1).value).toBe(3);
    vexpect(ws.getRow(2).getCell(2).value).toBe('IMP-BAD');
    vexpect(String(ws.getRow(2).getCell(ws.getRow(1).cellCount).value)).toContain('建议零售价（元）：不是有效金额');
    await dialog.close();

    // Nothing was written: not the bad row, nor the good row's new price.
    const { rows, total } = await server.call<{ rows: Product[]; total: number }>('products.list', {});
    vexpect(total).toBe(2);
    vexpect(rows.find((p) => p.sku === 'IMP-TEA')?.retailPriceFen).toBe(9990);
  });

  it('imports a CSV saved by Chinese Excel (GB18030, no BOM) like a workbook', async () => {
    const csv = path.join(s.downloads, '商品.csv');
    const text = 'SKU编码,商品名称,类目,建议零售价（元）,控价（元）,代理价-体验代理\r\nIMP-CSV,导入枸杞,食品,"1,299.00",999,699.5\r\n';
    fs.writeFileSync(csv, iconv.encode(text, 'gb18030'));
    await dialog.open('product-import');
    await dialog.importFile(csv);
    await expect(dialog.result()).toContainText('新建 1 个');
    await dialog.close();
    const { rows } = await server.call<{ rows: Product[] }>('products.list', { search: 'IMP-CSV' });
    vexpect(rows).toMatchObject([{ sku: 'IMP-CSV', name: '导入枸杞', retailPriceFen: 129_900, minRetailPriceFen: 99_900, prices: [{ priceFen: 69_950 }] }]);
    await catalog.search('IMP-CSV');
    await expect(catalog.cell('products-table', 0, 'name')).toContainText('导入枸杞');
  });

  it('refuses a file that is not a workbook with what to do', async () => {
    const csv = path.join(s.downloads, 'products.xlsx');
    fs.writeFileSync(csv, 'SKU编码,商品名称\nA-1,茶\n');
    await dialog.open('product-import');
    await dialog.importFile(csv);
    await expect(dialog.refusal()).toContainText('另存为');
    await dialog.close();
  });

  it('raised no errors in the page', () => {
    // Refused imports answer 400/415; the page shows them, the browser logs the status.
    vexpect(s.errors.filter((e) => !/status of 4(00|15)/.test(e))).toEqual([]);
  });
});
