import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-cli-'));

describe('CLI journey: call, demo, export ranking, import products', () => {
  it('answers `call` with JSON and uses --data-dir', () => {
    const r = cli(['call', 'levels.list', '{}', '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).map((l: { code: string }) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(fs.existsSync(path.join(dataDir, 'dropship.sqlite'))).toBe(true);
  });

  it('exits non-zero with the error code on bad input', () => {
    const r = cli(['call', 'products.create', '{"sku":""}', '--data-dir', dataDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error VALIDATION_FAILED: /m);
    expect(r.stderr).toContain('"path": "sku"');
    const bad = cli(['call', 'levels.list', '{not json', '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/VALIDATION_FAILED: the input is not valid JSON/);
    expect(cli(['call', 'no.such', '{}', '--data-dir', dataDir]).stderr).toMatch(/UNKNOWN_METHOD/);
  });

  it('reads the data directory from DROPSHIP_DATA_DIR too', () => {
    const r = cli(['call', 'system.info'], { DROPSHIP_DATA_DIR: dataDir });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dataDir).toBe(dataDir);
  });

  it('builds demo data deterministically per seed', () => {
    const run = () => cli(['demo', '--agents', '80', '--orders', '3000', '--seed', '7', '--until', '2026-06-30', '--data-dir', dataDir]);
    const a = run();
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ agents: 80, lines: 3000 });
    const first = cli(['call', 'orders.list', '{"pageSize":5}', '--data-dir', dataDir]).stdout;
    run();
    expect(cli(['call', 'orders.list', '{"pageSize":5}', '--data-dir', dataDir]).stdout).toBe(first);
  });

  it('rebuilds the analytics rollups from the demo facts, with progress, and explains its usage', () => {
    const r = cli(['analytics', 'rebuild', '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.agentDays).toBeGreaterThan(100);
    expect(result).toMatchObject({ productDays: expect.any(Number), agentSkuDays: expect.any(Number), ms: expect.any(Number) });
    expect(r.stderr).toMatch(/rebuild rollups/);
    expect(cli(['analytics', 'nonsense', '--data-dir', dataDir]).stderr).toMatch(/^error USAGE: analytics rebuild/m);
  });

  it('exports the ranking to an .xlsx that matches the ranking call', async () => {
    const out = path.join(dataDir, 'out', 'ranking.xlsx');
    const r = cli(['export', 'ranking', '--from', '2026-01-01', '--to', '2026-07-01', '--out', out, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    const { rows } = JSON.parse(r.stdout);
    const ranking = JSON.parse(cli(['call', 'reports.ranking', '{"from":"2026-01-01","to":"2026-07-01","pageSize":500}', '--data-dir', dataDir]).stdout);
    expect(rows).toBe(ranking.total);
    expect(rows).toBeGreaterThan(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.rowCount).toBe(rows + 1);
    expect(ws.getRow(2).getCell(2).value).toBe(ranking.rows[0].agentCode);
    const amount = (ws.getRow(1).values as unknown[]).indexOf('进货额');
    expect(ws.getRow(2).getCell(amount).value).toBe(ranking.rows[0].values.amount / 100);
  });

  it('exports by a period preset and metric, and by a saved report setup', async () => {
    const byPreset = cli(['export', 'ranking', '--period', 'last-30-days', '--by', 'frequency', '--lang', 'en', '--out', path.join(dataDir, 'out', 'p.xlsx'), '--data-dir', dataDir]);
    expect(byPreset.status, byPreset.stderr).toBe(0);
    const wb0 = new ExcelJS.Workbook();
    await wb0.xlsx.readFile(path.join(dataDir, 'out', 'p.xlsx'));
    expect((wb0.getWorksheet('Distributor ranking')!.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['Rank', 'Agent code', 'Agent', 'Purchase frequency']);
    expect(new Map((wb0.getWorksheet('Summary')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]])).get('Period')).toBe('Last 30 days');

    const spec = { metric: 'orders', period: { kind: 'range', from: '2026-01-01', to: '2026-07-01' }, columns: ['amount', 'province'], compare: false };
    const saved = cli(['call', 'reportSetups.save', JSON.stringify({ id: 'cli-setup-1', name: '上半年订单', spec }), '--data-dir', dataDir]);
    expect(saved.status, saved.stderr).toBe(0);
    const out = path.join(dataDir, 'out', 'setup.xlsx');
    const r = cli(['export', 'ranking', '--setup', '上半年订单', '--out', out, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('分销商排行')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['排名', '代理编号', '代理', '订单数', '进货额', '省份']);
    expect(ws.rowCount).toBe(JSON.parse(r.stdout).rows + 1);
    const summary = new Map((wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean) as unknown[][]).map((x) => [x[1], x[2]]));
    expect(summary.get('报表方案')).toBe('上半年订单');
    expect(summary.get('开始日期')).toBe('2026-01-01');

    const missing = cli(['export', 'ranking', '--setup', '没有这个', '--out', out, '--data-dir', dataDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error NOT_FOUND: no report setup named "没有这个"; saved setups: 上半年订单/m);
  });

  it('exports the product sales report and the dormant list in English with --locale en', async () => {
    const out = path.join(dataDir, 'out', 'products-en.xlsx');
    const r = cli(['export', 'products', '--period', 'last-90-days', '--locale', 'en', '--out', out, '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Product sales', 'Summary']);
    expect((wb.getWorksheet('Product sales')!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['SKU', 'Product', 'Category']);
    const dormant = path.join(dataDir, 'out', 'dormant-en.xlsx');
    const d = cli(['export', 'dormant', '--locale', 'en', '--out', dormant, '--data-dir', dataDir]);
    expect(d.status, d.stderr).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(dormant);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['Dormant agents', 'Summary']);
    const bad = cli(['export', 'dormant', '--locale', 'fr', '--out', dormant, '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/VALIDATION_FAILED.*locale/);
  });

  it('says clearly when the file to import does not exist', () => {
    const r = cli(['import', 'products', path.join(dataDir, 'no-such.xlsx'), '--data-dir', dataDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error NOT_FOUND: no file at .*no-such\.xlsx/m);
  });

  it('imports products from an .xlsx, and refuses a file with a bad row naming the row, the column and the error report', async () => {
    const xlsx = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('商品').addRows([['SKU编码', '商品名称', '类目', '建议零售价（元）', '控价（元）'], ...rows]);
      const file = path.join(dataDir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const ok = cli(['import', 'products', await xlsx('ok.xlsx', [['CLI-1', '命令行红茶', '食品', '19.90', 15], ['CLI-2', '命令行绿茶', '食品', 29, '25.5']]), '--data-dir', dataDir]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 2, created: 2, updated: 0 });
    const listed = JSON.parse(cli(['call', 'products.list', '{"search":"CLI-2"}', '--data-dir', dataDir]).stdout);
    expect(listed.rows[0]).toMatchObject({ sku: 'CLI-2', retailPriceFen: 2900, minRetailPriceFen: 2550 });

    const bad = cli(['import', 'products', await xlsx('bad.xlsx', [['CLI-1', '命令行红茶', '食品', '二十', 15]]), '--data-dir', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('row 2, 建议零售价（元）: 不是有效金额');
    expect(bad.stderr).toMatch(/^error IMPORT_ROW_INVALID: /m);
    const report = /^error report: (.+)$/m.exec(bad.stderr)?.[1];
    expect(report && fs.existsSync(report)).toBe(true);
    expect(JSON.parse(cli(['call', 'products.list', '{"search":"CLI-1"}', '--data-dir', dataDir]).stdout).rows[0].retailPriceFen).toBe(1990);
  });

  it('refuses an export without --out and explains usage', () => {
    const r = cli(['export', 'ranking', '--from', '2026-01-01', '--to', '2026-02-01', '--data-dir', dataDir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out FILE.xlsx is required/);
  });
});
