import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Input, type MethodName, type Output } from '@contract';
import { callerFromSession, takeSession } from '../../src-main/app/session';
import type { Caller } from '../../src-main/app/router';
import { maskPhone } from '../../src-main/domain/accounts/masking';
import { call, errorOf, openTempApp } from './helpers/tempApp';

// Custom roles, data scopes (cs limited to assigned agents) and the audited reveal of one personal value,
// all through the router with callers resolved from real sessions, as the transports do.

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 80, orders: 4_000, seed: 3, until: '2026-06-30' });
}, 60_000);
afterAll(() => app.close());

async function signedIn(login: string, password: string): Promise<Caller> {
  const s = await call(app, 'auth.signIn', { login, password });
  return callerFromSession(app.env, 'test', s.token);
}

/** Call as a transport does: the router, then the transport's session bookkeeping. */
async function as<M extends MethodName>(caller: Caller, method: M, input: Input<M>): Promise<Output<M>> {
  const r = takeSession(method, input, await app.router.call(method, input, caller)).reply;
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { body: r.error });
  return JSON.parse(JSON.stringify(r.data)) as Output<M>; // the payload as it crosses IPC or HTTP
}


describe('custom roles', () => {
  it('are built from the permission list, grant exactly those permissions and are audited', async () => {
    const roles = await call(app, 'roles.list', {});
    expect(roles.filter((r) => r.builtin).map((r) => r.code)).toEqual(['admin', 'cs', 'manager', 'warehouse']);
    expect(roles.find((r) => r.code === 'cs')!.permissions).not.toContain('pii.view');

    const analyst = await call(app, 'roles.save', { name: '数据分析', permissions: ['reports.view', 'system.view'] });
    expect(analyst).toMatchObject({ builtin: false, permissions: ['system.view', 'reports.view'], users: 0 });
    expect(analyst.code).toMatch(/^custom-[0-9a-f]{8}$/);
    await call(app, 'users.create', { login: 'fenxi', name: '分析员', password: 'fenxi-pass-1', roles: [analyst.code] });
    const fenxi = await signedIn('fenxi', 'fenxi-pass-1');
    expect([...fenxi.permissions].sort()).toEqual(['reports.view', 'system.view']);
    expect((await as(fenxi, 'reports.ranking', { from: '2026-06-01', to: '2026-07-01' })).total).toBeGreaterThan(0);
    expect((await errorOf(as(fenxi, 'reports.exportRanking', { from: '2026-06-01', to: '2026-07-01', jobId: 'j' }))).code).toBe('FORBIDDEN');

    // Changing the role changes what its holders may do at their next call (the session cache is cleared).
    const admin = await signedIn('admin', 'demo-1234');
    await as(admin, 'roles.save', { id: analyst.id, name: '数据分析', permissions: ['reports.view', 'reports.export', 'system.view'] });
    expect((await callerFromSession(app.env, 'test', fenxi.sessionToken)).permissions.has('reports.export')).toBe(true);
    const audit = await call(app, 'audit.list', { action: 'role_change' });
    expect(audit.rows[0]).toMatchObject({ target: 'role:数据分析', details: { from: ['system.view', 'reports.view'] } });
  });

  it('refuse a duplicate name, changes to built-in roles, and deleting a role still in use', async () => {
    const roles = await call(app, 'roles.list', {});
    const analyst = roles.find((r) => r.name === '数据分析')!;
    const cs = roles.find((r) => r.code === 'cs')!;
    expect(await errorOf(call(app, 'roles.save', { name: '数据分析', permissions: ['system.view'] }))).toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
    expect((await errorOf(call(app, 'roles.save', { id: cs.id, name: '客服', permissions: ['pii.view'] }))).code).toBe('CONFLICT');
    expect((await errorOf(call(app, 'roles.delete', { id: cs.id, confirm: true }))).code).toBe('CONFLICT');
    expect(await errorOf(call(app, 'roles.save', { name: '空', permissions: [] }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'permissions' }] } });
    expect(await errorOf(call(app, 'roles.delete', { id: analyst.id, confirm: true }))).toMatchObject({ code: 'CONFLICT', details: { users: 1 } });

    const fenxi = (await call(app, 'users.list', {})).find((u) => u.login === 'fenxi')!;
    await call(app, 'users.update', { id: fenxi.id, name: fenxi.name, active: true, roles: ['manager'] });
    await call(app, 'roles.delete', { id: analyst.id, confirm: true });
    expect((await call(app, 'roles.list', {})).some((r) => r.id === analyst.id)).toBe(false);
    expect((await call(app, 'audit.list', { action: 'delete' })).rows[0]).toMatchObject({ target: 'role:数据分析' });
  });
});

