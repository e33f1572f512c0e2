// Journey (data scope in analytics): an analyst account whose role includes the ranking but which is limited
// to its assigned agents sees only those agents on the ranking, the dashboard and agent pages; another
// agent's page is not found. (Built-in cs lacks reports.view, so the role is a custom one.)
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import type { Output } from '@contract';
import { DEMO_TODAY, startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { ReportsPage } from './pages/ReportsPage';
import { AgentPage } from './pages/AgentPage';
import { WorkbenchPage } from './pages/WorkbenchPage';

const ANALYST = { login: 'fenxi', password: 'fenxi-pass-1' };
let server: WebServer;
let s: Session;
/** The analyst's agents (assigned below) and one agent of somebody else's. */
let mine: Set<string>;
let other: { id: string; code: string };

beforeAll(async () => {
  server = await startWebServer();
  // The screens count the last 30 days back from today: today is the day after the demo's last one.
  s = await openBrowser({ today: DEMO_TODAY });
  // Set up through the API as an admin: the role and account screens have their own spec (custom-roles).
  const role = await server.call<Output<'roles.save'>>('roles.save', { name: '区域分析', permissions: ['system.view', 'agents.view', 'orders.view', 'reports.view'] });
  await server.call('users.create', { login: ANALYST.login, name: '分析小王', password: ANALYST.password, roles: [role.code], agentScope: 'assigned' });
  const analyst = (await server.call<Output<'users.list'>>('users.list')).find((u) => u.login === ANALYST.login)!;
  // Twenty agents who ordered recently (so they rank and count), taken from the newest orders.
  const orders = await server.call<Output<'orders.list'>>('orders.list', { pageSize: 500, counted: true });
  const ids = [...new Set(orders.rows.map((o) => o.agentId))];
  const picked = ids.slice(0, 20);
  await server.call('agents.assign', { agentIds: picked, csUserId: analyst.id });
  mine = new Set(picked);
  const o = orders.rows.find((r) => !mine.has(r.agentId))!;
  other = { id: o.agentId, code: o.agentCode };
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('a scoped analyst in the analytics screens', () => {
  it('ranks only their agents', async () => {
    const reports = new ReportsPage(s.page, server.url, ANALYST);
    const replied = reports.nextRanking();
    await reports.open('reports', ANALYST);
    const ranking = ((await (await replied).json()) as { data: Output<'reports.ranking'> }).data;
    expect(ranking.rows.length).toBeGreaterThan(0);
    for (const r of ranking.rows) expect(mine.has(r.agentId)).toBe(true);
    await expect(reports.table().first()).toBeVisible();
    const codes = await reports.table().locator('td[data-col-key="agentCode"]').allInnerTexts();
    expect(codes).not.toContain(other.code);
    // Virtual scrolling draws the rows in view: they are the reply's first ones.
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toEqual(ranking.rows.slice(0, codes.length).map((r) => r.agentCode));
    // No staff filter for someone who sees only their own agents.
    await expect(s.page.getByTestId('ranking-filter-cs')).toHaveCount(0);
  });

  it('opens their agent\'s page; another agent\'s page is not found', async () => {
    const agent = new AgentPage(s.page, server.url, ANALYST);
    const own = [...mine][0];
    await agent.openAgent(own);
    await expect(agent.code()).toBeVisible();
    await expect(agent.monthlyChart().locator('svg').first()).toBeVisible();

    const refused = s.page.waitForResponse((r) => r.url().endsWith('/api/call/agents.metrics'));
    await agent.openAgent(other.id);
    expect(((await (await refused).json()) as { ok: boolean; error: { code: string } }).error.code).toBe('NOT_FOUND');
    await expect(agent.notFound()).toBeVisible();
    await expect(s.page.getByTestId('agent-header')).toHaveCount(0);
  });

  it('sees a dashboard of their agents only', async () => {
    const wb = new WorkbenchPage(s.page, server.url, ANALYST);
    const replied = wb.nextDashboard();
    await wb.go('workbench');
    const d = ((await (await replied).json()) as { data: Output<'analytics.dashboard'> }).data;
    await expect(wb.dashboard().getByTestId('dashboard-funnel')).toBeVisible();
    expect(d.topAgents.length).toBeGreaterThan(0);
    for (const a of d.topAgents) expect(mine.has(a.agentId)).toBe(true);
    for (const a of d.stockPiling.rows) expect(mine.has(a.agentId)).toBe(true);
    expect(d.agentCounts.active).toBeLessThanOrEqual(mine.size);
    const admin = await server.call<Output<'analytics.dashboard'>>('analytics.dashboard', d.period);
    expect(d.funnel.current.amount).toBeLessThan(admin.funnel.current.amount);
    await expect(wb.topAgents()).toHaveCount(d.topAgents.length);
  });

  it('raised no errors in the page but the refused agent', () => {
    expect(s.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
