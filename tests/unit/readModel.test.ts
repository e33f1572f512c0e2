import { ALL_AGENTS } from '../../src-main/domain/common/scope';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayStartMs, dayToNumber } from '@contract/days';
import { openDb, rawConnection, type Db } from '../../src-main/db/open';
import { rankingFromFacts } from '../../src-main/domain/reports/rankingFromFacts';
import { call, openTempApp } from './helpers/tempApp';

// The read model against the rollup tables and the facts, on a generated demo channel: random periods, paging,
// and refreshes after writes (in this process and another one).

let app: Awaited<ReturnType<typeof openTempApp>>;
const UNTIL = '2026-06-30';
const FIRST = addDays(UNTIL, -400);

beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 300, orders: 12_000, seed: 7, until: UNTIL });
}, 120_000);
afterAll(() => app.close());

const rows = <T>(sql: string, params: unknown[] = []) => rawConnection(app.env.db, (c) => c.prepare(sql).all(...params) as T[]);

/** Per-agent sums over [from, to) straight from the rollup tables. */
async function sqlFigures(from: string, to: string) {
  const [f, t] = [dayToNumber(from), dayToNumber(to)];
  const sums = await rows<Record<string, number> & { agent_id: string; code: string }>(
    `SELECT s.agent_id, a.code, SUM(orders) orders, SUM(goods_fen) - SUM(refund_fen) amount, SUM(units) - SUM(returned_units) units,
            SUM(refund_fen) refund, SUM(shipping_fen) shipping, SUM(orders > 0) activeDays, SUM(units) bought, SUM(shipped_units) shipped,
            SUM(returned_units) returned, SUM(dropship_shipped_units) - SUM(returned_dropship_units) + SUM(reported_units) consumer
     FROM agent_day_stats s JOIN agents a ON a.id = s.agent_id WHERE day >= ? AND day < ? GROUP BY s.agent_id`,
    [f, t],
  );
  const skus = new Map(
    (await rows<{ agent_id: string; n: number }>('SELECT agent_id, COUNT(DISTINCT product_id) n FROM agent_sku_days WHERE day >= ? AND day < ? GROUP BY agent_id', [f, t])).map((r) => [r.agent_id, r.n]),
  );
  const last = new Map(
    (await rows<{ agent_id: string; d: number; n: number }>('SELECT agent_id, MAX(day) d, SUM(orders) n FROM agent_day_stats WHERE day < ? AND orders > 0 GROUP BY agent_id', [t])).map((r) => [r.agent_id, r]),
  );
  const [{ n: listed }] = await rows<{ n: number }>(
    `SELECT COUNT(*) n FROM (SELECT id FROM products WHERE status = 'listed' AND created_at < ?
     UNION SELECT product_id FROM product_day_stats WHERE day >= ? AND day < ? AND dropship_shipped_units + reported_units > 0)`,
    [dayStartMs(to, 'Asia/Shanghai'), f, t],
  );
  return { sums, skus, last, listed };
}

