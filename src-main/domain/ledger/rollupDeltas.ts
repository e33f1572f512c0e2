import { ApiError } from '@contract';
import { rawConnection } from '../../db/open';
import { prepared } from '../common/prepared';
import type { LedgerContext } from './context';
import type { CaseFacts, OrderFacts, ReportFacts } from './facts';

/**
 * Incremental upkeep of the rollups (migration 20261202090000_analytics_rollups has the column meanings). Each write
 * adds the rollup contribution of the facts after it and subtracts that of the facts before it; the contribution
 * functions below say per write what the rebuild (rebuild.ts) computes from all facts, and a property test holds the two to
 * exactly the same rows. Rows that end all zero are deleted, since a rebuild never makes them.
 */

interface Spec {
  table: string;
  keys: readonly string[];
  sums: readonly string[];
  /** Whether the table is per agent (its changes are logged in rollup_changes). */
  perAgent: boolean;
}

const AGENT_DAY: Spec = {
  table: 'agent_day_stats',
  keys: ['agent_id', 'day'],
  sums: [
    'orders', 'goods_fen', 'units', 'stock_units', 'dropship_units', 'shipping_fen',
    'shipped_units', 'dropship_shipped_units', 'refund_fen', 'returned_units', 'returned_dropship_units', 'reported_units',
  ],
  perAgent: true,
};
const PRODUCT_DAY: Spec = {
  table: 'product_day_stats',
  keys: ['product_id', 'day'],
  sums: [
    'lines', 'goods_fen', 'units', 'stock_units', 'dropship_units',
    'shipped_units', 'dropship_shipped_units', 'returned_units', 'returned_dropship_units', 'reported_units',
  ],
  perAgent: false,
};
const AGENT_SKU_DAY: Spec = { table: 'agent_sku_days', keys: ['agent_id', 'day', 'product_id'], sums: ['consumer_units'], perAgent: true };
/** Per product, agent and placed day: counted orders with the product (the product report's distinct orders and agents). */
const PRODUCT_AGENT_DAY: Spec = { table: 'product_agent_days', keys: ['product_id', 'agent_id', 'day'], sums: ['orders'], perAgent: false };
const SPECS = [AGENT_DAY, PRODUCT_DAY, AGENT_SKU_DAY, PRODUCT_AGENT_DAY];

type Sums<S extends Spec> = Partial<Record<S['sums'][number], number>>;
interface Delta {
  key: (string | number)[];
  sums: number[];
}

const upsertSql = (s: Spec) =>
  `INSERT INTO ${s.table} (${[...s.keys, ...s.sums].join(', ')}) VALUES (${[...s.keys, ...s.sums].map(() => '?').join(', ')})
   ON CONFLICT (${s.keys.join(', ')}) DO UPDATE SET ${s.sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}
   RETURNING ${s.sums.join(', ')}`;
const deleteSql = (s: Spec) => `DELETE FROM ${s.table} WHERE ${s.keys.map((k) => `${k} = ?`).join(' AND ')}`;
const SQL = new Map(SPECS.map((s) => [s, { upsert: upsertSql(s), remove: deleteSql(s) }]));

/** The rollup deltas of one write, summed per row key, then applied in its transaction. */
export class RollupDeltas {
  private rows = new Map<Spec, Map<string, Delta>>(SPECS.map((s) => [s, new Map()]));

  private add<S extends Spec>(spec: S, key: (string | number)[], sums: Sums<S>, sign: number): void {
    const byKey = this.rows.get(spec)!;
    const k = key.join('\u0000');
    let d = byKey.get(k);
    if (!d) byKey.set(k, (d = { key, sums: spec.sums.map(() => 0) }));
    spec.sums.forEach((c, i) => {
      const v = (sums as Record<string, number | undefined>)[c];
      if (v) d.sums[i] += sign * v;
    });
  }

