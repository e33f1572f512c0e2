import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@contract';
import { exportRanking } from '../../src-main/domain/reports/exportRanking';
import { call, openHandmadeApp, tempDir } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
beforeAll(async () => {
  app = await openHandmadeApp();
});
afterAll(() => app.close());

describe('ranking export (.xlsx through exceljs streaming writer)', () => {
  it('writes a styled ranking sheet and a summary sheet that read back with the same figures', async () => {
    const events: ProgressEvent[] = [];
    app.env.events.on((e) => events.push(e));
    const res = await call(app, 'reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', jobId: 'test-export-1' });
    expect(res.rows).toBe(4);
    expect(res.fileName).toMatch(/^分销商排行_2026-03-01_2026-03-07_.+\.xlsx$/);
    const file = path.join(app.env.exportsDir, res.fileName);
    expect(fs.statSync(file).size).toBe(res.bytes);
    expect(events.at(-1)).toMatchObject({ jobId: 'test-export-1', phase: 'done', done: 4, total: 4 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分销商排行', '汇总']);
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '代理编号', '代理', '等级', '订单数', '进货额', '件数', '客单价', '退款', '运费']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const rows = [2, 3, 4, 5].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [1, 'A002', '李四', '银牌代理', 1, 432, 13, 432, 28, 12],
      [2, 'A003', '王五', '体验代理', 3, 170, 5, 56.67, 0, 5],
      [3, 'A005', `'=HYPERLINK("http://x")`, '体验代理', 1, 170, 5, 170, 0, 0], // formula text made inert
      [4, 'A001', '张三', '体验代理', 2, 90, 3, 45, 50, 8],
    ]);
    expect(ws.getRow(2).getCell(6).numFmt).toBe('"¥"#,##0.00');
    expect(ws.getRow(2).getCell(8).numFmt).toBe('"¥"#,##0.00');
    expect(ws.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    // Chinese text counts double: the name column is at least as wide as its longest name.
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(24);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(10);

    const summary = Object.fromEntries(
      wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(summary).toMatchObject({ 开始日期: '2026-03-01', '结束日期（含）': '2026-03-07', 代理数: 4, 订单数: 7, '进货额（已扣退款）': 862, 客单价: 123.14 });
  });

  it('a cancelled export fails with CANCELLED and leaves no file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.xlsx');
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(exportRanking(app.env.analytics, { from: '2026-03-01', to: '2026-03-08', metric: 'amount', filters: {}, compare: false }, file, { signal: ctrl.signal, masked: false, scope: null })).rejects.toThrow(
      /cancelled/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an empty period still gives a valid workbook with its header and zero totals', async () => {
    const res = await call(app, 'reports.exportRanking', { from: '2020-01-01', to: '2020-01-02', jobId: 'test-export-2' });
    expect(res.rows).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    expect(wb.getWorksheet('分销商排行')!.rowCount).toBe(1);
  });
});
