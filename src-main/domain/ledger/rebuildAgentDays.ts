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

/**
 * The facts of a range of agents as contributions to their agent days, in arrays that grow as needed; `write` groups
 * them into agent_day_stats rows. Fed by the rebuild's table scans and by the demo load (which knows its facts as it
 * writes them): one definition of what each fact adds to which day.
 */
export class AgentDayFacts {
  private slot = new Int32Array(0);
  private day = new Int32Array(0);
  private tag = new Uint8Array(0);
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  private c = new Float64Array(0);
  private n = 0;
  /** Agent id → slot in this range, and back. */
  private readonly slots = new Map<string, number>();
  private readonly ids: string[] = [];

  /**
   * Empties it for the next range; `ids`, when the range's agents are known up front, are its slots (0, 1, …),
   * and `facts` the number of contributions to come (arrays sized once).
   */
  reset(ids: readonly string[] = [], facts = 0): void {
    this.n = 0;
    this.slots.clear();
    this.ids.length = 0;
    for (const id of ids) this.slotOf(id);
    if (facts > this.slot.length) this.grow(facts);
  }

  /** The slot of an agent, given one on first sight. */
  slotOf(agent: string): number {
    let s = this.slots.get(agent);
    if (s === undefined) {
      this.slots.set(agent, (s = this.ids.length));
      this.ids.push(agent);
    }
    return s;
  }

  /** A counted (not cancelled) order: on its placed day, and on its shipping day once shipped. */
  order(slot: number, kind: string, placed: number, shipped: number | null, goods: number, units: number, shipping: number): void {
    const dropship = kind === 'dropship';
    this.add(slot, placed, kind === 'stock' ? Tag.PlacedStock : dropship ? Tag.PlacedDropship : Tag.PlacedOther, goods, units, shipping);
    if (shipped !== null) this.add(slot, shipped, dropship ? Tag.ShippedDropship : Tag.ShippedOther, 0, units, 0);
  }

  /** An after-sales case on its day; `kind` is its order's. */
  afterSale(slot: number, kind: string, day: number, refund: number, returned: number): void {
    this.add(slot, day, kind === 'dropship' ? Tag.CaseDropship : Tag.CaseOther, refund, returned, 0);
  }

  report(slot: number, day: number, units: number): void {
    this.add(slot, day, Tag.Report, 0, units, 0);
  }

  private add(s: number, day: number, tag: Tag, a: number, b: number, c: number): void {
    if (this.n === this.slot.length) this.grow(Math.max(1024, this.slot.length * 2));
    const i = this.n++;
    this.slot[i] = s;
    this.day[i] = day;
    this.tag[i] = tag;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
  }

  private grow(size: number): void {
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

  /** Group the contributions per agent (in id order) and day, and insert the rows that are not all zero. */
  write(out: BulkInsert): void {
    const agents = this.ids.length;
    const { slot, day: dayOf, ids } = this;
    // Counting sort by agent slot: order[first[s] .. first[s + 1]) are slot s's contributions.
    const first = new Int32Array(agents + 1);
    for (let i = 0; i < this.n; i++) first[slot[i] + 1]++;
    for (let s = 0; s < agents; s++) first[s + 1] += first[s];
    const fill = first.slice(0, agents);
    const order = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) order[fill[slot[i]]++] = i;

    const byId = Array.from({ length: agents }, (_, s) => s).sort((x, y) => (ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : 0));
    const sums = new Float64Array(SUMS);
    const row: unknown[] = new Array(COLUMNS.length);
    for (const s of byId) {
      const lo = first[s];
      const hi = first[s + 1];
      // An agent has a few dozen contributions, nearly in day order already (facts come mostly in time order).
      for (let i = lo + 1; i < hi; i++) {
        const x = order[i];
        const d = dayOf[x];
        let j = i - 1;
        while (j >= lo && dayOf[order[j]] > d) order[j + 1] = order[j--];
        order[j + 1] = x;
      }
      for (let i = lo; i < hi; ) {
        const day = dayOf[order[i]];
        sums.fill(0);
        for (; i < hi && dayOf[order[i]] === day; i++) this.addTo(sums, order[i]);
        if (sums[O] || sums[G] || sums[U] || sums[SH] || sums[SHU] || sums[RF] || sums[RU] || sums[RP]) {
          row[0] = ids[s];
          row[1] = day;
          for (let k = 0; k < SUMS; k++) row[2 + k] = sums[k];
          out.addRow(row);
        }
      }
    }
  }

  private addTo(s: Float64Array, i: number): void {
    const a = this.a[i];
    const b = this.b[i];
    const tag = this.tag[i] as Tag;
    switch (tag) {
      case Tag.PlacedStock:
      case Tag.PlacedDropship:
      case Tag.PlacedOther:
        s[O] += 1;
        s[G] += a;
        s[U] += b;
        if (tag === Tag.PlacedStock) s[SU] += b;
        else if (tag === Tag.PlacedDropship) s[DU] += b;
        s[SH] += this.c[i];
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
  const out = agentDayInsert(conn);
  const c = new AgentDayFacts();
  for (const [i, [lo, hi]] of ranges.entries()) {
    c.reset();
    const p = { lo, hi };
    for (const [agent, kind, placed, shipped, goods, units, shipping] of orders.iterate(p) as Iterable<[string, string, number, number | null, number, number, number]>)
      c.order(c.slotOf(agent), kind, placed, shipped, goods, units, shipping);
    for (const [agent, kind, day, refund, returned] of cases.iterate(p) as Iterable<[string, string, number, number, number]>)
      c.afterSale(c.slotOf(agent), kind, day, refund, returned);
    for (const [agent, day, units] of reports.iterate(p) as Iterable<[string, number, number]>) c.report(c.slotOf(agent), day, units);
    c.write(out);
    out.flush();
    step(i + 1);
  }
}

/** The insert that AgentDayFacts.write fills. */
export const agentDayInsert = (conn: Database) => new BulkInsert(conn, 'agent_day_stats', COLUMNS);
