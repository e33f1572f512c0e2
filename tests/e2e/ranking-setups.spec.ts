// Journey: a manager chooses the ranking's columns, exports it and reads the file back (the columns the table
// shows, in its order, names masked for a role without pii.view); saves the setup, changes the screen, re-opens
// the setup in one click and exports it from the menu; deletes it after a confirmation.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { METRICS, type Output } from '@contract';
import { expect } from './support/expect';
import { DEMO_TODAY, startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { ReportsPage } from './pages/ReportsPage';

let server: WebServer;
let s: Session;
let reports: ReportsPage;
type Ranking = Output<'reports.ranking'>;
const JINGLI = { login: 'jingli', password: 'demo-1234' };
const SETUP = '订单数排行（测试）';

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser({ today: DEMO_TODAY });
  reports = new ReportsPage(s.page, server.url, JINGLI);
  await reports.open('reports');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('分销商排行')!;
  const summary = new Map((wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]]));
  return { ws, headers: (ws.getRow(1).values as unknown[]).slice(1), summary };
}
/** The table's header texts, left to right. */
const screenHeaders = () => s.page.getByTestId('ranking-table').locator('thead th[data-col-key]').allInnerTexts();
let exportedHeaders: unknown[] = [];

describe('ranking export with chosen columns, and saved report setups', () => {
  it('exports the columns chosen on the screen, in its order, and the file reads back with the same rows', async () => {
    await expect(reports.table().first()).toBeVisible();
    await reports.choosePreset('last-365-days');
    await reports.rankBy(METRICS.orders.name['zh-CN']);
    await reports.toggleColumns('signals', 'growth', 'sellThrough', 'returnRate', 'shippingFee');
    await expect(reports.header('returnRate')).toHaveCount(1);
    await expect(reports.header('growth')).toHaveCount(0);
    const shown = (await screenHeaders()).map((h) => h.trim());

    const { path, suggested } = await reports.exportRanking(s.downloads);
    expect(suggested).toMatch(/^分销商排行_.*\.xlsx$/);
    const { ws, headers, summary } = await readBack(path);
    // The file has the table's columns in the table's order, plus the previous rank beside the movement.
    expect(headers.filter((h) => h !== '上期排名')).toEqual(shown);
    expect(headers).toContain(METRICS.returnRate.name['zh-CN']);
    expect(headers).not.toContain(METRICS.growth.name['zh-CN']);
    const period = await reports.shownPeriod();
    const api = await server.call<Ranking>('reports.ranking', { ...period, metric: 'orders', compare: true, pageSize: 5 });
    expect(ws.rowCount).toBe(api.total + 1);
    const row = ws.getRow(2);
    const col = (name: string) => headers.indexOf(name) + 1;
    expect(row.getCell(col('代理编号')).value).toBe(api.rows[0].agentCode);
    expect(row.getCell(col('订单数')).value).toBe(api.rows[0].values.orders);
    expect(row.getCell(col('进货额')).value).toBe(api.rows[0].values.amount / 100);
    expect(row.getCell(col('进货额')).numFmt).toContain('¥');
    expect(row.getCell(col('代理')).value).toMatch(/^.\*+$/); // a manager sees names masked, in the file too
    expect(summary.get('排序指标')).toBe('订单数');
    expect(summary.get('统计区间')).toBe('近365天');
    expect(summary.get('个人信息')).toBe('已脱敏（无查看个人信息权限）');
    expect(String(summary.get('生成人'))).toContain('jingli');
    exportedHeaders = headers;
  });

  it('saves the setup, re-opens it in one click after the screen changed, and exports it from the menu', async () => {
    await reports.saveSetup(SETUP);
    await expect(reports.message().filter({ hasText: `已保存方案「${SETUP}」` })).toBeVisible();
    // Change what the setup holds: another period, metric and columns.
    await reports.choosePreset('last-30-days');
    await reports.rankBy(METRICS.amount.name['zh-CN']);
    await reports.toggleColumns('returnRate', 'growth');
    await expect(reports.header('returnRate')).toHaveCount(0);

    const replied = reports.nextRanking();
    await reports.openSetup(SETUP);
    const asked = JSON.parse((await replied).request().postData() ?? '{}') as { metric: string; from: string };
    expect(asked.metric).toBe('orders');
    await expect(s.page.getByTestId('ranking-metric')).toContainText(METRICS.orders.name['zh-CN']);
    await expect(s.page.getByTestId('period-preset')).toContainText('近365天');
    await expect(reports.header('returnRate')).toHaveCount(1);
    await expect(reports.header('growth')).toHaveCount(0);

    const { path } = await reports.exportSetup(SETUP, s.downloads);
    const { headers, summary } = await readBack(path);
    expect(headers).toEqual(exportedHeaders);
    expect(summary.get('报表方案')).toBe(SETUP);
    expect(summary.get('统计区间')).toBe('近365天');
    await expect(s.page.getByTestId('period-preset')).toContainText('近365天');
  });

  it('deletes the setup after a confirmation', async () => {
    await reports.deleteSetup(SETUP);
    await expect(reports.message().filter({ hasText: `已删除方案「${SETUP}」` })).toBeVisible();
    await reports.openSetupsMenu();
    await expect(reports.setupItem(SETUP)).toHaveCount(0);
    await expect(s.page.getByTestId('ranking-setups-menu')).toContainText('还没有保存的方案');
    const audit = await server.call<{ rows: { action: string; target: string; userLogin: string }[] }>('audit.list', { action: 'report_setup' });
    expect(audit.rows.map((r) => [r.target, r.userLogin])).toEqual([[`reportSetup:${SETUP}`, 'jingli']]);
  });

  it('raised no errors in the page', () => {
    expect(s.errors).toEqual([]);
  });
});