describe('data scope: a cs clerk limited to the agents assigned to them', () => {
  let scoped: Caller;
  let mine: Set<string>;

  it('sees only assigned agents, their orders and their ranks', async () => {
    // The demo cs clerk works in a scope, with every fourth agent assigned.
    const kefu = (await call(app, 'users.list', {})).find((u) => u.login === 'kefu')!;
    expect(kefu).toMatchObject({ agentScope: 'assigned' });
    expect(kefu.assignedAgents).toBeGreaterThan(5);
    scoped = await signedIn('kefu', 'demo-1234');

    const all = await call(app, 'agents.list', { pageSize: 200 });
    const seen = await as(scoped, 'agents.list', { pageSize: 200 });
    expect(seen.total).toBe(kefu.assignedAgents);
    expect(seen.total).toBeLessThan(all.total);
    expect(seen.rows.every((a) => a.csUserId === kefu.id && a.csName === kefu.name)).toBe(true);
    mine = new Set(seen.rows.map((a) => a.id));
    expect((await as(scoped, 'system.info', {})).counts.agents).toBe(kefu.assignedAgents); // the workbench figures too
    expect((await call(app, 'agents.list', { pageSize: 200, csUserId: kefu.id })).total).toBe(kefu.assignedAgents);

    const orders = await as(scoped, 'orders.list', { pageSize: 200 });
    expect(orders.total).toBeGreaterThan(0);
    expect(orders.total).toBeLessThan((await call(app, 'orders.list', {})).total);
    expect(orders.rows.every((o) => mine.has(o.agentId))).toBe(true);

    const other = (await call(app, 'orders.list', { pageSize: 200 })).rows.find((o) => !mine.has(o.agentId))!;
    expect((await errorOf(as(scoped, 'orders.get', { id: other.id }))).code).toBe('NOT_FOUND');

    // Ranking and its export follow the same scope for a scoped user who may see reports.
    const kefuUser = (await call(app, 'users.list', {})).find((u) => u.login === 'kefu')!;
    await call(app, 'users.update', { id: kefuUser.id, name: kefuUser.name, active: true, roles: ['cs', 'manager'], agentScope: 'assigned' });
    const withReports = await signedIn('kefu', 'demo-1234');
    const ranking = await as(withReports, 'reports.ranking', { from: '2026-01-01', to: '2026-07-01', pageSize: 200 });
    const full = await call(app, 'reports.ranking', { from: '2026-01-01', to: '2026-07-01', pageSize: 200 });
    expect(ranking.total).toBeGreaterThan(0);
    expect(ranking.total).toBeLessThan(full.total);
    expect(ranking.rows.every((r) => mine.has(r.agentId))).toBe(true);
    expect(ranking.rows.map((r) => r.rank)).toEqual(ranking.rows.map((_r, i) => i + 1));
    const exported = await as(withReports, 'reports.exportRanking', { from: '2026-01-01', to: '2026-07-01', jobId: 'scoped-export' });
    expect(exported.rows).toBe(ranking.total);
    expect((await call(app, 'audit.list', { action: 'export' })).rows[0]).toMatchObject({ userLogin: 'kefu', details: { scoped: true, masked: true } });
  });

  it('assigning agents is one admin action that changes what the clerk sees', async () => {
    const kefu = (await call(app, 'users.list', {})).find((u) => u.login === 'kefu')!;
    const unassigned = await call(app, 'agents.list', { pageSize: 3, csUserId: 'none' });
    expect(await call(app, 'agents.assign', { agentIds: unassigned.rows.map((a) => a.id), csUserId: kefu.id })).toEqual({ updated: 3 });
    const seen = await as(scoped, 'agents.list', { pageSize: 200 });
    expect(seen.total).toBe(kefu.assignedAgents + 3);
    // Unknown agents: nothing is assigned, and the reply says why.
    const e = await errorOf(call(app, 'agents.assign', { agentIds: [unassigned.rows[0].id, 'no-such-agent'], csUserId: null }));
    expect(e.code).toBe('NOT_FOUND');
    expect((await as(scoped, 'agents.list', { pageSize: 200 })).total).toBe(kefu.assignedAgents + 3);
    expect((await errorOf(as(scoped, 'agents.assign', { agentIds: [unassigned.rows[0].id], csUserId: null }))).code).toBe('FORBIDDEN');
  });

  it('reveals one full value in scope, audited; out of scope is NOT_FOUND; manager may not reveal', async () => {
    const agent = (await as(scoped, 'agents.list', { pageSize: 1 })).rows[0];
    const full = (await call(app, 'agents.list', { search: agent.code, pageSize: 1 })).rows[0];
    expect(agent.phone).toBe(maskPhone(full.phone));
    expect(await as(scoped, 'pii.reveal', { entity: 'agent', id: agent.id, field: 'phone' })).toEqual({ value: full.phone });
    expect((await call(app, 'audit.list', { action: 'reveal' })).rows[0]).toMatchObject({ userLogin: 'kefu', target: `agent:${agent.code}`, details: { field: 'phone' } });

    const order = (await as(scoped, 'orders.list', { kind: 'dropship', pageSize: 1 })).rows[0];
    const fullOrder = await call(app, 'orders.get', { id: order.id });
    expect(order.receiverAddress).toBe('***');
    expect(await as(scoped, 'pii.reveal', { entity: 'order', id: order.id, field: 'address' })).toEqual({ value: fullOrder.receiverAddress });

    const outside = (await call(app, 'agents.list', { pageSize: 200 })).rows.find((a) => !mine.has(a.id) && a.csUserId !== scoped.user!.id)!;
    expect((await errorOf(as(scoped, 'pii.reveal', { entity: 'agent', id: outside.id, field: 'name' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(as(scoped, 'pii.reveal', { entity: 'agent', id: agent.id, field: 'address' as 'name' }))).code).toBe('VALIDATION_FAILED');
    const jingli = await signedIn('jingli', 'demo-1234');
    expect((await errorOf(as(jingli, 'pii.reveal', { entity: 'agent', id: agent.id, field: 'phone' }))).code).toBe('FORBIDDEN');
  });
});

// The attack: a custom role holding only accounts.manage made itself admin, created an admin account,
// widened its own role to every permission, and reset the admin's password to sign in as admin.
describe('accounts.manage grants only what its holder has', () => {
  let guanli: Caller;
  let roleId: string;
  let roleCode: string;
  const users = async () => call(app, 'users.list', {});
  const user = async (login: string) => (await users()).find((u) => u.login === login)!;

  beforeAll(async () => {
    const role = await call(app, 'roles.save', { name: '账号管理', permissions: ['accounts.manage'] });
    roleId = role.id;
    roleCode = role.code;
    await call(app, 'users.create', { login: 'guanli', name: '账号管理员', password: 'guanli-pass-1', roles: [roleCode] });
    guanli = await signedIn('guanli', 'guanli-pass-1');
  });

  it('1: may not change its own roles, nor give anyone a role with permissions it lacks', async () => {
    const self = await user('guanli');
    const own = await errorOf(as(guanli, 'users.update', { id: self.id, name: self.name, active: true, roles: [roleCode, 'admin'] }));
    expect(own).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/your own roles/) });
    const jingli = await user('jingli');
    const other = await errorOf(as(guanli, 'users.update', { id: jingli.id, name: jingli.name, active: true, roles: ['admin'] }));
    expect(other).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('reports.view') });
    expect(other.details).toMatchObject({ missing: expect.arrayContaining(['reports.view', 'system.view']) });
    expect((await user('guanli')).roles).toEqual([roleCode]);
    expect((await user('jingli')).roles).toEqual(['manager']);
  });

  it('2: may not create an admin account', async () => {
    const e = await errorOf(as(guanli, 'users.create', { login: 'newadmin', name: '新管理员', password: 'newadmin-pass-1', roles: ['admin'] }));
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('catalog.cost'), details: { missing: expect.arrayContaining(['catalog.cost', 'pii.view']) } });
    expect((await users()).some((u) => u.login === 'newadmin')).toBe(false);
  });

  it('3: may not widen its own role (or any role) past its own permissions', async () => {
    const e = await errorOf(as(guanli, 'roles.save', { id: roleId, name: '账号管理', permissions: [...PERMISSIONS] }));
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { missing: PERMISSIONS.filter((p) => p !== 'accounts.manage') } });
    expect((await errorOf(as(guanli, 'roles.save', { name: '全能', permissions: ['pii.view', 'accounts.manage'] }))).details).toMatchObject({ missing: ['pii.view'] });
    expect((await call(app, 'roles.list', {})).find((r) => r.id === roleId)!.permissions).toEqual(['accounts.manage']);
  });

  it('4: may not reset the password of (or deactivate) an account that can do more, so it cannot sign in as admin', async () => {
    const admin = await user('admin');
    const e = await errorOf(as(guanli, 'users.resetPassword', { id: admin.id, password: 'taken-over-1' }));
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/resetting the password of admin .*catalog\.cost/) });
    expect((await errorOf(call(app, 'auth.signIn', { login: 'admin', password: 'taken-over-1' }))).code).toBe('UNAUTHENTICATED');
    expect((await call(app, 'auth.signIn', { login: 'admin', password: 'demo-1234' })).user.login).toBe('admin');
    expect((await errorOf(as(guanli, 'users.update', { id: admin.id, name: admin.name, active: false, roles: admin.roles }))).code).toBe('FORBIDDEN');
    expect((await user('admin')).active).toBe(true);
  });

  it('may still create and manage accounts within its own permissions, audited; assignments are audited too', async () => {
    await as(guanli, 'users.create', { login: 'zhuli', name: '助理', password: 'zhuli-pass-1', roles: [roleCode] });
    const zhuli = await user('zhuli');
    await as(guanli, 'users.resetPassword', { id: zhuli.id, password: 'zhuli-pass-2' });
    expect((await call(app, 'audit.list', { action: 'account_create' })).rows[0]).toMatchObject({
      userLogin: 'guanli',
      target: 'zhuli',
      details: { roles: [roleCode], agentScope: 'all' },
    });
    const agents = (await call(app, 'agents.list', { pageSize: 2 })).rows.map((a) => a.id);
    await as(guanli, 'agents.assign', { agentIds: agents, csUserId: zhuli.id });
    expect((await call(app, 'audit.list', { action: 'agents_assign' })).rows[0]).toMatchObject({ userLogin: 'guanli', target: 'zhuli', details: { agents: 2 } });

    // A manager limited to assigned agents hands out only that limited scope.
    const self = await user('guanli');
    await call(app, 'users.update', { id: self.id, name: self.name, active: true, roles: [roleCode], agentScope: 'assigned' });
    const scoped = await signedIn('guanli', 'guanli-pass-1');
    expect(await errorOf(as(scoped, 'users.create', { login: 'zhuli2', name: '助理2', password: 'zhuli-pass-1', roles: [roleCode] }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { field: 'agentScope' },
    });
    await as(scoped, 'users.create', { login: 'zhuli2', name: '助理2', password: 'zhuli-pass-1', roles: [roleCode], agentScope: 'assigned' });

    // ... and cannot widen its own view by assigning agents outside it to itself: refused like missing ones, nothing changed.
    const outside = (await call(app, 'agents.list', { csUserId: 'none', pageSize: 3 })).rows.map((a) => a.id);
    expect(await errorOf(as(scoped, 'agents.assign', { agentIds: outside, csUserId: self.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'agents.list', { csUserId: self.id })).total).toBe(0);
  });
});

describe('deletions are audited', () => {
  it('clearing all business data writes a delete entry with what was there', async () => {
    const before = await call(app, 'system.info', {});
    await call(app, 'system.startEmpty', { confirm: true });
    const entry = (await call(app, 'audit.list', { action: 'delete' })).rows[0];
    expect(entry).toMatchObject({ target: 'all business data', details: { agents: before.counts.agents, orders: before.counts.orders } });
  });
});
