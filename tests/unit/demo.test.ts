import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, dayNumberOf, dayStartMs, addDays } from '@contract/days';
import { type Db, openDb, rawConnection } from '../../src-main/db/open';
import { DEMO_SETTING, type DemoOptions, type DemoResult, generateDemo, HISTORY_DAYS } from '../../src-main/db/demo/generate';
import { LEVELS, PROVINCES, TAG_GROWING, TAG_STOCKPILER } from '../../src-main/db/demo/data';
import { DERIVED_TABLES, rebuildRollups } from '../../src-main/domain/ledger/rebuild';

const OPTS: DemoOptions = { agents: 300, lines: 20_000, seed: 7, until: '2026-11-20', timeZone: 'Asia/Shanghai' };
const NOW = dayStartMs(addDays(OPTS.until, 1), OPTS.timeZone); // end of `until`
const START = dayStartMs(addDays(OPTS.until, 1 - HISTORY_DAYS), OPTS.timeZone);
const dayMsAgo = (days: number) => NOW - days * DAY_MS;

const dirs: string[] = [];
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-demo-'));
  dirs.push(dir);
  const db = await openDb(dir);
  dbs.push(db);
  return db;
}

const all = <T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]) =>
  rawConnection(db, (c) => c.prepare(sql).all(...params) as T[]);
const one = async <T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]) => (await all<T>(db, sql, ...params))[0];
const num = async (db: Db, sql: string, ...params: unknown[]) => Number(Object.values((await one(db, sql, ...params)) ?? {})[0] ?? 0);
/** Rows of (k, n) as a map. */
const byKey = async (db: Db, sql: string) => new Map((await all<{ k: string; n: number }>(db, sql)).map((r) => [r.k, r.n]));

/** Hash of every row of a table, in id order. */
const tableHash = (db: Db, table: string) =>
  rawConnection(db, (c) => {
    const h = crypto.createHash('sha256');
    for (const row of c.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().iterate()) h.update(JSON.stringify(row));
    return h.digest('hex');
  });

const HASHED = ['agents', 'products', 'orders', 'order_lines', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'stock_movements'];
const hashes = async (db: Db) => Object.fromEntries(await Promise.all(HASHED.map(async (t) => [t, await tableHash(db, t)])));

let db: Db;
let result: DemoResult;

beforeAll(async () => {
  db = await freshDb();
  result = await generateDemo(db, OPTS);
});

