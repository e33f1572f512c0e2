// Journey (analytics): a manager ranks distributors by purchase frequency over the last 30 days, sees how
// each moved against the previous 30 days (↑ / ↓ / 新上榜), reads a metric's definition, picks the columns
// (remembered across a reload), and opens an agent's page from the ranking, where its charts draw its data.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { METRICS, type Output } from '@contract';
import { DEMO_TODAY, startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { noteAskedBeforeMount } from './support/askedBeforeMount';
import { ReportsPage } from './pages/ReportsPage';
import { AgentPage } from './pages/AgentPage';

let server: WebServer;
let s: Session;
let reports: ReportsPage;
type Ranking = Output<'reports.ranking'>;

beforeAll(async () => {
  server = await startWebServer();
  // The screens count the last 30 days back from today: today is the day after the demo's last one.
  s = await openBrowser({ today: DEMO_TODAY });
  reports = new ReportsPage(s.page, server.url, server.credentials);
  await reports.open('reports');
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

/** What the movement column must say for a row: the same rule as the screen's, spelled out. */
const movementText = (r: Ranking['rows'][number]) =>
  r.prevRank === null ? '新上榜' : r.movement! > 0 ? `↑${r.movement}` : r.movement! < 0 ? `↓${-r.movement!}` : '持平';

describe('distributor ranking by any metric', () => {
  it('a sidebar click asks for the ranking before the screen mounts, once (the screen takes that reply)', async () => {
    await expect(reports.table().first()).toBeVisible();
    await s.page.getByTestId('nav-settings').click();
    await s.page.locator('.page-title').filter({ hasText: '设置' }).waitFor();
    const asked = await noteAskedBeforeMount(s.page, 'reports.ranking', 'ranking-table');
    await s.page.getByTestId('nav-reports').click();
    await expect(reports.table().first()).toBeVisible();
    expect(await asked()).toEqual([false]);
  });

  it('ranks by purchase frequency for the last 30 days, with movement against the previous period', async () => {
    await expect(reports.table().first()).toBeVisible();
    await reports.choosePreset('last-30-days');
    const replied = reports.nextRanking();
    await reports.rankBy(METRICS.frequency.name['zh-CN']);
    const body = (await (await replied).json()) as { data: Ranking };
    const period = await reports.shownPeriod();
    // The page asked for what it shows: frequency, the last 30 days, compared (on by default).
    const api = await server.call<Ranking>('reports.ranking', { ...period, metric: 'frequency', compare: true, pageSize: 50 });
    expect(body.data.rows.map((r) => r.agentCode)).toEqual(api.rows.map((r) => r.agentCode));
    expect(api.rows.length).toBeGreaterThan(10);
    // Sorted by frequency, best first.
    const values = api.rows.map((r) => r.value ?? -1);
    expect([...values].sort((a, b) => b - a)).toEqual(values);

    await expect(reports.header('frequency')).toContainText(METRICS.frequency.name['zh-CN']);
    for (const i of [0, 1, 2, 5, 9]) {
      await expect(reports.cell('ranking-table', i, 'agentCode')).toHaveText(api.rows[i].agentCode);
      await expect(reports.cell('ranking-table', i, 'movement')).toHaveText(movementText(api.rows[i]));
    }
    // Real movement over a real month of demo orders: some rose, some fell, some are new.
    const shown = await reports.table().locator('td[data-col-key="movement"]').allInnerTexts();
    expect(shown.some((t) => t.startsWith('↑'))).toBe(true);
    expect(shown.some((t) => t.startsWith('↓'))).toBe(true);
    await expect(reports.cell('ranking-table', api.rows.findIndex((r) => (r.movement ?? 0) > 0), 'movement').locator('span')).toHaveClass(/tone-up/);
  });

  it('explains a metric in its header tooltip, from the contract', async () => {
    await s.page.getByTestId('metric-title-frequency').hover();
    await expect(s.page.locator('.n-tooltip').filter({ hasText: METRICS.frequency.definition['zh-CN'] })).toBeVisible();
  });

  it('shows ¥ for money, % for ratios and — for empty values', async () => {
    const period = await reports.shownPeriod();
    const api = await server.call<Ranking>('reports.ranking', { ...period, metric: 'frequency', compare: true, pageSize: 50 });
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    await expect(reports.cell('ranking-table', 0, 'amount')).toHaveText(yuan(api.rows[0].values.amount));
    const st = api.rows[0].values.sellThrough;
    await expect(reports.cell('ranking-table', 0, 'sellThrough')).toHaveText(st === null ? '—' : /%$/);
  });

  it('remembers the chosen columns for this user across a reload', async () => {
    await expect(reports.header('growth')).toHaveCount(1);
    await reports.toggleColumns('growth', 'recency');
    await expect(reports.header('growth')).toHaveCount(0);
    await expect(reports.header('recency')).toHaveCount(1);
    await s.page.reload();
    await expect(reports.table().first()).toBeVisible();
    await expect(reports.header('recency')).toHaveCount(1);
    await expect(reports.header('growth')).toHaveCount(0);
  });

  it('opens an agent\'s page from the ranking: its header, figures and charts with its data', async () => {
    // The reload started the screen afresh (ranked by purchase amount): rank by frequency again.
    await reports.rankBy(METRICS.frequency.name['zh-CN']);
    const period = await reports.shownPeriod();
    const top = (await server.call<Ranking>('reports.ranking', { ...period, metric: 'frequency', compare: true, pageSize: 1 })).rows[0];
    await expect(reports.cell('ranking-table', 0, 'agentCode')).toHaveText(top.agentCode);
    await reports.cell('ranking-table', 0, 'agentName').getByTestId('agent-link').click();
    await expect(s.page).toHaveURL(new RegExp(`#/agents/${top.agentId}\\?from=${period.from}&to=${period.to}`));

    const agent = new AgentPage(s.page, server.url);
    const m = await server.call<Output<'agents.metrics'>>('agents.metrics', { agentId: top.agentId, ...period });
    await expect(agent.code()).toHaveText(top.agentCode);
    await expect(agent.name()).toHaveText(m.agent.name);
    await expect(agent.figure('orders').getByTestId('figure-value')).toHaveText(m.current.orders.toLocaleString('en-US'));
    await expect(s.page.getByTestId('period-text')).toContainText(period.from);

    // The monthly chart: one bar per month, drawn in SVG; ECharts' aria description lists the data it drew.
    const months = m.monthly.filter((x) => x.amount > 0);
    expect(months.length).toBeGreaterThan(0);
    const svg = agent.chartSvg(agent.monthlyChart());
    await expect(svg).toBeVisible();
    const described = await agent.monthlyChart().locator('[aria-label]').first().getAttribute('aria-label');
    expect(described).toContain(months[months.length - 1].month);
    expect(described).toContain(String(months[months.length - 1].amount));
    // Interval histogram for an agent with at least two orders (the most frequent one has).
    expect(m.intervals.length).toBeGreaterThan(0);
    await expect(agent.chartSvg(agent.intervalChart())).toBeVisible();
    // The agent's orders of the period.
    await expect(agent.orders().first()).toBeVisible();
  });

  it('raised no errors in the page', () => {
    expect(s.errors).toEqual([]);
  });
});
