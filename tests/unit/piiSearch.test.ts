import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Input, MethodName, Order, Output } from '@contract';
import { callerFromSession, takeSession } from '../../src-main/app/session';
import type { Caller } from '../../src-main/app/router';
import { maskWechat } from '../../src-main/domain/accounts/masking';
import { initialsOf } from '../../src-main/domain/common/pinyin';
import { whereAgentMatches } from '../../src-main/domain/agents/list';
import { call, errorOf, openTempApp } from './helpers/tempApp';

// Searching by a masked field must not confirm what the mask hides: a manager (no pii.view) recovered
// 134****4037 in full with 5–7 digit prefix searches. Replayed here as manager and as the scoped cs clerk.

let app: Awaited<ReturnType<typeof openTempApp>>;
let agents: Agent[]; // in full, as the admin (pii.view) sees them
let manager: Caller;
let clerk: Caller;
let admin: Caller;

async function signedIn(login: string): Promise<Caller> {
  const s = await call(app, 'auth.signIn', { login, password: 'demo-1234' });
  return callerFromSession(app.env, 'test', s.token);
}

async function as<M extends MethodName>(caller: Caller, method: M, input: Input<M>): Promise<Output<M>> {
  const r = takeSession(method, input, await app.router.call(method, input, caller)).reply;
  if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { body: r.error });
  return r.data as Output<M>;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const agentIds = (rows: Order[]) => rows.map((r) => r.agentId);
/** Agents the search finds for `caller` (one page is enough for the demo's 120 agents). */
const found = async (caller: Caller, search: string) => ids((await as(caller, 'agents.list', { search, pageSize: 200 })).rows);

beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 120, orders: 3_000, seed: 11, until: '2026-06-30' });
  admin = await signedIn('admin');
  manager = await signedIn('jingli');
  clerk = await signedIn('kefu');
  agents = (await as(admin, 'agents.list', { pageSize: 200 })).rows;
}, 60_000);
afterAll(() => app.close());

/** A 3-character name whose 2-character prefix no other agent has as their whole name. */
const withLongName = (pool: Agent[]) => pool.find((a) => [...a.name].length === 3 && !agents.some((b) => b.name === a.name.slice(0, 2)))!;

describe.each([
  ['manager', () => manager, () => agents],
  ['scoped cs', () => clerk, () => agents.filter((a) => a.csUserId === clerk.user!.id)],
] as const)('agents.list search as %s (no pii.view)', (_who, who, pool) => {
  it('recovers no phone digit from prefixes; the whole number and the last 4 still find', async () => {
    const target = pool()[0];
    for (const n of [5, 6, 7, 10]) expect(await found(who(), target.phone.slice(0, n))).not.toContain(target.id);
    expect(await found(who(), target.phone)).toContain(target.id);
    expect(await found(who(), target.phone.slice(-4))).toContain(target.id);
  });

  it('confirms no hidden name character by a name prefix or pinyin initials; the whole name and the surname still find', async () => {
    const target = withLongName(pool());
    expect(await found(who(), target.name.slice(0, 2))).not.toContain(target.id);
    for (const n of [1, 2, 3]) expect(await found(who(), initialsOf(target.name).slice(0, n))).not.toContain(target.id);
    expect(await found(who(), target.name)).toContain(target.id);
    expect(await found(who(), [...target.name][0])).toContain(target.id); // the mask shows the surname
  });

  it('sees WeChat IDs masked and finds one only by the whole ID', async () => {
    const target = pool()[0];
    const seen = (await as(who(), 'agents.list', { search: target.code, pageSize: 1 })).rows[0];
    expect(seen.wechatId).toBe(maskWechat(target.wechatId));
    expect(seen.wechatId).not.toBe(target.wechatId);
    expect(await found(who(), target.wechatId.slice(0, -1))).not.toContain(target.id);
    expect(await found(who(), target.wechatId)).toContain(target.id);
  });

  it('reveals a WeChat ID in full only through the audited pii.reveal (cs may reveal, the manager may not)', async () => {
    const target = pool()[0];
    const reply = await app.router.call('pii.reveal', { entity: 'agent', id: target.id, field: 'wechat' }, who());
    if (!who().permissions.has('pii.reveal')) return void expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(reply).toEqual({ ok: true, data: { value: target.wechatId } });
    expect((await as(admin, 'audit.list', { action: 'reveal' })).rows[0]).toMatchObject({ target: `agent:${target.code}`, details: { field: 'wechat' } });
  });

  it('still searches agent codes by prefix, and counts only what it returns', async () => {
    const target = pool()[0];
    const page = await as(who(), 'agents.list', { search: target.code.slice(0, -1), pageSize: 200 });
    expect(ids(page.rows)).toContain(target.id);
    const prefix = await as(who(), 'agents.list', { search: target.phone.slice(0, 7), pageSize: 200 });
    expect(prefix.total).toBe(prefix.rows.length);
  });

  it('refuses to sort by the masked name (the order would leak it); code sorts', async () => {
    expect(await errorOf(as(who(), 'agents.list', { sort: 'name' }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'sort' }] } });
    expect((await as(who(), 'agents.list', { sort: 'code' })).total).toBeGreaterThan(0);
  });

  it('orders.list: no agent name/phone prefix and no receiver name/phone prefix finds an order', async () => {
    const mine = new Set(ids(pool()));
    const order = (await as(admin, 'orders.list', { pageSize: 200, kind: 'dropship' })).rows.find((o) => mine.has(o.agentId))!;
    const agent = agents.find((a) => a.id === order.agentId)!;
    const search = async (s: string) => agentIds((await as(who(), 'orders.list', { search: s, pageSize: 200 })).rows);
    expect(await search(agent.phone.slice(0, 7))).not.toContain(agent.id);
    expect(await search(agent.wechatId.slice(0, -1))).not.toContain(agent.id);
    if ([...agent.name].length > 2) expect(await search(agent.name.slice(0, 2))).not.toContain(agent.id);
    expect(await search(initialsOf(agent.name))).not.toContain(agent.id);
    const orderIds = async (s: string) => ids((await as(who(), 'orders.list', { search: s, pageSize: 200 })).rows);
    expect(await orderIds(order.receiverPhone.slice(0, 7))).not.toContain(order.id);
    expect(await orderIds(order.receiverName.slice(0, 2))).not.toContain(order.id);
    // What the caller knows in full, or sees, still finds the agent's orders.
    expect(await search(agent.phone)).toContain(agent.id);
    expect(await search(agent.phone.slice(-4))).toContain(agent.id);
    expect(await orderIds(order.orderNo.slice(0, -2))).toContain(order.id);
  });
});

