// Journey (data scopes and personal data): a cs clerk scoped to their assigned agents sees only those, masked,
// and reveals one phone (full value only in that reply, audited); an admin assigns agents to the clerk through
// the dialog; a manager, who may not reveal, gets no eye button.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import type { Agent, AuditEntryRow, StaffUser } from '@contract';
import { startWebServer, DEMO_ADMIN, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { AgentsPage } from './pages/AgentsPage';

const CS = { login: 'kefu', password: 'demo-1234' };
const MANAGER = { login: 'jingli', password: 'demo-1234' };
const MASKED_PHONE = /^1\d\d\*{4}\d{4}$/;

let server: WebServer;
let s: Session;
let app: AgentsPage;
let kefu: StaffUser;
/** Bodies of the API replies the page received, by method. */
const replies: { method: string; body: string }[] = [];

type Page<R> = { rows: R[]; total: number };
const staff = async (login: string) => (await server.call<StaffUser[]>('users.list')).find((u) => u.login === login)!;
/** The server's view as admin (pii.view: unmasked), sorted like the screen's default. */
const adminAgents = (input: Record<string, unknown>) => server.call<Page<Agent>>('agents.list', { sort: 'code', order: 'asc', pageSize: 50, ...input });

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser();
  app = new AgentsPage(s.page, server.url, CS);
  kefu = await staff('kefu');
  s.page.on('response', async (r) => {
    const m = r.url().match(/\/api\/call\/([\w.]+)$/);
    if (m) replies.push({ method: m[1], body: await r.text().catch(() => '') });
  });
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('data scopes and revealing personal data', () => {
  it('a scoped cs clerk sees only their assigned agents, masked, with a note saying so', async () => {
    const mine = await adminAgents({ csUserId: kefu.id });
    const all = await adminAgents({ pageSize: 1 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(kefu.agentScope).toBe('assigned');

    await app.open('agents');
    await expect(app.table().first()).toBeVisible();
    await expect(app.scopeNote()).toHaveText(`仅显示分配给您的代理（共 ${mine.total} 个）`);
    await expect(app.totalText()).toContainText(`共 ${mine.total} 条`);
    // Virtual scrolling renders the first rows only: they are the clerk's, in the same order.
    const shown = await app.codes();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown).toEqual(mine.rows.slice(0, shown.length).map((a) => a.code));
    // A scoped clerk gets neither the staff filter nor the assign button.
    await expect(s.page.getByTestId('filter-cs')).toHaveCount(0);
    await expect(s.page.getByTestId('assign-open')).toHaveCount(0);

    const phones = await app.table().locator('td[data-col-key="phone"] [data-testid="pii-value"]').allInnerTexts();
    expect(phones).toHaveLength(shown.length);
    for (const p of phones) expect(p).toMatch(MASKED_PHONE);
    const names = await app.table().locator('td[data-col-key="name"] [data-testid="pii-value"]').allInnerTexts();
    for (const n of names) expect(n).toMatch(/^.\*+$/u);
    await expect(app.eye(0, 'phone')).toBeVisible();
  });

  it('the eye reveals one phone in full, from the keyboard; only the reveal reply carries it', async () => {
    const full = (await adminAgents({ csUserId: kefu.id })).rows[0];
    expect(full.phone).toMatch(/^1\d{10}$/);
    const revealed = s.page.waitForResponse((r) => r.url().endsWith('/api/call/pii.reveal'));
    await app.eye(0, 'phone').focus();
    // The eye's hint comes from the layout's one tooltip, on keyboard focus as on hover.
    await expect(s.page.locator('.n-tooltip').filter({ hasText: '查看完整信息会记入审计日志' })).toBeVisible();
    await s.page.keyboard.press('Enter');
    const reply = await (await revealed).text();

    const cell = app.cell('agents-table', 0, 'phone');
    await expect(cell.getByTestId('pii-full')).toHaveText(full.phone);
    await expect(cell.getByTestId('pii-full')).toBeFocused();
    await expect(s.page.locator('.n-tooltip').filter({ hasText: '已显示完整信息' })).toBeVisible();
    await expect(app.eye(0, 'phone')).toHaveCount(0);
    // Other rows stay masked.
    await expect(app.cell('agents-table', 1, 'phone').getByTestId('pii-value')).toHaveText(MASKED_PHONE);

    expect(reply).toContain(full.phone);
    const lists = replies.filter((r) => r.method === 'agents.list');
    expect(lists.length).toBeGreaterThan(0);
    for (const l of lists) {
      expect(l.body).not.toContain(full.phone);
      expect(l.body).not.toMatch(/"phone":"1\d{10}"/);
    }
    expect(lists.some((l) => /"phone":"1\d\d\*{4}\d{4}"/.test(l.body))).toBe(true);
  });

  it('orders show receivers masked with the eye; the order detail reveals a receiver phone', async () => {
    await app.go('orders');
    await expect(app.rows('orders-table').first()).toBeVisible();
    await expect(app.cell('orders-table', 0, 'receiverName').getByRole('button', { name: '显示完整信息' })).toBeVisible();
    await app.rows('orders-table').first().getByTestId('order-toggle').click();
    const phone = s.page.getByTestId('detail-phone');
    await expect(phone.getByTestId('pii-value')).toHaveText(MASKED_PHONE);
    await phone.getByRole('button', { name: '显示完整信息' }).click();
    await expect(phone.getByTestId('pii-full')).toHaveText(/^1\d{10}$/);
  });

  it('the admin finds the reveal by kefu in the audit log', async () => {
    const entries = await server.call<Page<AuditEntryRow>>('audit.list', { action: 'reveal', login: 'kefu' });
    const agent = (await adminAgents({ csUserId: kefu.id })).rows[0];
    const agentCode = agent.code;
    expect(entries.rows.map((e) => e.target)).toContain(`agent:${agentCode}`);
    expect(entries.rows.find((e) => e.target === `agent:${agentCode}`)!.details).toMatchObject({ field: 'phone' });

    await app.signOut();
    await app.signIn(DEMO_ADMIN);
    await app.go('audit');
    await app.choose('filter-action', '查看完整个人信息');
    await expect(app.cell('audit-table', 0, 'action')).toHaveText('查看完整个人信息');
    const users = await app.rows('audit-table').locator('td[data-col-key="userLogin"]').allInnerTexts();
    expect(users.length).toBe(2); // the agent phone and the receiver phone
    expect(new Set(users)).toEqual(new Set(['kefu']));
    // The object names the agent by code and name (the admin sees names in full), not by an internal id.
    await expect(app.rows('audit-table').locator('td[data-col-key="target"]', { hasText: `代理 ${agentCode} ${agent.name}` })).toHaveCount(1);
    await expect(app.rows('audit-table').locator('td[data-col-key="target"]', { hasText: 'agent:' })).toHaveCount(0);
  });

  it('an admin assigns two unassigned agents to 演示客服 through the dialog', async () => {
    const before = (await staff('kefu')).assignedAgents;
    const unassigned = await adminAgents({ csUserId: 'none', pageSize: 1 });
    expect(unassigned.total).toBeGreaterThan(2);

    await app.go('agents');
    await expect(app.table().first()).toBeVisible();
    // Full values for the admin (pii.view): no eye anywhere.
    await expect(app.table().getByTestId('pii-reveal')).toHaveCount(0);
    await expect(app.cell('agents-table', 0, 'phone')).toHaveText(/^1\d{10}$/);
    await expect(s.page.getByTestId('assign-open')).toBeDisabled();

    await app.choose('filter-cs', '未分配');
    await expect(app.totalText()).toContainText(`共 ${unassigned.total} 条`);
    const codes = (await app.codes()).slice(0, 2);
    await app.selectRow(0);
    await app.selectRow(1);
    await expect(s.page.getByTestId('agents-selected')).toHaveText('已选 2 个');
    await app.assignTo('kefu');
    await expect(app.message()).toContainText('已将 2 个代理分配给 演示客服');

    // The list (still filtered to unassigned) reloads without them; the selection is gone.
    await expect(app.totalText()).toContainText(`共 ${unassigned.total - 2} 条`);
    await expect(s.page.getByTestId('assign-open')).toBeDisabled();
    expect((await staff('kefu')).assignedAgents).toBe(before + 2);
    const nowMine = (await server.call<Page<Agent>>('agents.list', { csUserId: kefu.id, pageSize: 500 })).rows.map((a) => a.code);
    for (const c of codes) expect(nowMine).toContain(c);
  });

  it('a manager, who may not reveal, sees masked data and no eye button', async () => {
    await app.signOut();
    await app.signIn(MANAGER);
    await app.go('agents');
    await expect(app.table().first()).toBeVisible();
    await expect(app.cell('agents-table', 0, 'phone')).toHaveText(MASKED_PHONE);
    await expect(app.table().getByTestId('pii-reveal')).toHaveCount(0);
    await expect(s.page.getByRole('button', { name: '显示完整信息' })).toHaveCount(0);
    await expect(s.page.getByTestId('assign-open')).toHaveCount(0);
    await expect(app.scopeNote()).toHaveCount(0);
  });

  it('no console errors along the way', () => {
    expect(s.errors).toEqual([]);
  });
});
