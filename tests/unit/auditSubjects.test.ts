// The audit log names what each entry is about: the agent (code and name, masked without pii.view, only in
// the caller's scope), the product (SKU and name), the account, the level of a level price, the list exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryRow, Input, MethodName, Output } from '@contract';
import { callerFromSession, takeSession } from '../../src-main/app/session';
import type { Caller } from '../../src-main/app/router';
import { appendAudits } from '../../src-main/domain/accounts/audit';
import { AUDIT_TARGETS } from '../../src-main/domain/accounts/auditSubjects';
import { call, openTempApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openTempApp>>;
let admin: Caller;

async function signedIn(login: string, password = 'demo-1234'): Promise<Caller> {
  const s = await call(app, 'auth.signIn', { login, password });
  return callerFromSession(app.env, 'test', s.token);
}
async function as<M extends MethodName>(caller: Caller, method: M, input: Input<M>): Promise<Output<M>> {
  const r = takeSession(method, input, await app.router.call(method, input, caller)).reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as Output<M>;
}
const latest = async (caller: Caller, action: AuditEntryRow['action']) => (await as(caller, 'audit.list', { action })).rows[0];

beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 120, orders: 2_000, seed: 5, until: '2026-06-30' });
  admin = await signedIn('admin');
}, 60_000);
afterAll(() => app.close());

describe('audit subjects', () => {
  it('a price change names the product and the level of each level price', async () => {
    const [p] = (await as(admin, 'products.list', { pageSize: 1 })).rows;
    const levels = await as(admin, 'levels.list', {});
    const gold = levels[2];
    const prices = [...p.prices.filter((x) => x.levelId !== gold.id), { levelId: gold.id, priceFen: Math.min(p.retailPriceFen, 1234) }];
    await as(admin, 'products.update', { ...p, expectedUpdatedAt: p.updatedAt, prices });
    const e = await latest(admin, 'price_change');
    expect(e.subject).toEqual({ kind: 'product', code: p.sku, name: p.name, agentName: null });
    expect(e.levelNames).toEqual({ [gold.id]: '金牌代理' });
  });

  it('a reveal names the agent: in full with pii.view, masked without it, not at all outside the scope', async () => {
    const kefu = await signedIn('kefu');
    const [agent] = (await as(kefu, 'agents.list', { pageSize: 1 })).rows;
    await as(kefu, 'pii.reveal', { entity: 'agent', id: agent.id, field: 'phone' });
    const full = (await as(admin, 'agents.list', { search: agent.code, pageSize: 1 })).rows[0];
    expect((await latest(admin, 'reveal')).subject).toEqual({ kind: 'agent', code: agent.code, name: null, agentName: full.name });

    const role = await as(admin, 'roles.save', { name: '审计员', permissions: ['audit.view'] });
    await as(admin, 'users.create', { login: 'shenji', name: '审计甲', password: 'audit-pass-1', roles: [role.code] });
    await as(admin, 'users.create', { login: 'shenji2', name: '审计乙', password: 'audit-pass-1', roles: [role.code], agentScope: 'assigned' });
    const masked = (await latest(await signedIn('shenji', 'audit-pass-1'), 'reveal')).subject;
    expect(masked).toMatchObject({ kind: 'agent', code: agent.code });
    expect(masked!.agentName).not.toBe(full.name);
    expect(masked!.agentName!.startsWith(full.name[0])).toBe(true);
    expect((await latest(await signedIn('shenji2', 'audit-pass-1'), 'reveal')).subject).toEqual({ kind: 'agent', code: agent.code, name: null, agentName: null });
  });

  it('names accounts by login and name, roles, backups, exported lists, all data and settings', async () => {
    const actor = { userId: null, userLogin: 'local' };
    await appendAudits(app.env.db, [
      { ...actor, action: 'export', target: 'reports.ranking' },
      { ...actor, action: 'export', target: 'audit.list' },
      { ...actor, action: 'delete', target: 'dropship-2026-06-01-120000.sqlite', details: { kind: 'backup' } },
      { ...actor, action: 'delete', target: AUDIT_TARGETS.allData },
      { ...actor, action: 'settings_change', target: AUDIT_TARGETS.settings },
      { ...actor, action: 'export', target: 'something.new' },
    ]);
    const subjects = async (action: AuditEntryRow['action']) => (await as(admin, 'audit.list', { action })).rows.map((r) => r.subject);
    expect(await subjects('export')).toEqual(expect.arrayContaining([
      { kind: 'ranking', code: '', name: null, agentName: null },
      { kind: 'auditLog', code: '', name: null, agentName: null },
      null, // an unknown target: the screen shows it as recorded
    ]));
    expect(await subjects('delete')).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'backup', code: 'dropship-2026-06-01-120000.sqlite' }),
      expect.objectContaining({ kind: 'allData' }),
    ]));
    expect((await latest(admin, 'settings_change')).subject).toMatchObject({ kind: 'settings' });
    expect((await latest(admin, 'account_create')).subject).toEqual({ kind: 'account', code: 'shenji2', name: '审计乙', agentName: null });
    expect((await latest(admin, 'role_change')).subject).toMatchObject({ kind: 'role', code: '审计员' });
  });
});
