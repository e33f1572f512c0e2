import type { Database } from 'better-sqlite3';
import { type Db, rawConnection, withPageCache } from '../../db/open';
import { yieldToLoop } from '../common/job';
import { AGENT_COLUMNS, AgentTable, type AgentAttributes } from './agentTable';
import { epochDay } from './epochDays';
import { DaySeries, type Width } from './series';
import { EVERY_AGENT, latestRev, readChanges } from './changes';
import { Tables } from './tables';

/** agent_day_stats columns in the order the loader reads them (see the rollups migration for their meaning). */
const DAY_COLUMNS = [
  'day', 'orders', 'goods_fen', 'units', 'stock_units', 'shipping_fen',
  'shipped_units', 'dropship_shipped_units', 'refund_fen', 'returned_units', 'returned_dropship_units', 'reported_units',
] as const;
const STRIDE = DAY_COLUMNS.length;
const C = Object.fromEntries(DAY_COLUMNS.map((c, i) => [c, i])) as Record<(typeof DAY_COLUMNS)[number], number>;

/**
 * The agent-day columns split by what a day row records, so that rare facts (returns, sell-through reports,
 * stock orders) cost no memory on the many days without them. A row goes to a group when any of `when` is not 0.
 * `placed` is keyed on orders: its other columns are "of counted orders placed that day", so they are 0 with it,
 * and the number of its rows in a period is the agent's active days.
 */
const GROUPS = {
  placed: { columns: { orders: C.orders, goods: C.goods_fen, units: C.units, shipping: C.shipping_fen }, when: [C.orders] },
  stock: { columns: { stock: C.stock_units } },
  shipped: { columns: { shipped: C.shipped_units, dropshipShipped: C.dropship_shipped_units } },
  afterSales: { columns: { refund: C.refund_fen, returned: C.returned_units, returnedDropship: C.returned_dropship_units } },
  reported: { columns: { reported: C.reported_units } },
} as const;
type Group = keyof typeof GROUPS;
const MONEY = new Set<number>([C.goods_fen, C.shipping_fen, C.refund_fen]);

/** Whether any of the columns at `offsets` of the row at `i` is not 0. */
function included(flat: readonly number[], i: number, offsets: readonly number[]): boolean {
  for (let k = 0; k < offsets.length; k++) if (flat[i + offsets[k]] !== 0) return true;
  return false;
}
/** agent_sku_days rows as loaded: day, product. */
const SKU_OFFSETS = [1];

type SeriesOf<G extends Group> = DaySeries<Extract<keyof (typeof GROUPS)[G]['columns'], string>>;

function seriesFor<G extends Group>(g: G): SeriesOf<G> {
  const cols = GROUPS[g].columns as Record<string, number>;
  const kinds = Object.fromEntries(Object.entries(cols).map(([name, col]) => [name, (MONEY.has(col) ? 'i32' : 'u16') as Width]));
  return new DaySeries(kinds) as SeriesOf<G>;
}

/** Agents per load step: one step holds the connection for a few ms, then other calls get their turn. */
const CHUNK_AGENTS = 500;
/** More changed agents than this share of all: reloading everything is cheaper than per-agent queries. */
const FULL_RELOAD_SHARE = 0.2;
const IN_BATCH = 500;
const LOAD_CACHE_KIB = 8 * 1024;
/** Refreshes remembered for kept results to catch up with. */
const JOURNAL = 64;

/** The figures every analytics read uses: agents and their day rows, as of `rev` of rollup_changes. */
export class ModelData {
  readonly agents: AgentTable;
  readonly placed = seriesFor('placed');
  readonly stock = seriesFor('stock');
  readonly shipped = seriesFor('shipped');
  readonly afterSales = seriesFor('afterSales');
  readonly reported = seriesFor('reported');
  /** Products an agent got to consumers per day (agent_sku_days), by products.rowid. */
  readonly skus = new DaySeries({ product: 'u16' });
  rev = 0;
  /** Bumped whenever an agent's rows are replaced: one-agent figures computed before are stale. */
  stamp = 0;
  /** Per-period sums and order histories computed from the rows, kept current with them. */
  readonly tables = new Tables(this);
  /** Each group's series, the row offsets of its columns, and the offsets of which one not 0 puts a row in it. */
  private readonly groups: [DaySeries<string>, number[], number[]][];
  private readonly counts: Int32Array;

