import type { Database } from 'better-sqlite3';
import { BulkInsert } from '../../db/demo/bulk';

/**
 * agent_day_stats from the facts, in bounded memory and without SQLite's sorter. The agents' id space is cut into
 * ranges of about PARTITION_FACTS fact rows; for each range, the orders, after-sales cases and sell-through reports
 * of its agents are read by a plain table scan (NOT INDEXED: an index range read fetches rows all over the file,
 * 5× slower measured), their contributions grouped per agent (counting sort) and per day, and the rows inserted in
 * key order. A GROUP BY over the union of the four sources (the previous rebuild) sorts ~6 M records at 5 M lines in
 * SQLite's sorter (≈3.5 µs each, and its temp files in memory unless temp_store is FILE); the contributions here
 * cost ~30 bytes each, and a range's scan of a table SQLite filters itself is cheap.
 *
 * Same rows as `GROUP BY agent_id, day` over: counted orders on placed_day (orders, goods, units, stock / dropship
 * units, shipping), counted orders on shipped_day (shipped, dropship shipped units), cases joined to their order
 * on created_day (refund, returned, returned dropship units), reports on day (reported units); a row whose sums
 * are all zero is left out (the ledger deletes such rows too). tests/unit/rebuild.test.ts holds it to that SQL.
 */

/** Fact rows (contributions) per range: ~30 MB of typed arrays at the most. */
export const PARTITION_FACTS = 1_000_000;

const COLUMNS = [
  'agent_id', 'day', 'orders', 'goods_fen', 'units', 'stock_units', 'dropship_units', 'shipping_fen',
  'shipped_units', 'dropship_shipped_units', 'refund_fen', 'returned_units', 'returned_dropship_units', 'reported_units',
] as const;
/** Sums, in COLUMNS order after the key. */
const O = 0, G = 1, U = 2, SU = 3, DU = 4, SH = 5, SHU = 6, DSHU = 7, RF = 8, RU = 9, RDU = 10, RP = 11;
const SUMS = 12;

/** What a contribution is; its values a, b, c mean what the comment says. */
const enum Tag {
  /** A counted order on its placed day, of kind stock / dropship / other: a = goods, b = units, c = shipping. */
  PlacedStock, PlacedDropship, PlacedOther,
  /** A counted order on its shipping day: b = units. */
  ShippedDropship, ShippedOther,
  /** An after-sales case of a dropship / other order: a = refund, b = returned units. */
  CaseDropship, CaseOther,
  /** A sell-through report: b = units. */
  Report,
}

const range = (col: string) => `(@lo IS NULL OR ${col} >= @lo) AND (@hi IS NULL OR ${col} < @hi)`;
const ORDERS_SQL = `SELECT agent_id, kind, placed_day, shipped_day, goods_amount_fen, units, shipping_fee_fen
  FROM orders NOT INDEXED WHERE status <> 'cancelled' AND ${range('agent_id')}`;
const CASES_SQL = `SELECT s.agent_id, o.kind, s.created_day, s.refund_fen, s.returned_units
  FROM after_sales s NOT INDEXED JOIN orders o ON o.id = s.order_id WHERE ${range('s.agent_id')}`;
const REPORTS_SQL = `SELECT agent_id, day, units FROM sellthrough_reports NOT INDEXED WHERE ${range('agent_id')}`;

/** The contributions of one range of agents, in arrays that grow as needed. */
class Contributions {
  slot = new Int32Array(0);
  day = new Int32Array(0);
  tag = new Uint8Array(0);
  a = new Float64Array(0);
  b = new Float64Array(0);
  c = new Float64Array(0);
  n = 0;
  /** Agent id → slot in this range, and back. */
  readonly slots = new Map<string, number>();
  readonly ids: string[] = [];

  reset(): void {
    this.n = 0;
    this.slots.clear();
    this.ids.length = 0;
  }

  add(agent: string, day: number, tag: Tag, a: number, b: number, c: number): void {
    let s = this.slots.get(agent);
    if (s === undefined) {
      this.slots.set(agent, (s = this.ids.length));
      this.ids.push(agent);
    }
    if (this.n === this.slot.length) this.grow();
    const i = this.n++;
    this.slot[i] = s;
    this.day[i] = day;
    this.tag[i] = tag;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
  }

  private grow(): void {
    const size = Math.max(1024, this.slot.length * 2);
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const arr = make(size);
      arr.set(old);
      return arr;
    };
    this.slot = widen(this.slot, (n) => new Int32Array(n));
    this.day = widen(this.day, (n) => new Int32Array(n));
    this.tag = widen(this.tag, (n) => new Uint8Array(n));
    this.a = widen(this.a, (n) => new Float64Array(n));
    this.b = widen(this.b, (n) => new Float64Array(n));
    this.c = widen(this.c, (n) => new Float64Array(n));
  }
}