/** Median of the days between consecutive counted orders before `to`, from the agent's day rows. */
async function medianFromRows(agentId: string, to: string): Promise<number | null> {
  const days = await rows<{ day: number; orders: number }>('SELECT day, orders FROM agent_day_stats WHERE agent_id = ? AND day < ? AND orders > 0 ORDER BY day', [agentId, dayToNumber(to)]);
  const gaps: number[] = [];
  days.forEach((d, i) => {
    if (i) gaps.push(daysBetween(days[i - 1].day, d.day));
    for (let k = 1; k < d.orders; k++) gaps.push(0);
  });
  if (!gaps.length) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

const daysBetween = (a: number, b: number) => (Date.UTC(+String(b).slice(0, 4), +String(b).slice(4, 6) - 1, +String(b).slice(6)) - Date.UTC(+String(a).slice(0, 4), +String(a).slice(4, 6) - 1, +String(a).slice(6))) / 864e5;

async function fullRanking(input: object) {
  const all: Awaited<ReturnType<typeof call<'reports.ranking'>>>['rows'] = [];
  for (let page = 1; ; page++) {
    const r = await call(app, 'reports.ranking', { ...input, page, pageSize: 500 } as never);
    all.push(...r.rows);
    if (all.length >= r.total) return { rows: all, total: r.total, totals: r.totals };
  }
}

describe('read model figures', () => {
  it('equal a direct computation from the rollup tables, for random periods', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -20, max: 420 }), fc.integer({ min: 1, max: 400 }), async (start, length) => {
        const from = addDays(FIRST, start);
        const to = addDays(from, length);
        const { sums, skus, last, listed } = await sqlFigures(from, to);
        const r = await fullRanking({ from, to, metric: 'amount' });
        const got = new Map(r.rows.map((x) => [x.agentId, x]));
        expect(r.total).toBe(sums.length); // ranked: agents with any rollup row in the period
        for (const s of sums) {
          const v = got.get(s.agent_id)!.values;
          expect([s.code, v.orders, v.amount, v.units, v.refund, v.shippingFee, v.activeDays]).toEqual([s.code, s.orders, s.amount, s.units, s.refund, s.shipping, s.activeDays]);
          expect(v.sellThrough).toBe(s.bought > 0 ? s.consumer / s.bought : null);
          expect(v.returnRate).toBe(s.shipped > 0 ? s.returned / s.shipped : null);
          expect(v.activeSkuRatio).toBe(listed > 0 ? (skus.get(s.agent_id) ?? 0) / listed : null);
          const l = last.get(s.agent_id);
          expect(v.recency).toBe(l ? daysBetween(l.d, dayToNumber(to)) : null);
        }
        for (const x of r.rows.slice(0, 15)) expect(x.values.medianInterval).toBe(await medianFromRows(x.agentId, to));
        // Ranked by amount (higher first), then code.
        const expected = [...sums].sort((a, b) => b.amount - a.amount || (a.code < b.code ? -1 : 1)).map((s) => s.code);
        expect(r.rows.map((x) => x.agentCode)).toEqual(expected);
        expect(r.totals.amount).toBe(sums.reduce((t, s) => t + s.amount, 0));
        expect(r.totals.orders).toBe(sums.reduce((t, s) => t + s.orders, 0));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('agree with the direct computation from order lines (the old ranking query)', async () => {
    for (const [from, to] of [['2026-06-01', '2026-07-01'], ['2025-07-01', '2026-07-01'], ['2026-06-23', '2026-06-30']]) {
      const facts = await rankingFromFacts(app.env.db, { from, to }, app.env.timeZone, ALL_AGENTS, { compare: true });
      const r = await fullRanking({ from, to, compare: true });
      const got = new Map(r.rows.map((x) => [x.agentId, x]));
      for (const f of facts) {
        const v = got.get(f.agentId)!.values;
        expect([f.agentCode, v.orders, v.amount, v.units, v.refund, v.shippingFee]).toEqual([f.agentCode, f.orders, f.amountFen, f.units, f.refundFen, f.shippingFeeFen]);
      }
      // The read model also ranks agents whose only facts in the period are shipments or sell-through reports.
      const extra = r.rows.filter((x) => !facts.some((f) => f.agentId === x.agentId));
      expect(extra.every((x) => x.values.orders === 0 && x.values.refund === 0)).toBe(true);
      // Same order for the agents both rank (the extras have no amount, below every positive one).
      const both = r.rows.filter((x) => x.values.amount > 0).map((x) => x.agentCode);
      expect(both).toEqual(facts.filter((f) => f.amountFen > 0).map((f) => f.agentCode));
    }
  });
});

describe('paging', () => {
  it('page 2 is rows 51–100 of the whole ranking, for any metric, with and without comparison', async () => {
    for (const input of [{ metric: 'amount' }, { metric: 'recency', compare: true }, { metric: 'sellThrough', compare: true }]) {
      const q = { from: '2025-07-01', to: '2026-07-01', ...input };
      const whole = await fullRanking(q);
      expect(whole.total).toBeGreaterThan(100);
      const page2 = await call(app, 'reports.ranking', { ...q, page: 2, pageSize: 50 } as never);
      expect(page2.rows).toEqual(whole.rows.slice(50, 100));
      expect(page2.totals).toEqual(whole.totals);
      const past = await call(app, 'reports.ranking', { ...q, page: 99, pageSize: 50 } as never);
      expect(past).toMatchObject({ rows: [], total: whole.total, totals: whole.totals });
    }
  });
});

describe('refresh', () => {
  const P = { from: '2026-06-01', to: '2026-07-01' };
  const top = async () => (await call(app, 'reports.ranking', { ...P, pageSize: 3, compare: true })).rows[0];

  it('follows a write to the rollups and its rollup_changes entry, as the ledger makes them', async () => {
    const before = await call(app, 'reports.ranking', { ...P, pageSize: 500 });
    const last = before.rows.at(-1)!;
    const day = dayToNumber('2026-06-15');
    await app.env.db.transaction(async (trx) => {
      await trx.raw(
        `INSERT INTO agent_day_stats (agent_id, day, orders, goods_fen, units) VALUES (?, ?, 1, 99999900, 1)
         ON CONFLICT (agent_id, day) DO UPDATE SET orders = orders + 1, goods_fen = goods_fen + 99999900, units = units + 1`,
        [last.agentId, day],
      );
      await trx('rollup_changes').insert({ agent_id: last.agentId });
    });
    const now = await top();
    expect(now.agentId).toBe(last.agentId);
    expect(now.values.amount).toBe(last.values.amount + 99999900);
    expect(now.values.orders).toBe(last.values.orders + 1);
    const after = await call(app, 'reports.ranking', { ...P, pageSize: 500 });
    expect(after.totals.amount).toBe(before.totals.amount + 99999900);
    expect(after.total).toBe(before.total);

    // An update back, written by another process (the CLI) to the same database file.
    const other: Db = await openDb(app.dir, { migrate: false });
    await other.transaction(async (trx) => {
      await trx.raw('UPDATE agent_day_stats SET orders = orders - 1, goods_fen = goods_fen - 99999900, units = units - 1 WHERE agent_id = ? AND day = ?', [last.agentId, day]);
      await trx('rollup_changes').insert({ agent_id: last.agentId });
    });
    await other.destroy();
    expect((await call(app, 'reports.ranking', { ...P, pageSize: 500 })).rows).toEqual(before.rows);
  });

  it('kept rankings by windowed metrics follow repeated writes to one agent', async () => {
    const q = { ...P, metric: 'predictedAmount' as const, compare: true, pageSize: 500 };
    const before = await call(app, 'reports.ranking', q);
    const agent = before.rows[5];
    const write = (fen: number) =>
      app.env.db.transaction(async (trx) => {
        await trx.raw('UPDATE agent_day_stats SET goods_fen = goods_fen + ? WHERE agent_id = ? AND day = (SELECT MAX(day) FROM agent_day_stats WHERE agent_id = ? AND orders > 0)', [fen, agent.agentId, agent.agentId]);
        await trx('rollup_changes').insert({ agent_id: agent.agentId });
      });
    const find = async () => {
      const r = await call(app, 'reports.ranking', q);
      return r.rows.find((x) => x.agentId === agent.agentId)!;
    };
    const shift = Math.round((1e9 * 30 * 12.17) / 365);
    await write(1e9);
    expect(await find()).toMatchObject({ rank: 1, values: { predictedAmount: agent.values.predictedAmount! + shift } });
    await write(1e9);
    expect(await find()).toMatchObject({ rank: 1, values: { predictedAmount: agent.values.predictedAmount! + 2 * shift } });
    await write(-2e9); // back where it was: the kept ranking re-places it by its new value, not a remembered one
    expect((await call(app, 'reports.ranking', q)).rows).toEqual(before.rows);
  });

  it('reloads everything after a rebuild (agent "*") and gives the same figures', async () => {
    const before = await call(app, 'reports.ranking', { ...P, metric: 'churnRisk', compare: true, pageSize: 100 });
    const loads = app.env.analytics.model.stats.loads;
    await app.env.db('rollup_changes').insert({ agent_id: '*' });
    const after = await call(app, 'reports.ranking', { ...P, metric: 'churnRisk', compare: true, pageSize: 100 });
    expect(app.env.analytics.model.stats.loads).toBe(loads + 1);
    expect(after).toEqual(before);
  });

  it('a new agent with a first order joins the ranking', async () => {
    const [level] = await app.env.db('agent_levels').select('id').limit(1);
    const id = 'new-agent-0001';
    await app.env.db('agents').insert({ id, code: 'ZZ999', name: '新人', level_id: level.id, status: 'active', joined_at: Date.now(), created_at: Date.now(), updated_at: Date.now() });
    await app.env.db.transaction(async (trx) => {
      await trx('agent_day_stats').insert({ agent_id: id, day: dayToNumber('2026-06-20'), orders: 1, goods_fen: 500_000_000, units: 3 });
      await trx('rollup_changes').insert({ agent_id: id });
    });
    const t = await top();
    expect(t).toMatchObject({ agentId: id, agentCode: 'ZZ999', prevRank: null, movement: null });
    expect(t.values).toMatchObject({ orders: 1, amount: 500_000_000, units: 3, recency: 11, medianInterval: null });
  });

  it('the dashboard daily trend follows the writes too (channel totals kept per agent)', async () => {
    const d = await call(app, 'analytics.dashboard', P);
    const sql = await rows<{ day: number; amount: number; orders: number }>(
      'SELECT day, SUM(goods_fen) - SUM(refund_fen) amount, SUM(orders) orders FROM agent_day_stats WHERE day >= ? AND day < ? GROUP BY day',
      [dayToNumber(P.from), dayToNumber(P.to)],
    );
    const byDay = new Map(sql.map((r) => [r.day, r]));
    expect(d.daily.map((x) => [x.day, x.amount, x.orders])).toEqual(d.daily.map((x) => [x.day, byDay.get(dayToNumber(x.day))?.amount ?? 0, byDay.get(dayToNumber(x.day))?.orders ?? 0]));
    expect(d.funnel.current.amount).toBe(sql.reduce((t, r) => t + r.amount, 0));
  });
});