  constructor(timeZone: string) {
    this.agents = new AgentTable(timeZone);
    this.groups = (Object.keys(GROUPS) as Group[]).map((g) => {
      const def = GROUPS[g] as { columns: Record<string, number>; when?: readonly number[] };
      const cols = Object.values(def.columns);
      return [this[g] as DaySeries<string>, cols, [...(def.when ?? cols)]];
    });
    this.counts = new Int32Array(this.groups.length);
  }

  get series(): DaySeries<string>[] {
    return [...this.groups.map((g) => g[0]), this.skus];
  }

  /**
   * The whole channel's purchase amount and counted orders per day (epoch day index), kept with every put: the
   * unscoped dashboard's daily trend without a pass over every agent.
   */
  readonly channelDays = { amount: new Float64Array(1 << 16), orders: new Float64Array(1 << 16) };

  /** Add (sign 1) or take out (−1) agent `a`'s rows from channelDays. */
  private addToChannel(a: number, sign: 1 | -1): void {
    const { placed, afterSales, channelDays: c } = this;
    for (let i = placed.start[a], e = placed.end[a]; i < e; i++) {
      c.amount[placed.day[i]] += sign * placed.cols.goods[i];
      c.orders[placed.day[i]] += sign * placed.cols.orders[i];
    }
    for (let i = afterSales.start[a], e = afterSales.end[a]; i < e; i++) c.amount[afterSales.day[i]] -= sign * afterSales.cols.refund[i];
  }

  /** Replace agent `a`'s day rows: `flat` holds DAY_COLUMNS of each row in turn, in day order. */
  putDays(a: number, flat: readonly number[]): void {
    this.stamp++;
    if (a < this.placed.start.length) this.addToChannel(a, -1);
    this.putRows(a, flat);
    this.addToChannel(a, 1);
  }

  /** Each row to every group it has facts for: one pass to count the group's rows, one to write them. */
  private putRows(a: number, flat: readonly number[]): void {
    const groups = this.groups;
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < flat.length; i += STRIDE) for (let g = 0; g < groups.length; g++) if (included(flat, i, groups[g][2])) counts[g]++;
    for (let g = 0; g < groups.length; g++) groups[g][0].begin(a, counts[g]);
    for (let i = 0; i < flat.length; i += STRIDE) {
      const day = epochDay(flat[i + C.day]);
      for (let g = 0; g < groups.length; g++) if (included(flat, i, groups[g][2])) groups[g][0].append(a, day, flat, i, groups[g][1]);
    }
  }

  /** Replace agent `a`'s SKU days: `flat` holds day, product number of each row in turn, in day order. */
  putSkus(a: number, flat: readonly number[]): void {
    this.stamp++;
    const s = this.skus;
    s.begin(a, flat.length / 2);
    for (let i = 0; i < flat.length; i += 2) s.append(a, epochDay(flat[i]), flat, i, SKU_OFFSETS);
  }

  /** Empty runs for an agent without day rows. */
  clearAgent(a: number): void {
    this.putDays(a, []);
    this.putSkus(a, []);
  }

  get bytes(): number {
    return this.series.reduce((s, x) => s + x.bytes, 0);
  }
}

/**
 * One row per agent: its id and its day rows flattened into one list of numbers (DAY_COLUMNS per row, in
 * (agent, day) key order). Turning millions of rows into JS values one by one costs several times more than
 * SQLite's text of the numbers and one JSON.parse per agent.
 */
const daysSql = (where: string) =>
  `SELECT agent_id, group_concat(printf('${DAY_COLUMNS.map(() => '%d').join(',')}', ${DAY_COLUMNS.join(', ')})) FROM agent_day_stats WHERE ${where} GROUP BY agent_id`;
/** The same for agent_sku_days: day, products.rowid (a product deleted since is not counted). */
const skusSql = (where: string) =>
  `SELECT s.agent_id, group_concat(printf('%d,%d', s.day, p.rowid)) FROM agent_sku_days s CROSS JOIN products p ON p.id = s.product_id WHERE ${where} GROUP BY s.agent_id`;

/**
 * The numbers of `text`, rows of `stride` in ascending order of their first number. group_concat follows
 * the key order SQLite scans in, which SQL does not promise: rows out of order are sorted here.
 */
function parseRows(text: string | null, stride: number): number[] {
  const flat = text ? (JSON.parse(`[${text}]`) as number[]) : [];
  for (let i = stride; i < flat.length; i += stride) {
    if (flat[i] >= flat[i - stride]) continue;
    const rows = Array.from({ length: flat.length / stride }, (_, r) => flat.slice(r * stride, (r + 1) * stride));
    return rows.sort((x, y) => x[0] - y[0]).flat();
  }
  return flat;
}

