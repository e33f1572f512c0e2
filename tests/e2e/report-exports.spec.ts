// Journey: a manager exports an agent's statement (对账单) from the agent page and the dormant-agent list from
// the reports screen, and both files open with the figures the API gives.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Output } from '@contract';
import { addDays, monthStart, todayIn } from '@contract/days';
import { expect } from './support/expect';
import { DEMO_TODAY, startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { AgentPage } from './pages/AgentPage';
import { ReportExportsPage } from './pages/ReportExportsPage';

let server: WebServer;
let s: Session;

beforeAll(async () => {
  server = await startWebServer();
  // The page's today is the demo's (E2E_DEMO_UNTIL moves both), so the months and days below hold on any day.
  s = await openBrowser({ today: DEMO_TODAY });
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

const read = async (path: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
};
/** Labelled values (column 1 → column 2) of a sheet. */
const pairs = (ws: ExcelJS.Worksheet) =>
  new Map(Array.from(ws.getSheetValues(), (r): [unknown, unknown] => (Array.isArray(r) ? [r[1], r[2]] : [undefined, undefined])).filter(([k]) => typeof k === 'string'));

describe('report exports', () => {
  it('exports last month’s statement from the agent page, with the month’s figures of the analytics', async () => {
    const today = DEMO_TODAY ?? todayIn('Asia/Shanghai');
    const month = { from: monthStart(today, -1), to: monthStart(today) };
    const top = await server.call<Output<'reports.ranking'>>('reports.ranking', { ...month, pageSize: 1 });
    const agent = top.rows[0];
    const page = new AgentPage(s.page, server.url, server.credentials);
    await page.open('agents');
    await page.openAgent(agent.agentId);
    await expect(page.code()).toHaveText(agent.agentCode);
    const { path, suggested } = await page.exportStatement(s.downloads);
    expect(suggested).toMatch(new RegExp(`^对账单_${month.from.slice(0, 7)}_${agent.agentCode}_.+\\.xlsx$`));
    const wb = await read(path);
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.worksheets[0].name.startsWith(agent.agentCode)).toBe(true);
    const t = pairs(wb.worksheets[0]);
    expect(t.get('订单数（不含已取消）')).toBe(agent.values.orders);
    expect(t.get('进货额（货款−退款，同分析口径）')).toBeCloseTo(agent.values.amount / 100, 2);
    expect(t.get('运费')).toBeCloseTo(agent.values.shippingFee / 100, 2);
    expect(t.get('退款')).toBeCloseTo(agent.values.refund / 100, 2);
  });

  it('exports the dormant list from the reports screen: the agents the dashboard counts as dormant today', async () => {
    const today = DEMO_TODAY ?? todayIn('Asia/Shanghai');
    const dash = await server.call<Output<'analytics.dashboard'>>('analytics.dashboard', { from: today, to: addDays(today, 1) });
    const page = new ReportExportsPage(s.page, server.url, server.credentials);
    await page.go('reports');
    await page.openTab();
    const { path, suggested } = await page.export('export-dormant', s.downloads);
    expect(suggested).toMatch(new RegExp(`^沉睡代理_${today}_.+\\.xlsx$`));
    // This export's message: the statement's of the test above may still be showing.
    await expect(page.message().filter({ hasText: '沉睡代理_' })).toContainText('已导出');
    const wb = await read(path);
    const ws = wb.getWorksheet('沉睡代理')!;
    expect(ws.rowCount - 1).toBe(dash.agentCounts.dormant);
    expect(ws.getRow(1).values).toContain('流失风险');
    expect(pairs(wb.getWorksheet('汇总')!).get('截至日期（含）')).toBe(today);
    // The export is audited with what left.
    const audit = await server.call<{ rows: { target: string; details: { rows: number } }[] }>('audit.list', { action: 'export' });
    expect(audit.rows.map((r) => r.details.rows)).toContain(dash.agentCounts.dormant);
  });

  it('in English, the product sales report comes in English: the user’s language goes with the export', async () => {
    const page = new ReportExportsPage(s.page, server.url, server.credentials);
    await page.go('reports');
    await page.openTab();
    await page.langSwitch().click();
    await expect(s.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(s.page.getByTestId('export-product-sales')).toHaveText('Export');
    const { path, suggested } = await page.export('export-product-sales', s.downloads);
    expect(suggested).toMatch(/^Product_sales_.+\.xlsx$/);
    const wb = await read(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Product sales', 'Summary']);
    expect((wb.getWorksheet('Product sales')!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['SKU', 'Product', 'Category']);
    expect(pairs(wb.getWorksheet('Summary')!).get('Report')).toBe('Product sales report');
    await page.langSwitch().click();
    await expect(s.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});