  /** A counted (not cancelled) order: on its placed day, and on its shipping day once shipped. */
  order(o: OrderFacts, sign: 1 | -1): this {
    if (o.status === 'cancelled') return this;
    const stock = o.kind === 'stock';
    const dropship = o.kind === 'dropship';
    this.add(AGENT_DAY, [o.agentId, o.placedDay], {
      orders: 1, goods_fen: o.goodsFen, units: o.units, stock_units: stock ? o.units : 0, dropship_units: dropship ? o.units : 0,
      shipping_fen: o.shippingFen,
    }, sign);
    if (o.shippedDay !== null)
      this.add(AGENT_DAY, [o.agentId, o.shippedDay], { shipped_units: o.units, dropship_shipped_units: dropship ? o.units : 0 }, sign);
    // Once per product however many of the order's lines it has.
    for (const productId of new Set(o.lines.map((l) => l.productId))) this.add(PRODUCT_AGENT_DAY, [productId, o.agentId, o.placedDay], { orders: 1 }, sign);
    for (const l of o.lines) {
      const q = l.quantity;
      this.add(PRODUCT_DAY, [l.productId, o.placedDay], {
        lines: 1, goods_fen: q * l.unitPriceFen, units: q, stock_units: stock ? q : 0, dropship_units: dropship ? q : 0,
      }, sign);
      if (o.shippedDay === null) continue;
      this.add(PRODUCT_DAY, [l.productId, o.shippedDay], { shipped_units: q, dropship_shipped_units: dropship ? q : 0 }, sign);
      if (dropship) this.add(AGENT_SKU_DAY, [o.agentId, o.shippedDay, l.productId], { consumer_units: q }, sign);
    }
    return this;
  }

  /** An after-sales case: refund and returned units on the day it was created. */
  afterSales(c: CaseFacts, sign: 1 | -1): this {
    const units = c.lines.reduce((s, l) => s + l.quantity, 0);
    const dropship = c.kind === 'dropship';
    this.add(AGENT_DAY, [c.agentId, c.day], { refund_fen: c.refundFen, returned_units: units, returned_dropship_units: dropship ? units : 0 }, sign);
    for (const l of c.lines)
      this.add(PRODUCT_DAY, [l.productId, c.day], { returned_units: l.quantity, returned_dropship_units: dropship ? l.quantity : 0 }, sign);
    return this;
  }

  /** A sell-through report: units that reached consumers on its day. */
  sellThrough(r: ReportFacts, sign: 1 | -1): this {
    this.add(AGENT_DAY, [r.agentId, r.day], { reported_units: r.units }, sign);
    this.add(PRODUCT_DAY, [r.productId, r.day], { reported_units: r.units }, sign);
    this.add(AGENT_SKU_DAY, [r.agentId, r.day, r.productId], { consumer_units: r.units }, sign);
    return this;
  }

  /**
   * Upserts every non-zero delta, deletes the rows it leaves all zero, and appends one rollup_changes row for each
   * agent whose rollups this transaction changed (once per transaction: ctx.changes remembers). A row going below
   * zero means the rollups had drifted from the facts: the write is refused rather than made worse.
   */
  async apply(ctx: Pick<LedgerContext, 'trx' | 'changes'>): Promise<void> {
    const agents = new Set<string>();
    const tables: string[] = [];
    await rawConnection(ctx.trx, (conn) => {
      for (const spec of SPECS) {
        const sql = SQL.get(spec)!;
        let touched = false;
        for (const d of this.rows.get(spec)!.values()) {
          if (d.sums.every((v) => v === 0)) continue;
          touched = true;
          if (spec.perAgent) agents.add(d.key[0] as string);
          const after = Object.values(prepared(conn, sql.upsert).get([...d.key, ...d.sums]) as Record<string, number>);
          if (after.some((v) => v < 0))
            throw new ApiError('INTERNAL', `the analytics rollups are out of step with the orders (${spec.table} ${d.key.join(' ')}); run \`analytics rebuild\``);
          if (after.every((v) => v === 0)) prepared(conn, sql.remove).run(d.key);
        }
        if (touched) tables.push(spec.table);
      }
      const fresh = [...agents].filter((a) => !ctx.changes.rollupLogged.has(a)).sort();
      const log = prepared(conn, 'INSERT INTO rollup_changes (agent_id) VALUES (?)');
      for (const a of fresh) {
        log.run(a);
        ctx.changes.rollupLogged.add(a);
      }
      if (fresh.length) tables.push('rollup_changes');
    });
    ctx.changes.touch(tables, agents);
  }
}