/** Agent-id ranges [lo, hi) (null: unbounded) that together cover every id, each with about PARTITION_FACTS facts. */
export function agentRanges(conn: Database, perRange = PARTITION_FACTS): [string | null, string | null][] {
  // The largest rowid: as many rows or more (after deletes), without a scan of a table whose indexes a bulk load dropped.
  const count = (t: string) => Number(conn.prepare(`SELECT COALESCE(MAX(rowid), 0) FROM ${t}`).pluck().get());
  // Two contributions per order at most (placed, shipped), one per case and per report.
  const facts = 2 * count('orders') + count('after_sales') + count('sellthrough_reports');
  const k = Math.max(1, Math.ceil(facts / perRange));
  const ids = conn.prepare('SELECT id FROM agents ORDER BY id').pluck().all() as string[];
  const bounds: (string | null)[] = [null];
  // Facts spread over agents unevenly but not wildly: equal numbers of agents per range are close enough.
  for (let i = 1; i < k && ids.length; i++) {
    const b = ids[Math.floor((i * ids.length) / k)];
    if (b !== bounds.at(-1)) bounds.push(b);
  }
  bounds.push(null);
  return bounds.slice(0, -1).map((lo, i) => [lo, bounds[i + 1]]);
}

/** Rebuild agent_day_stats (emptied by the caller), one agent range after another; `step` after each range. */
export function rebuildAgentDays(conn: Database, ranges: [string | null, string | null][], step: (done: number) => void = () => undefined): void {
  const orders = conn.prepare(ORDERS_SQL).raw(true);
  const cases = conn.prepare(CASES_SQL).raw(true);
  const reports = conn.prepare(REPORTS_SQL).raw(true);
  const out = new BulkInsert(conn, 'agent_day_stats', COLUMNS);
  const c = new Contributions();
  for (const [i, [lo, hi]] of ranges.entries()) {
    c.reset();
    const p = { lo, hi };
    for (const [agent, kind, placed, shipped, goods, units, shipping] of orders.iterate(p) as Iterable<[string, string, number, number | null, number, number, number]>) {
      const dropship = kind === 'dropship';
      c.add(agent, placed, kind === 'stock' ? Tag.PlacedStock : dropship ? Tag.PlacedDropship : Tag.PlacedOther, goods, units, shipping);
      if (shipped !== null) c.add(agent, shipped, dropship ? Tag.ShippedDropship : Tag.ShippedOther, 0, units, 0);
    }
    for (const [agent, kind, day, refund, returned] of cases.iterate(p) as Iterable<[string, string, number, number, number]>)
      c.add(agent, day, kind === 'dropship' ? Tag.CaseDropship : Tag.CaseOther, refund, returned, 0);
    for (const [agent, day, units] of reports.iterate(p) as Iterable<[string, number, number]>) c.add(agent, day, Tag.Report, 0, units, 0);
    writeRows(c, out);
    out.flush();
    step(i + 1);
  }
}

/** Group the contributions per agent (in id order) and day, and insert the rows that are not all zero. */
function writeRows(c: Contributions, out: BulkInsert): void {
  const agents = c.ids.length;
  // Counting sort by agent slot: order[first[s] .. first[s + 1]) are slot s's contributions.
  const first = new Int32Array(agents + 1);
  for (let i = 0; i < c.n; i++) first[c.slot[i] + 1]++;
  for (let s = 0; s < agents; s++) first[s + 1] += first[s];
  const fill = first.slice(0, agents);
  const order = new Int32Array(c.n);
  for (let i = 0; i < c.n; i++) order[fill[c.slot[i]]++] = i;

  const byId = Array.from({ length: agents }, (_, s) => s).sort((x, y) => (c.ids[x] < c.ids[y] ? -1 : c.ids[x] > c.ids[y] ? 1 : 0));
  const sums = new Float64Array(SUMS);
  const row: unknown[] = new Array(COLUMNS.length);
  for (const s of byId) {
    const lo = first[s];
    const hi = first[s + 1];
    // An agent has a few dozen contributions, nearly in day order already (the tables are mostly in time order).
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i];
      const d = c.day[x];
      let j = i - 1;
      while (j >= lo && c.day[order[j]] > d) order[j + 1] = order[j--];
      order[j + 1] = x;
    }
    for (let i = lo; i < hi; ) {
      const day = c.day[order[i]];
      sums.fill(0);
      for (; i < hi && c.day[order[i]] === day; i++) addTo(sums, c, order[i]);
      if (sums[O] || sums[G] || sums[U] || sums[SH] || sums[SHU] || sums[RF] || sums[RU] || sums[RP]) {
        row[0] = c.ids[s];
        row[1] = day;
        for (let k = 0; k < SUMS; k++) row[2 + k] = sums[k];
        out.addRow(row);
      }
    }
  }
}

function addTo(s: Float64Array, c: Contributions, i: number): void {
  const a = c.a[i];
  const b = c.b[i];
  switch (c.tag[i] as Tag) {
    case Tag.PlacedStock:
    case Tag.PlacedDropship:
    case Tag.PlacedOther:
      s[O] += 1;
      s[G] += a;
      s[U] += b;
      if (c.tag[i] === Tag.PlacedStock) s[SU] += b;
      else if (c.tag[i] === Tag.PlacedDropship) s[DU] += b;
      s[SH] += c.c[i];
      break;
    case Tag.ShippedDropship:
      s[DSHU] += b;
    // falls through: dropship units shipped are shipped units too
    case Tag.ShippedOther:
      s[SHU] += b;
      break;
    case Tag.CaseDropship:
      s[RDU] += b;
    // falls through
    case Tag.CaseOther:
      s[RF] += a;
      s[RU] += b;
      break;
    case Tag.Report:
      s[RP] += b;
      break;
  }
}