describe('agents.list search with pii.view (admin)', () => {
  it('keeps prefix search by phone, name, pinyin initials and WeChat ID, and sorting by name', async () => {
    const target = withLongName(agents);
    expect(await found(admin, target.phone.slice(0, 7))).toContain(target.id);
    expect(await found(admin, target.name.slice(0, 2))).toContain(target.id);
    expect(await found(admin, initialsOf(target.name))).toContain(target.id);
    expect(await found(admin, target.wechatId.slice(0, -1))).toContain(target.id);
    const sorted = await as(admin, 'agents.list', { sort: 'name', pageSize: 200 });
    expect(sorted.rows.find((a) => a.id === target.id)?.wechatId).toBe(target.wechatId);
  });
});

describe('scoped cs: referrers outside the scope', () => {
  it('are left out (referrerId and referrerName null); referrers in scope stay', async () => {
    const inScope = new Set(ids(agents.filter((a) => a.csUserId === clerk.user!.id)));
    const rows = (await as(clerk, 'agents.list', { pageSize: 200 })).rows;
    const referred = rows.filter((a) => agents.find((b) => b.id === a.id)!.referrerId);
    const outside = referred.filter((a) => !inScope.has(agents.find((b) => b.id === a.id)!.referrerId!));
    expect(outside.length).toBeGreaterThan(0);
    for (const a of outside) expect(a).toMatchObject({ referrerId: null, referrerName: null });
    for (const a of referred.filter((r) => !outside.includes(r))) expect(inScope.has(a.referrerId!)).toBe(true);
  });
});

describe('the search stays index-backed', () => {
  it.each(['full', 'masked'] as const)('answers a %s search with index lookups, never a table scan', async (view) => {
    for (const search of ['张', '张晓梅', 'zxm', 'wxid_abc', '1380013', '13800138000', '8000', 'A00']) {
      const q = app.env.db('agents as a').select('a.id').where((w) => whereAgentMatches(w, search, view));
      const { sql, bindings } = q.toSQL();
      const plan = (await app.env.db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as { detail: string }[];
      const details = plan.map((p) => p.detail).join('\n');
      expect([search, details]).not.toEqual([search, expect.stringMatching(/SCAN a\b(?! USING)/)]);
      expect(details).toMatch(/MULTI-INDEX OR|USING (COVERING )?INDEX/);
    }
  });
});
