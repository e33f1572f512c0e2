import type { Database } from 'better-sqlite3';
import { BulkInsert } from '../../db/demo/bulk';
import { AgentProductRollups } from './agentProductRollups';

/**
 * product_day_stats (and, from the same pass, product_agent_days and agent_sku_days: agentProductRollups.ts) from the facts in one pass over the lines, summed in a hash table: its keys are products ×
 * days (a few hundred thousand at most, however many lines there are), which SQLite could only group by sorting
 * every line twice (≈10 M sorter records at 5 M lines).
 *
 * Same rows as `GROUP BY product_id, day` over: each counted line on its order's placed day (lines, goods, units,
 * stock / dropship units) and, once shipped, on its shipping day (shipped, dropship shipped units); each
 * after-sales line on its case's day (returned, returned dropship units, by the case's order kind); each
 * sell-through report on its day (reported units); all-zero rows left out. tests/unit/rebuild.test.ts holds it to
 * that SQL.
 */

const COLUMNS = [
  'product_id', 'day', 'lines', 'goods_fen', 'units', 'stock_units', 'dropship_units',
  'shipped_units', 'dropship_shipped_units', 'returned_units', 'returned_dropship_units', 'reported_units',
] as const;
const N = 0, G = 1, U = 2, SU = 3, DU = 4, SHU = 5, DSHU = 6, RU = 7, RDU = 8, RP = 9;
const SUMS = 10;

/**
 * Orders first (CROSS JOIN keeps that loop order): each counted order's lines come one after another (the inner
 * loop of a nested-loop join, through the lines' order_id index), which lets the pass give product_agent_days one
 * record per product of an order. Cancelled orders' lines are never read.
 */
const LINES_SQL = `SELECT o.rowid, o.agent_id, l.product_id, o.kind, o.placed_day, o.shipped_day, l.quantity, l.unit_price_fen
  FROM orders o CROSS JOIN order_lines l ON l.order_id = o.id WHERE o.status <> 'cancelled'`;
const RETURNS_SQL = `SELECT l.product_id, o.kind, s.created_day, sl.quantity
  FROM after_sales_lines sl JOIN after_sales s ON s.id = sl.case_id JOIN order_lines l ON l.id = sl.order_line_id JOIN orders o ON o.id = s.order_id`;
const REPORTS_SQL = 'SELECT agent_id, product_id, day, units FROM sellthrough_reports';

/**
 * Sums per product and day, fed fact by fact: by the rebuild's scans and by the demo load (which knows its facts as
 * it writes them): one definition of what each fact adds to which day.
 */
export class ProductDays {
  private readonly byProduct = new Map<string, Map<number, Float64Array>>();

  /** A line of a counted (not cancelled) order: on its order's placed day, and on its shipping day once shipped. */
  line(product: string, kind: string, placed: number, shipped: number | null, q: number, price: number): void {
    const p = this.at(product, placed);
    p[N] += 1;
    p[G] += q * price;
    p[U] += q;
    if (kind === 'stock') p[SU] += q;
    else if (kind === 'dropship') p[DU] += q;
    if (shipped === null) return;
    const s = this.at(product, shipped);
    s[SHU] += q;
    if (kind === 'dropship') s[DSHU] += q;
  }

  /** An after-sales line on its case's day; `kind` is the order's. */
  returned(product: string, kind: string, day: number, q: number): void {
    const s = this.at(product, day);
    s[RU] += q;
    if (kind === 'dropship') s[RDU] += q;
  }

  reported(product: string, day: number, units: number): void {
    this.at(product, day)[RP] += units;
  }

  private at(product: string, day: number): Float64Array {
    let days = this.byProduct.get(product);
    if (!days) this.byProduct.set(product, (days = new Map()));
    let s = days.get(day);
    if (!s) days.set(day, (s = new Float64Array(SUMS)));
    return s;
  }

  /** Rows in key order, all-zero ones left out. */
  write(conn: Database): void {
    const out = new BulkInsert(conn, 'product_day_stats', COLUMNS);
    const row: unknown[] = new Array(COLUMNS.length);
    for (const product of [...this.byProduct.keys()].sort()) {
      const days = this.byProduct.get(product)!;
      for (const day of [...days.keys()].sort((x, y) => x - y)) {
        const s = days.get(day)!;
        if (!(s[N] || s[G] || s[U] || s[SHU] || s[RU] || s[RP])) continue;
        row[0] = product;
        row[1] = day;
        for (let k = 0; k < SUMS; k++) row[2 + k] = s[k];
        out.addRow(row);
      }
    }
    out.flush();
  }
}

/**
 * Rebuild product_day_stats, product_agent_days and agent_sku_days (emptied by the caller) from one pass over the
 * counted lines, the after-sales lines and the reports; product_agent_days gets one record per product of an order
 * (its first line of that product), agent_sku_days one per shipped dropship line and per report.
 */
export function rebuildProductDays(conn: Database, perRange?: number): void {
  const t = new ProductDays();
  const pa = new AgentProductRollups(conn, perRange);
  try {
    let order: number | null = null;
    let agent = 0;
    const seen: number[] = []; // the products of the current order so far: a few
    for (const [rowid, agentId, product, kind, placed, shipped, q, price] of conn.prepare(LINES_SQL).raw(true).iterate() as Iterable<
      [number, string, string, string, number, number | null, number, number]
    >) {
      t.line(product, kind, placed, shipped, q, price);
      if (rowid !== order) {
        order = rowid;
        agent = pa.agent(agentId);
        seen.length = 0;
      }
      const p = pa.product(product);
      if (!seen.includes(p)) {
        seen.push(p);
        pa.productOrder(agent, p, placed);
      }
      if (kind === 'dropship' && shipped !== null) pa.sku(agent, shipped, p, q);
    }
    for (const [product, kind, day, q] of conn.prepare(RETURNS_SQL).raw(true).iterate() as Iterable<[string, string, number, number]>) t.returned(product, kind, day, q);
    for (const [agentId, product, day, units] of conn.prepare(REPORTS_SQL).raw(true).iterate() as Iterable<[string, string, number, number]>) {
      t.reported(product, day, units);
      pa.sku(pa.agent(agentId), day, pa.product(product), units);
    }
    t.write(conn);
    pa.write(conn);
  } finally {
    pa.dispose();
  }
}