/** Hand each known agent's rows to `put`; rows of an agent that no longer exists are not ranked anywhere. */
function putEach(m: ModelData, rows: [string, string | null][], stride: number, put: (a: number, flat: number[]) => void): void {
  for (const [id, text] of rows) {
    const a = m.agents.indexOf(id);
    if (a !== undefined && m.agents.present[a]) put(a, parseRows(text, stride));
  }
}

type Conn = Database;
const idBounds = (col: string, lo: string | null, hi: string | null) =>
  [lo !== null ? `${col} >= @lo` : '1', hi !== null ? `${col} < @hi` : '1'].join(' AND ');

/** Load agents with ids in [lo, hi) (null: unbounded) with their rows, in one go on the connection. */
function loadRange(conn: Conn, m: ModelData, lo: string | null, hi: string | null): void {
  const params = { lo, hi };
  for (const r of conn.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE ${idBounds('id', lo, hi)}`).all(params) as AgentAttributes[]) m.agents.set(r);
  putEach(m, conn.prepare(daysSql(idBounds('agent_id', lo, hi))).raw(true).all(params) as [string, string][], STRIDE, (a, f) => m.putDays(a, f));
  putEach(m, conn.prepare(skusSql(idBounds('s.agent_id', lo, hi))).raw(true).all(params) as [string, string][], 2, (a, f) => m.putSkus(a, f));
}

/** How many rows each of `m.series` will hold: one scan of agent_day_stats' columns, and the count of agent_sku_days. */
function seriesRows(conn: Conn, m: ModelData): number[] {
  const groups = (Object.keys(GROUPS) as Group[]).map((g) => {
    const def = GROUPS[g] as { columns: Record<string, number>; when?: readonly number[] };
    return `SUM(${[...(def.when ?? Object.values(def.columns))].map((c) => `${DAY_COLUMNS[c]} <> 0`).join(' OR ')})`;
  });
  const days = conn.prepare(`SELECT ${groups.join(', ')} FROM agent_day_stats`).raw(true).get() as (number | null)[];
  const skus = conn.prepare('SELECT COUNT(*) FROM agent_sku_days').pluck().get() as number;
  const n = [...days.map((x) => x ?? 0), skus];
  if (n.length !== m.series.length) throw new Error('seriesRows: one count per series');
  return n;
}

/** Every agent and day row, in steps of CHUNK_AGENTS agents that yield to the event loop in between. */
async function loadAll(db: Db, timeZone: string): Promise<ModelData> {
  const m = new ModelData(timeZone);
  m.rev = await rawConnection(db, (conn) => latestRev(conn));
  const ids = await rawConnection(db, (conn) => conn.prepare('SELECT id FROM agents ORDER BY id').pluck().all() as string[]);
  for (const s of m.series) s.ensureAgents(ids.length);
  // Size the arrays once, from counts, instead of growing them step by step: the first step's agents (the oldest
  // ids) have the longest histories, and sizing from them reserved ~3× the rows (RSS, and copies when trimmed).
  const sizes = await rawConnection(db, (conn) => seriesRows(conn, m));
  m.series.forEach((s, k) => s.reserve(Math.ceil(sizes[k] * 1.01) + 1024));
  for (let i = 0; i === 0 || i < ids.length; i += CHUNK_AGENTS) {
    const lo = i === 0 ? null : ids[i];
    const hi = i + CHUNK_AGENTS < ids.length ? ids[i + CHUNK_AGENTS] : null;
    await rawConnection(db, (conn) => loadRange(conn, m, lo, hi));
    await yieldToLoop();
  }
  for (const s of m.series) s.trim();
  return m;
}

/** Reload the given agents' attributes and rows (a write changed them); returns their slots. */
function reloadAgents(conn: Conn, m: ModelData, ids: string[]): number[] {
  const slots: number[] = [];
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const batch = ids.slice(i, i + IN_BATCH);
    const marks = batch.map(() => '?').join(',');
    const found = new Set<string>();
    for (const r of conn.prepare(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id IN (${marks})`).all(batch) as AgentAttributes[]) {
      m.agents.set(r);
      found.add(r.id);
    }
    for (const id of batch) {
      const a = m.agents.indexOf(id);
      if (a === undefined) continue;
      slots.push(a);
      m.clearAgent(a);
      if (!found.has(id)) m.agents.remove(a);
    }
    putEach(m, conn.prepare(daysSql(`agent_id IN (${marks})`)).raw(true).all(batch) as [string, string][], STRIDE, (a, f) => m.putDays(a, f));
    putEach(m, conn.prepare(skusSql(`s.agent_id IN (${marks})`)).raw(true).all(batch) as [string, string][], 2, (a, f) => m.putSkus(a, f));
  }
  return slots;
}

