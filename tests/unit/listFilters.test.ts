import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf, dayStartMs, periodMs } from '@contract/days';
import type { Output } from '@contract';
import { call, errorOf, openTempApp } from './helpers/tempApp';
import { callerFromSession } from '../../src-main/app/session';

// The list filters the analytics screens click through to: one agent's orders (agent page), counted orders of
// a day (dashboard trend), agents of a province (dashboard bar), new and active agents of a period (counts). Each must list exactly that set, within
// the caller's data scope.

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 60, orders: 3_000, seed: 11, until: '2026-06-30' });
}, 60_000);
afterAll(() => app.close());

describe('orders.list filters', () => {
  it('agentId lists that agent\'s orders only, all of them', async () => {
    const db = app.env.db;
    const top = (await db('orders').select('agent_id').count({ n: '*' }).groupBy('agent_id').orderBy('n', 'desc').first()) as { agent_id: string; n: number };
    const r = await call(app, 'orders.list', { agentId: top.agent_id, pageSize: 500 });
    expect(r.total).toBe(Number(top.n));
    expect(r.rows.length).toBeGreaterThan(1);
    expect(new Set(r.rows.map((o) => o.agentId))).toEqual(new Set([top.agent_id]));
  });

  it('counted leaves out cancelled orders; with a day it matches that day\'s count', async () => {
    const all = await call(app, 'orders.list', { pageSize: 1 });
    const cancelled = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    expect(cancelled.total).toBeGreaterThan(0);
    const counted = await call(app, 'orders.list', { counted: true, pageSize: 500 });
    expect(counted.total).toBe(all.total - cancelled.total);
    expect(counted.rows.some((o) => o.status === 'cancelled')).toBe(false);

    const day = { from: '2026-06-20', to: '2026-06-21' };
    const dayAll = await call(app, 'orders.list', { ...day, pageSize: 500 });
    const dayCounted = await call(app, 'orders.list', { ...day, counted: true, pageSize: 500 });
    expect(dayAll.total).toBeGreaterThan(0);
    expect(dayCounted.total).toBe(dayAll.rows.filter((o) => o.status !== 'cancelled').length);
  });

  it('an agent outside a scoped caller\'s agents yields nothing, not their orders', async () => {
    const kefu = (await call(app, 'users.list', {})).find((u) => u.login === 'kefu')!;
    const other = (await call(app, 'agents.list', { pageSize: 500 })).rows.find((a) => a.csUserId !== kefu.id)!;
    const s = await call(app, 'auth.signIn', { login: 'kefu', password: 'demo-1234' });
    const caller = await callerFromSession(app.env, 'test', s.token);
    const reply = await app.router.call('orders.list', { agentId: other.id }, caller);
    expect(reply).toMatchObject({ ok: true, data: { total: 0, rows: [] } });
  });
});

describe('agents.list province', () => {
  it('lists the agents of that province only, all of them', async () => {
    const all = (await call(app, 'agents.list', { pageSize: 500 })).rows;
    const province = all[0].province;
    const r = await call(app, 'agents.list', { province, pageSize: 500 });
    expect(r.total).toBe(all.filter((a) => a.province === province).length);
    expect(new Set(r.rows.map((a) => a.province))).toEqual(new Set([province]));
  });
});

describe('agents.list joined and ordered in a period', () => {
  const june = { from: '2026-06-01', to: '2026-07-01' };

  it('joinedIn lists the agents who joined in those local days', async () => {
    const { fromMs, toMs } = periodMs(june.from, june.to, app.env.timeZone);
    const expected = (await app.env.db('agents').where('joined_at', '>=', fromMs).where('joined_at', '<', toMs).pluck('id')).sort();
    expect(expected.length).toBeGreaterThan(0);
    const r = await call(app, 'agents.list', { joinedIn: june, pageSize: 500 });
    expect(r.total).toBe(expected.length);
    expect(r.rows.map((a) => a.id).sort()).toEqual(expected);
  });

  it('orderedIn lists the agents with a counted order placed in the period, each once', async () => {
    const { fromMs, toMs } = periodMs(june.from, june.to, app.env.timeZone);
    const expected = (
      await app.env.db('orders').where('placed_at', '>=', fromMs).where('placed_at', '<', toMs).whereNot('status', 'cancelled').distinct('agent_id').pluck('agent_id')
    ).sort();
    expect(expected.length).toBeGreaterThan(1);
    const r = await call(app, 'agents.list', { orderedIn: june, pageSize: 500 });
    expect(r.total).toBe(expected.length);
    expect(r.rows.map((a) => a.id).sort()).toEqual(expected);
  });

  it('refuses a period that ends before it starts', async () => {
    expect((await errorOf(call(app, 'agents.list', { orderedIn: { from: '2026-06-02', to: '2026-06-01' } }))).code).toBe('VALIDATION_FAILED');
  });
});

describe('agents.list dormant and churned as the dashboard counts them', () => {
  const june = { from: '2026-06-01', to: '2026-07-01' };

  it('lists exactly as many agents as the dashboard counts, for an admin and a scoped clerk', async () => {
    const d = await call(app, 'analytics.dashboard', june);
    expect(d.agentCounts.dormant).toBeGreaterThan(0);
    for (const kind of ['dormant', 'churned'] as const) {
      const r = await call(app, 'agents.list', { signal: { kind, ...june }, pageSize: 500 });
      expect(r.total).toBe(d.agentCounts[kind]);
      expect(new Set(r.rows.map((a) => a.id)).size).toBe(r.rows.length);
    }
    const s = await call(app, 'auth.signIn', { login: 'kefu', password: 'demo-1234' });
    const kefu = await callerFromSession(app.env, 'test', s.token);
    const scoped = (await app.router.call('analytics.dashboard', june, kefu)) as { ok: true; data: Output<'analytics.dashboard'> };
    const listed = (await app.router.call('agents.list', { signal: { kind: 'dormant', ...june }, pageSize: 500 }, kefu)) as { ok: true; data: Output<'agents.list'> };
    expect(listed.data.total).toBe(scoped.data.agentCounts.dormant);
    expect(listed.data.total).toBeLessThan(d.agentCounts.dormant);
  });

  it('converted lists the funnel\'s 转化: joined in the period, first counted order within 14 days of joining', async () => {
    const spring = { from: '2026-03-01', to: '2026-06-01' };
    const d = await call(app, 'analytics.dashboard', spring);
    expect(d.funnel.current.converted).toBeGreaterThan(0);
    const r = await call(app, 'agents.list', { signal: { kind: 'converted', ...spring }, pageSize: 500 });
    expect(r.total).toBe(d.funnel.current.converted);
    // The same set straight from the facts: joined in the period, earliest counted order before joined day + 14.
    const { fromMs, toMs } = periodMs(spring.from, spring.to, app.env.timeZone);
    const joined = await app.env.db('agents').where('joined_at', '>=', fromMs).where('joined_at', '<', toMs).select('id', 'joined_at');
    const expected: string[] = [];
    for (const a of joined) {
      const first = await app.env.db('orders').where({ agent_id: a.id }).whereNot('status', 'cancelled').min({ at: 'placed_at' }).first();
      const tz = app.env.timeZone;
      if (first?.at != null && first.at < dayStartMs(addDays(dayOf(a.joined_at, tz), 14), tz)) expected.push(a.id);
    }
    expect(r.rows.map((a) => a.id).sort()).toEqual(expected.sort());
  });
});
