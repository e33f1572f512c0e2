// Journey: a manager picks a period, sees the distributor ranking and exports it to Excel.
import fs from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Output } from '@contract';
import { expect } from './support/expect';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { ReportsPage } from './pages/ReportsPage';

let server: WebServer;
let s: Session;
let reports: ReportsPage;
type Ranking = Output<'reports.ranking'>;

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser();
  reports = new ReportsPage(s.page, server.url, server.credentials);
  await reports.open('reports');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('distributor ranking', () => {
  it('shows the same figures as the API for the last 365 days', async () => {
    await reports.choosePreset('last-365-days');
    const period = await reports.shownPeriod();
    const api = await server.call<Ranking>('reports.ranking', { ...period, pageSize: 50 });
    expect(api.total).toBeGreaterThan(100);
    await expect(reports.cell('ranking-table', 0, 'agentCode')).toHaveText(api.rows[0].agentCode);
    await expect(reports.cell('ranking-table', 0, 'amount')).toHaveText(yuan(api.rows[0].values.amount));
    await expect(reports.cell('ranking-table', 1, 'agentCode')).toHaveText(api.rows[1].agentCode);
    await expect(s.page.getByTestId('ranking-totals')).toContainText(yuan(api.totals.amount));
    await expect(s.page.getByTestId('ranking-totals')).toContainText(api.totals.orders.toLocaleString('en-US'));
  });

  it('exports it to an .xlsx that opens with the same rows and a summary', async () => {
    const period = await reports.shownPeriod();
    // The screen compares with the previous period by default, and so does its export.
    const api = await server.call<Ranking>('reports.ranking', { ...period, compare: true, pageSize: 500 });
    const { path, suggested } = await reports.exportRanking(s.downloads);
    expect(suggested).toMatch(/^分销商排行_.*\.xlsx$/);
    await expect(reports.message()).toContainText(String(api.total));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.rowCount).toBe(api.total + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (const i of [0, 1, api.rows.length - 1]) {
      const r = api.rows[i];
      const cells = (ws.getRow(i + 2).values as unknown[]).slice(1, 8);
      // The same words as the screen's movement column (持平 for unchanged).
      const movement = r.prevRank === null ? '新上榜' : r.movement! > 0 ? `↑${r.movement}` : r.movement! < 0 ? `↓${-r.movement!}` : '持平';
      // The screen's default columns: the ranked metric first, then level, province…
      expect(cells).toEqual([r.rank, r.prevRank ?? undefined, movement, r.agentCode, r.agentName, r.values.amount / 100, r.levelName]);
    }
    expect(ws.getRow(2).getCell(6).numFmt).toContain('¥');
    const summary = new Map(
      (wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]]),
    );
    expect(summary.get('开始日期')).toBe(period.from);
    expect(summary.get('代理数')).toBe(api.totals.agents);
    expect(summary.get('订单数')).toBe(api.totals.orders);
  });

  it('records the export in the audit log, where an admin sees who, what and how many rows', async () => {
    const audit = await server.call<{ rows: { details: { rows: number; masked: boolean } }[] }>('audit.list', { action: 'export' });
    expect(audit.rows).toHaveLength(1);
    await reports.go('audit');
    await expect(reports.cell('audit-table', 0, 'action')).toHaveText('导出');
    await expect(reports.cell('audit-table', 0, 'target')).toHaveText('分销商排行'); // the list by name, not the method
    await expect(reports.cell('audit-table', 0, 'details')).toContainText(`${audit.rows[0].details.rows} 行`);
    await reports.go('reports');
  });

  it('shows progress on a long export and can cancel it, leaving no file', async () => {
    // Long enough to be cancelled deterministically: about 55,000 ranked agents, written 2,000 rows between
    // two progress events, so after the first event more than 25 batches are left while the click and the
    // cancel request take a few. The cancel must find the job running (cancelled: true): an export that
    // finished first would fail here instead of passing as "cancelled".
    await server.reset({ agents: 100_000, lines: 400_000, seed: 5 });
    await s.page.reload();
    await reports.choosePreset('last-365-days');
    await expect(reports.rows('ranking-table').first()).toBeVisible();
    const exportsDir = join(server.dataDir, 'exports');
    const files = () => (fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir) : []).filter((f) => f.startsWith('分销商排行_'));
    const before = files();
    let downloaded = false;
    s.page.on('download', () => (downloaded = true));
    const exported = s.page.waitForResponse((r) => r.url().endsWith('/api/call/reports.exportRanking'));
    const cancelled = s.page.waitForResponse((r) => r.url().endsWith('/api/call/jobs.cancel'));
    await s.page.getByTestId('export-ranking').click();
    // The first progress event: the job is running on the server, its rows are being written.
    await expect(s.page.getByTestId('export-progress')).toContainText(/[\d,]+ \/ [\d,]+/);
    await s.page.getByTestId('export-progress-cancel').click();
    expect(await (await cancelled).json()).toMatchObject({ ok: true, data: { cancelled: true } });
    const reply = await exported;
    expect(reply.status()).toBe(409);
    expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await expect(reports.message()).toContainText('已取消');
    await expect(s.page.getByTestId('export-progress')).toHaveCount(0);
    expect(downloaded).toBe(false);
    expect(files()).toEqual(before); // the partial file is gone
  }, 300_000);

  it('raised no errors in the page', () => {
    expect(s.errors.filter((e) => !/status of 409/.test(e))).toEqual([]); // the cancelled export answers 409
  });
});
