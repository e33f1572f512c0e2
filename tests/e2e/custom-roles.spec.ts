// Journey (accounts): an admin builds a custom role from the permission list, gives it to a new account
// limited to its assigned agents, and that account sees exactly what the role and the scope allow.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import type { Output } from '@contract';
import { startWebServer, type WebServer } from './support/server';
import { openBrowser, type Session } from './support/browser';
import { AppShell } from './pages/AppShell';

const CLERK = { login: 'shouhou', password: 'shouhou-pass-1' };
let server: WebServer;
let s: Session;
let app: AppShell;

beforeAll(async () => {
  server = await startWebServer();
  s = await openBrowser();
  app = new AppShell(s.page, server.url);
});
afterAll(async () => {
  await s?.close();
  await server?.stop();
});

const roleRow = (code: string) => s.page.getByTestId(`role-row-${code}`);

describe('custom roles and data scopes', () => {
  it('an admin creates a role from the permission list', async () => {
    await app.open('users');
    await s.page.getByTestId('tab-roles').click();
    await expect(roleRow('cs')).toContainText('内置');
    await s.page.getByTestId('role-new').click();
    const dialog = s.page.getByTestId('role-dialog');
    await dialog.getByTestId('role-save').click();
    await expect(dialog.getByTestId('role-field-name')).toContainText('请填写角色名称');
    await expect(dialog.getByTestId('role-field-permissions')).toContainText('请至少选择一项权限');
    await s.page.getByTestId('role-name').fill('售后专员');
    for (const p of ['system.view', 'orders.view', 'pii.reveal']) await dialog.getByTestId(`perm-${p}`).click();
    await dialog.getByTestId('role-save').click();
    await expect(dialog).toBeHidden();
    const roles = await server.call<Output<'roles.list'>>('roles.list');
    const role = roles.find((r) => r.name === '售后专员')!;
    expect(role.permissions).toEqual(['system.view', 'orders.view', 'pii.reveal']);
    await expect(roleRow(role.code)).toContainText('逐条显示个人信息');
  });

  it('gives it to a new account limited to assigned agents; the role cannot be deleted while in use', async () => {
    const role = (await server.call<Output<'roles.list'>>('roles.list')).find((r) => r.name === '售后专员')!;
    await s.page.getByTestId('tab-users').click();
    await s.page.getByTestId('user-new').click();
    await s.page.getByTestId('user-login').fill(CLERK.login);
    await s.page.getByTestId('user-name').fill('售后小李');
    await s.page.getByTestId('user-password').fill(CLERK.password);
    await s.page.getByTestId('user-roles').click();
    await s.page.getByTestId(`user-role-${role.code}`).click();
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('user-scope-assigned').click();
    await s.page.getByTestId('user-save').click();
    await expect(s.page.getByTestId('user-dialog')).toBeHidden();
    const row = app.rows('users-table').filter({ hasText: CLERK.login });
    await expect(row).toContainText('售后专员');
    await expect(row.locator('td[data-col-key="agentScope"]')).toHaveText('分配的 0 个代理');

    await s.page.getByTestId('tab-roles').click();
    await expect(roleRow(role.code).locator('td[data-col-key="users"]')).toHaveText('1');
    await expect(roleRow(role.code).getByTestId('role-delete')).toBeDisabled();
  });

  it('the account sees only orders of its assigned agents, and nothing its role lacks', async () => {
    const users = await server.call<Output<'users.list'>>('users.list');
    const clerk = users.find((u) => u.login === CLERK.login)!;
    // Two unassigned agents that surely have orders (not every demo agent orders): taken from the orders.
    const unassigned = new Set((await server.call<Output<'agents.list'>>('agents.list', { csUserId: 'none', pageSize: 500 })).rows.map((a) => a.id));
    const orders = await server.call<Output<'orders.list'>>('orders.list', { pageSize: 500 });
    const agents = [...new Map(orders.rows.filter((o) => unassigned.has(o.agentId)).map((o) => [o.agentId, o.agentCode])).entries()].slice(0, 2);
    expect(agents).toHaveLength(2);
    await server.call('agents.assign', { agentIds: agents.map(([id]) => id), csUserId: clerk.id });
    const codes = agents.map(([, code]) => code);

    await app.signOut();
    await app.signIn(CLERK);
    await expect(app.nav('orders')).toBeVisible();
    for (const area of ['catalog', 'agents', 'reports', 'users', 'audit'] as const) await expect(app.nav(area)).toHaveCount(0);
    const listed = s.page.waitForResponse((r) => r.url().endsWith('/api/call/orders.list'));
    await app.go('orders');
    const reply = (await (await listed).json()) as { data: Output<'orders.list'> };
    expect(reply.data.rows.length).toBeGreaterThan(0);
    // The table shows the clerk's reply (not an earlier list) before its cells are read.
    await expect(app.cell('orders-table', 0, 'orderNo')).toHaveText(reply.data.rows[0].orderNo);
    const shown = await app.rows('orders-table').locator('td[data-col-key="agent"]').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expect(codes.some((c) => text.includes(c))).toBe(true);

    const refused = await s.page.evaluate(async () => {
      const r = await fetch('/api/call/agents.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' }, body: '{}' });
      return { status: r.status, body: await r.json() };
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', details: { permission: 'agents.view' } } } });
  });

  it('after the account loses the role, the admin deletes it and the audit log has both steps', async () => {
    await app.signOut();
    await app.signIn(server.credentials);
    const users = await server.call<Output<'users.list'>>('users.list');
    const clerk = users.find((u) => u.login === CLERK.login)!;
    await server.call('users.update', { id: clerk.id, name: clerk.name, active: true, roles: ['cs'], agentScope: 'assigned' });
    const role = (await server.call<Output<'roles.list'>>('roles.list')).find((r) => r.name === '售后专员')!;

    await app.go('users');
    await s.page.getByTestId('tab-roles').click();
    await roleRow(role.code).getByTestId('role-delete').click();
    await app.confirm();
    await expect(roleRow(role.code)).toHaveCount(0);
    const audit = await server.call<Output<'audit.list'>>('audit.list', {});
    expect(audit.rows.find((r) => r.action === 'delete')).toMatchObject({ target: 'role:售后专员', userLogin: 'admin' });
    expect(audit.rows.find((r) => r.action === 'role_change' && r.target === 'role:售后专员')).toBeTruthy();
  });

  it('a tracking number opens the courier page in a new browser tab on click, never inside the app', async () => {
    // Offline here: the courier site is answered locally, so the test proves where the click goes.
    await s.page.context().route('https://m.kuaidi100.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>kuaidi100</title>' }));
    await app.go('orders');
    // The newest orders may all be pending (no tracking number yet), depending on the day the demo ends:
    // list the completed ones, which every demo history has, and take the number the filtered reply carries.
    const filtered = s.page.waitForResponse((r) => r.url().endsWith('/api/call/orders.list') && r.request().postDataJSON()?.status === 'completed');
    await app.choose('filter-status', '已完成');
    const reply = (await (await filtered).json()) as { data: Output<'orders.list'> };
    const number = reply.data.rows[0]?.trackingNo;
    expect(number).toBeTruthy();
    const link = app.cell('orders-table', 0, 'tracking').getByTestId('tracking-link');
    await expect(link).toHaveText(number!);
    const opening = s.page.context().waitForEvent('page');
    await link.click();
    const tab = await opening;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`https://m.kuaidi100.com/result.jsp?nu=${encodeURIComponent(number!)}`);
    expect(await tab.evaluate(() => window.opener)).toBeNull(); // noopener: the page cannot reach back into the app
    await tab.close();
    await expect(s.page).toHaveURL(/#\/orders/);
  });
});