afterAll(async () => {
  for (const d of dbs) await d.destroy();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('demo data generator', () => {
  it('is deterministic per seed, also when it replaces earlier data', async () => {
    const other = await freshDb();
    await generateDemo(other, { ...OPTS, seed: 99, lines: 3_000 }); // something to replace
    await generateDemo(other, OPTS);
    expect(await hashes(other)).toEqual(await hashes(db));

    const reseeded = await freshDb();
    await generateDemo(reseeded, { ...OPTS, seed: 8 });
    for (const t of ['orders', 'order_lines', 'agents']) expect(await tableHash(reseeded, t)).not.toBe(await tableHash(db, t));
  });

  it('writes exactly the requested number of order lines', async () => {
    expect(result).toMatchObject({ agents: 300, products: 60, lines: 20_000 });
    expect(await num(db, 'SELECT count(*) FROM order_lines')).toBe(20_000);
    expect(await num(db, 'SELECT count(*) FROM orders')).toBe(result.orders);
    expect(await num(db, 'SELECT count(*) FROM agents')).toBe(300);
    const small = await freshDb();
    for (const [agents, lines] of [[1, 1], [5, 777], [40, 0]]) {
      const r = await generateDemo(small, { ...OPTS, agents, lines });
      expect(r.lines).toBe(lines);
      expect(await num(small, 'SELECT count(*) FROM order_lines')).toBe(lines);
      expect(await num(small, 'SELECT count(*) FROM agents')).toBe(agents);
    }
  });

  it('keeps references, indexes and the connection settings intact', async () => {
    expect(await all(db, 'PRAGMA foreign_key_check')).toEqual([]);
    const indexes = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('orders', 'order_lines', 'agents')";
    expect(await num(db, indexes)).toBe(await num(await freshDb(), indexes));
    expect(await one(db, 'PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await one(db, 'PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(JSON.parse((await one<{ value: string }>(db, 'SELECT value FROM settings WHERE key = ?', DEMO_SETTING))!.value)).toEqual({
      seed: 7,
      agents: 300,
      lines: 20_000,
      until: '2026-11-20',
    });
  });

  it('makes orders whose amounts, numbers, days and statuses add up', async () => {
    expect(await all(db, `
      SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id
      GROUP BY o.id HAVING o.goods_amount_fen <> SUM(l.quantity * l.unit_price_fen) OR o.units <> SUM(l.quantity)`)).toEqual([]);
    // Unit price = the agent's level price of the product.
    expect(await num(db, `
      SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN agents a ON a.id = o.agent_id
      JOIN product_prices pp ON pp.product_id = l.product_id AND pp.level_id = a.level_id
      WHERE pp.price_fen <> l.unit_price_fen`)).toBe(0);
    expect(await num(db, 'SELECT count(DISTINCT order_no) FROM orders')).toBe(result.orders);

    const orders = await all<Record<string, number | string | null>>(db, 'SELECT * FROM orders');
    const lineCounts = await byKey(db, 'SELECT order_id k, count(*) n FROM order_lines GROUP BY order_id');
    for (const o of orders) {
      const placed = o.placed_at as number;
      expect(placed).toBeGreaterThanOrEqual(START);
      expect(placed).toBeLessThan(NOW);
      expect(o.placed_day).toBe(dayNumberOf(placed, OPTS.timeZone));
      expect(o.order_no).toMatch(new RegExp(`^DS${o.placed_day}\\d{8}$`));
      expect(o.source).toBe('demo');
      const n = lineCounts.get(o.id as string)!;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(o.kind === 'stock' ? 6 : 3);
      if (o.status === 'cancelled') {
        expect(o.cancelled_at).not.toBeNull();
        expect(o.shipped_at).toBeNull();
      } else {
        expect(o.cancelled_at).toBeNull();
        expect(o.status !== 'pending').toBe(o.shipped_at !== null);
        expect(o.status === 'completed').toBe(o.completed_at !== null);
      }
      expect(o.carrier !== '').toBe(o.shipped_at !== null);
      for (const t of ['shipped_at', 'delivered_at', 'completed_at', 'cancelled_at']) if (o[t] !== null) expect(o[t] as number).toBeLessThan(NOW);
      expect(o.receiver_phone).toMatch(/^1[3-9]\d{9}$/);
    }
    // Order numbers follow the clock.
    const byNo = [...orders].sort((x, y) => String(x.order_no).localeCompare(String(y.order_no)));
    for (let i = 1; i < byNo.length; i++) expect(byNo[i].placed_at as number).toBeGreaterThanOrEqual(byNo[i - 1].placed_at as number);
    // Old orders are done; the last days still have open ones.
    expect(await num(db, "SELECT count(*) FROM orders WHERE placed_at < ? AND status NOT IN ('completed', 'cancelled')", dayMsAgo(14))).toBe(0);
    expect(await num(db, "SELECT count(*) FROM orders WHERE status IN ('pending', 'shipped', 'delivered')")).toBeGreaterThan(0);
  });

  it('has both kinds of orders, a few cancellations and after-sales cases', async () => {
    const kinds = await byKey(db, 'SELECT kind k, count(*) n FROM orders GROUP BY kind');
    expect(kinds.get('dropship')).toBeGreaterThan(kinds.get('stock')!);
    expect(kinds.get('stock')).toBeGreaterThan(0);
    const cancelled = await num(db, "SELECT count(*) FROM orders WHERE status = 'cancelled'");
    expect(cancelled / result.orders).toBeGreaterThan(0.02);
    expect(cancelled / result.orders).toBeLessThan(0.08);

    const cases = await all<Record<string, number | string>>(db, `
      SELECT c.*, o.placed_at, o.kind, o.status AS order_status, l.quantity AS line_qty, l.unit_price_fen, cl.quantity AS qty
      FROM after_sales c JOIN orders o ON o.id = c.order_id
      JOIN after_sales_lines cl ON cl.case_id = c.id JOIN order_lines l ON l.id = cl.order_line_id AND l.order_id = o.id`);
    expect(cases.length).toBe(await num(db, 'SELECT count(*) FROM after_sales'));
    expect(cases.length).toBeGreaterThan(0);
    const shippedDropship = await num(db, "SELECT count(*) FROM orders WHERE kind = 'dropship' AND status NOT IN ('pending', 'cancelled')");
    expect(cases.length / shippedDropship).toBeGreaterThan(0.015);
    expect(cases.length / shippedDropship).toBeLessThan(0.05);
    for (const c of cases) {
      expect(c.kind).toBe('dropship');
      expect(['pending', 'cancelled']).not.toContain(c.order_status);
      expect(c.qty).toBe(c.line_qty);
      expect(c.returned_units).toBe(c.qty);
      expect(c.refund_fen).toBe((c.qty as number) * (c.unit_price_fen as number));
      const after = (c.created_at as number) - (c.placed_at as number);
      expect(after).toBeGreaterThanOrEqual(2 * DAY_MS);
      expect(after).toBeLessThanOrEqual(10 * DAY_MS);
      expect(c.created_at as number).toBeLessThan(NOW);
      expect(c.created_day).toBe(dayNumberOf(c.created_at as number, OPTS.timeZone));
    }
  });

  it('makes believable agents', async () => {
    const agents = await all<Record<string, string | number | null>>(db, 'SELECT * FROM agents ORDER BY code');
    const places = new Set(PROVINCES.flatMap((p) => p.cities.flatMap((c) => c.districts.map((d) => `${p.name}/${c.name}/${d}`))));
    const joinedAt = new Map(agents.map((a) => [a.id, a.joined_at as number]));
    agents.forEach((a, i) => {
      expect(a.code).toBe('A' + String(i + 1).padStart(6, '0'));
      if (i > 0) expect(a.joined_at as number).toBeGreaterThanOrEqual(agents[i - 1].joined_at as number);
      expect(a.joined_at as number).toBeGreaterThanOrEqual(START);
      expect(a.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(a.phone_tail).toBe(String(a.phone).slice(-4));
      expect(a.wechat_id).toMatch(/^[a-z][a-z0-9_-]{5,19}$/i);
      expect(a.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(a.name_initials).toMatch(/^[a-z]{2,3}$/);
      expect(places.has(`${a.province}/${a.city}/${a.district}`)).toBe(true);
      if (a.referrer_id !== null) {
        expect(a.source_channel).toBe('老代理推荐');
        expect(joinedAt.get(a.referrer_id)!).toBeLessThanOrEqual(a.joined_at as number);
      }
    });
    expect(new Set(agents.map((a) => a.phone)).size).toBe(agents.length);
    const referred = agents.filter((a) => a.referrer_id !== null).length / agents.length;
    expect(referred).toBeGreaterThan(0.2);
    expect(referred).toBeLessThan(0.4);
    // More joins in the second half of the history than in the first.
    const mid = (START + NOW) / 2;
    expect(agents.filter((a) => (a.joined_at as number) >= mid).length).toBeGreaterThan(agents.filter((a) => (a.joined_at as number) < mid).length);
    for (const r of await all<Record<string, string>>(db, 'SELECT DISTINCT receiver_province p, receiver_city c, receiver_district d FROM orders'))
      expect(places.has(`${r.p}/${r.c}/${r.d}`)).toBe(true);
  });

  it('prices by level below retail and keeps stock equal to its movements', async () => {
    const levels = await all<{ name: string; rank: number }>(db, 'SELECT name, rank FROM agent_levels ORDER BY rank');
    expect(levels).toEqual(LEVELS.map((l) => ({ name: l.name, rank: l.rank })));
    expect(await num(db, 'SELECT count(*) FROM product_prices')).toBe(60 * 4);
    const aboveRetail = 'SELECT count(*) FROM product_prices pp JOIN products p ON p.id = pp.product_id WHERE pp.price_fen > p.retail_price_fen';
    expect(await num(db, aboveRetail)).toBe(0);
    expect(await num(db, 'SELECT count(*) FROM products WHERE min_retail_price_fen > retail_price_fen OR cost_fen >= retail_price_fen')).toBe(0);
    expect(await num(db, "SELECT count(DISTINCT category) FROM products")).toBe(5);
    expect(await num(db, "SELECT count(*) FROM products WHERE return_policy_7d = 0 AND category <> '生鲜农产品'")).toBe(0);
    expect(await all(db, `
      SELECT p.id FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id
      GROUP BY p.id HAVING p.stock_on_hand <> COALESCE(SUM(m.delta), 0) OR p.stock_on_hand < 0`)).toEqual([]);
    // The 'order' movements take out exactly the shipped units.
    expect(await num(db, "SELECT -SUM(delta) FROM stock_movements WHERE cause = 'order'")).toBe(
      await num(db, "SELECT SUM(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.shipped_at IS NOT NULL"),
    );
  });

  it('shows every behaviour with its signature', async () => {
    const stats = await all<Record<string, number | string>>(db, `
      SELECT a.id, a.status, a.tags, a.joined_at,
             COUNT(o.id) AS orders, MAX(o.placed_at) AS last,
             SUM(CASE WHEN o.kind = 'stock' THEN o.units ELSE 0 END) AS stock_units, COALESCE(SUM(o.units), 0) AS units
      FROM agents a LEFT JOIN orders o ON o.agent_id = a.id AND o.status <> 'cancelled'
      GROUP BY a.id`);
    const withStatus = (s: string) => stats.filter((a) => a.status === s);

    expect(withStatus('lead').length).toBeGreaterThan(0);
    for (const a of [...withStatus('lead'), ...withStatus('onboarding')]) {
      expect(a.orders).toBe(0);
      expect(a.joined_at as number).toBeGreaterThan(dayMsAgo(30));
    }
    expect(withStatus('active').length).toBeGreaterThan(stats.length / 3);
    for (const a of withStatus('active')) expect(a.last as number).toBeGreaterThanOrEqual(dayMsAgo(60));
    expect(withStatus('dormant').length).toBeGreaterThan(stats.length * 0.03);
    for (const a of withStatus('dormant')) {
      expect(a.orders).toBeGreaterThan(0);
      expect(a.last as number).toBeLessThan(dayMsAgo(60));
    }
    const churned = withStatus('churned').filter((a) => (a.orders as number) > 0);
    expect(churned.length).toBeGreaterThan(0);
    for (const a of churned) expect(a.last as number).toBeLessThan(dayMsAgo(180));
    expect(withStatus('blocked').length).toBeLessThan(stats.length * 0.05);

    // Stock-pilers buy mostly stock and report little of it as sold.
    const pilers = stats.filter((a) => String(a.tags).includes(TAG_STOCKPILER) && (a.units as number) > 0);
    expect(pilers.length).toBeGreaterThan(3);
    const sum = (rows: typeof stats, k: string) => rows.reduce((s, a) => s + (a[k] as number), 0);
    expect(sum(pilers, 'stock_units') / sum(pilers, 'units')).toBeGreaterThan(0.7);
    const others = stats.filter((a) => !String(a.tags).includes(TAG_STOCKPILER));
    expect(sum(others, 'stock_units') / sum(others, 'units')).toBeLessThan(0.5);
    const reported = await byKey(db, 'SELECT agent_id k, SUM(units) n FROM sellthrough_reports GROUP BY agent_id');
    const reportedBy = (rows: typeof stats) => rows.reduce((s, a) => s + (reported.get(a.id as string) ?? 0), 0);
    expect(reportedBy(pilers) / sum(pilers, 'stock_units')).toBeLessThan(0.2);
    expect(reportedBy(others) / sum(others, 'stock_units')).toBeGreaterThan(0.3);

    // Growing agents order more in the second half of their time than in the first.
    const growing = stats.filter((a) => String(a.tags).includes(TAG_GROWING)).map((a) => a.id as string);
    expect(growing.length).toBeGreaterThan(3);
    let early = 0;
    let late = 0;
    for (const id of growing) {
      const sql = "SELECT placed_at t FROM orders WHERE agent_id = ? AND status <> 'cancelled' ORDER BY t";
      const times = (await all<{ t: number }>(db, sql, id)).map((r) => r.t);
      if (times.length < 2) continue;
      const mid = (times[0] + NOW) / 2;
      for (const t of times) t < mid ? early++ : late++;
    }
    expect(late).toBeGreaterThan(early * 1.3);
  });

  it('reports sell-through of no more units than the agent bought before', async () => {
    expect(await num(db, 'SELECT count(*) FROM sellthrough_reports')).toBeGreaterThan(0);
    expect(await all(db, `
      SELECT r.id FROM sellthrough_reports r
      WHERE (SELECT SUM(r2.units) FROM sellthrough_reports r2 WHERE r2.agent_id = r.agent_id AND r2.product_id = r.product_id AND r2.day <= r.day)
          > (SELECT COALESCE(SUM(l.quantity), 0) FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE o.agent_id = r.agent_id AND l.product_id = r.product_id AND o.kind = 'stock'
               AND o.status <> 'cancelled' AND o.placed_day < r.day)`)).toEqual([]);
  });

  it('reports progress in phases and rolls back completely when aborted', async () => {
    const target = await freshDb();
    await generateDemo(target, { ...OPTS, lines: 5_000 });
    const before = await hashes(target);
    const settingBefore = await one(target, 'SELECT value FROM settings WHERE key = ?', DEMO_SETTING);

    const calls: [number, number, string][] = [];
    const done = await generateDemo(target, { ...OPTS, lines: 120_000, seed: 3, onProgress: (...c) => calls.push(c) });
    const phases = [...new Set(calls.map((c) => c[2]))];
    expect(phases).toEqual(['products', 'orders', 'agents', 'rollups', 'indexes']);
    const orderCalls = calls.filter((c) => c[2] === 'orders');
    expect(orderCalls.length).toBeLessThanOrEqual(4);
    expect(orderCalls.at(-1)).toEqual([120_000, 120_000, 'orders']);
    expect(done.lines).toBe(120_000);

    await generateDemo(target, { ...OPTS, lines: 5_000 });
    const controller = new AbortController();
    const run = generateDemo(target, {
      ...OPTS,
      lines: 120_000,
      seed: 3,
      signal: controller.signal,
      onProgress: (d, _t, phase) => phase === 'orders' && d >= 50_000 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await hashes(target)).toEqual(before);
    expect(await one(target, 'SELECT value FROM settings WHERE key = ?', DEMO_SETTING)).toEqual(settingBefore);
    expect(await all(target, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(await one(target, 'PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await num(target, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'order_lines_product'")).toBe(1);

    const aborted = new AbortController();
    aborted.abort();
    await expect(generateDemo(target, { ...OPTS, signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

// The demo writes its rollups from the facts as it generates them, instead of a rebuild at its end: they must be
// exactly what `analytics rebuild` computes from the facts it left.
describe('demo rollups', () => {
  // Every derived table but rollup_changes (a log the rebuild writes its '*' into; its marker is compared below).
  const ROLLUP_TABLES = DERIVED_TABLES.filter((t) => t !== 'rollup_changes');
  const snapshot = async (d: Db) => ({
    ...Object.fromEntries(await Promise.all(ROLLUP_TABLES.map(async (t) => [t, await all(d, `SELECT * FROM ${t} ORDER BY 1, 2, 3`)]))),
    changes: await all(d, 'SELECT agent_id FROM rollup_changes ORDER BY rev'),
    version: await all(d, "SELECT value FROM settings WHERE key = 'analytics.rollupsVersion'"),
    indexes: await all(d, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${ROLLUP_TABLES.map(() => '?').join(',')}) ORDER BY name`, ...ROLLUP_TABLES),
  });
  const rebuilt = async (d: Db) => {
    await d.transaction(async (trx) => {
      await trx('rollup_changes').delete(); // the rebuild adds its own '*'
      await rebuildRollups(trx);
    });
    return snapshot(d);
  };

  it('are every row of every rollup table what analytics rebuild computes, however the agents are cut into ranges', async () => {
    const generated = await snapshot(db);
    expect(generated.agent_day_stats.length).toBeGreaterThan(1000);
    expect(generated.agent_sku_days.length).toBeGreaterThan(1000);
    expect(generated.product_agent_days.length).toBeGreaterThan(1000);
    expect(generated.product_day_stats.length).toBeGreaterThan(100);
    expect(generated.changes).toEqual([{ agent_id: '*' }]);
    expect(generated.indexes).toEqual((await snapshot(await freshDb())).indexes);

    // Many small ranges (one per ~100 agents here), replacing earlier data, in a zone whose days are 23 or 25 hours.
    const other = await freshDb();
    await generateDemo(other, { ...OPTS, lines: 2_000 });
    await generateDemo(other, { ...OPTS, timeZone: 'America/New_York', rollupPartitionFacts: 10_000 });
    const cut = await snapshot(other);
    expect(cut.changes).toEqual([{ agent_id: '*' }]);
    expect(await rebuilt(other)).toEqual(cut);
    expect(await rebuilt(db)).toEqual(generated);
  });

  it('a cancel while they are written rolls the whole load back and leaves no spill files', async () => {
    const spills = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('dropship-demo-rollups-'));
    const before = spills();
    const target = await freshDb();
    await generateDemo(target, { ...OPTS, lines: 3_000 });
    const facts = await hashes(target);
    const rollups = await snapshot(target);
    const controller = new AbortController();
    const run = generateDemo(target, {
      ...OPTS,
      seed: 11,
      rollupPartitionFacts: 5_000,
      signal: controller.signal,
      onProgress: (done, _t, phase) => phase === 'rollups' && done === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await hashes(target)).toEqual(facts);
    expect(await snapshot(target)).toEqual(rollups);
    expect(spills()).toEqual(before);
  });
});