export interface LoadStats {
  agents: number;
  /** Rows held per series (a day row of agent_day_stats goes to every series it has facts for). */
  rows: Record<string, number>;
  bytes: number;
  loadMs: number;
  loads: number;
  refreshes: number;
}

/**
 * The in-memory read model of the rollups (analytics issue): loaded lazily on first use, in steps that yield
 * to the event loop (better-sqlite3 is synchronous; other calls go on meanwhile), and kept current by
 * rollup_changes: before each read the latest rev is checked, and only the agents changed since are reloaded
 * (everything on '*', written by a rebuild, or when the log went back, e.g. a different database). This also
 * picks up writes by another process (the CLI) to the same database.
 */
export class ReadModel {
  private data: ModelData | null = null;
  private busy: Promise<ModelData> | null = null;
  /** The agent slots each recent refresh of `data` changed, so kept results can follow just those. */
  private journal: { from: number; to: number; slots: number[] }[] = [];
  readonly stats: LoadStats = { agents: 0, rows: {}, bytes: 0, loadMs: 0, loads: 0, refreshes: 0 };

  constructor(
    private readonly db: Db,
    private readonly timeZone: string,
    /** Called when a full reload starts: whatever was computed from the old model can go (memory). */
    private readonly onReload: () => void = () => undefined,
  ) {}

  /** The model as last loaded or refreshed, null before the first load (no catching up). */
  get loaded(): ModelData | null {
    return this.data;
  }

  /** The model as of the latest committed rollups. Concurrent callers share one load or refresh. */
  async current(): Promise<ModelData> {
    while (this.busy) await this.busy.catch(() => undefined);
    const step = this.catchUp();
    this.busy = step;
    try {
      return await step;
    } finally {
      if (this.busy === step) this.busy = null;
    }
  }

  private async catchUp(): Promise<ModelData> {
    if (!this.data) return this.reload();
    const m = this.data;
    const changes = await rawConnection(this.db, (conn) => readChanges(conn, m.rev));
    if (!changes) return m;
    if (changes.rev < m.rev || changes.agents.has(EVERY_AGENT) || changes.agents.size > FULL_RELOAD_SHARE * Math.max(m.agents.count, 1000)) return this.reload();
    const slots = await rawConnection(this.db, (conn) => reloadAgents(conn, m, [...changes.agents]));
    m.tables.refresh(slots);
    this.journal.push({ from: m.rev, to: changes.rev, slots });
    if (this.journal.length > JOURNAL) this.journal.shift();
    m.rev = changes.rev;
    this.stats.refreshes++;
    return m;
  }

  /**
   * Agent slots of `m` changed since its `rev`, or null when that is not known (another model since, or
   * further back than the journal keeps): the caller then computes afresh.
   */
  changedSince(m: ModelData, rev: number): number[] | null {
    if (m !== this.data) return null;
    if (rev === m.rev) return [];
    const i = this.journal.findIndex((j) => j.from === rev);
    if (i < 0) return null;
    return [...new Set(this.journal.slice(i).flatMap((j) => j.slots))];
  }

  private async reload(): Promise<ModelData> {
    const t = performance.now();
    this.data?.tables.dispose();
    this.data = null;
    this.journal = [];
    this.onReload();
    // The load reads every rollup page once: through a small page cache, so it does not fill the 64 MiB one
    // with pages the model now answers from.
    const m = await withPageCache(this.db, LOAD_CACHE_KIB, () => loadAll(this.db, this.timeZone));
    this.data = m;
    Object.assign(this.stats, {
      agents: m.agents.count,
      rows: Object.fromEntries((['placed', 'shipped', 'afterSales', 'reported', 'stock', 'skus'] as const).map((k) => [k, m[k].length])),
      bytes: m.bytes,
      loadMs: Math.round(performance.now() - t),
      loads: this.stats.loads + 1,
    });
    // Rows written while it loaded are in the log after the rev read at its start.
    return this.catchUp();
  }
}
