import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { BulkInsert } from '../../db/demo/bulk';

/**
 * product_agent_days and agent_sku_days from records, in bounded memory and without SQLite's sorter: each product
 * of a counted order gives one record (agent, placed day, product), each shipped dropship line and each
 * sell-through report one (agent, day, product, units), into the spill files of the agent's range; each range is
 * then grouped by agent (counting sort) and, per agent, by one sort key, each run of equal keys one row. Their keys
 * are nearly as many as their records (an agent seldom orders one product twice a day), which GROUP BYs sort in
 * SQLite's sorter: 65 s (COUNT(DISTINCT)) and 17 s at 5 M lines on a loaded machine.
 *
 * Fed by the rebuild's pass over the counted lines and reports (rebuildProductDays, an order's lines one after
 * another) and by the demo load (src-main/db/demo/rollups.ts, which knows its facts as it writes them and shares
 * Spill, ranks, keysByAgent, writeProductAgents and writeAgentSkus). tests/unit/rebuild.test.ts holds it to the
 * GROUP BYs (tests/fixtures/rollupsReference.ts).
 */

/** Records per range of agents: ~12 bytes each on file, ~30 in memory while the range is grouped. */
export const RECORDS_PER_PARTITION = 1_000_000;

/** Product-agent records, one per product of a counted order: [agent, placed day, product]. */
export const PA_WIDTH = 3;
/** Agent-SKU records: [agent, day, product, units]. */
export const SKU_WIDTH = 4;
/** A yyyymmdd day fits below this (packed into the product-agent sort key). */
export const DAY_LIMIT = 2 ** 25;

/** A temporary file of Int32 records, appended through a buffer and read back in chunks of whole records. */
export class Spill {
  private readonly buf: Int32Array;
  at = 0;
  private bytes = 0;
  private readonly fd: number;

  constructor(
    file: string,
    private readonly width: number,
  ) {
    this.fd = fs.openSync(file, 'w+');
    this.buf = new Int32Array(width * 8192);
  }

  get records(): number {
    return (this.bytes / 4 + this.at) / this.width;
  }

  /** The buffer with room for `words` more at `at`. */
  room(words: number): Int32Array {
    if (this.at + words > this.buf.length) this.drain();
    return this.buf;
  }

  private drain(): void {
    fs.writeSync(this.fd, this.buf, 0, this.at * 4, this.bytes);
    this.bytes += this.at * 4;
    this.at = 0;
  }

  /** Every record written, in chunks (the same buffer, refilled). */
  *chunks(): Generator<Int32Array> {
    this.drain();
    for (let pos = 0; pos < this.bytes; ) {
      const n = fs.readSync(this.fd, this.buf, 0, Math.min(this.buf.byteLength, this.bytes - pos), pos);
      pos += n;
      yield this.buf.subarray(0, n / 4);
    }
  }

  /** Every record written, in one array. */
  all(): Int32Array {
    this.drain();
    const out = new Int32Array(this.bytes / 4);
    for (let pos = 0; pos < this.bytes; ) pos += fs.readSync(this.fd, out, pos, this.bytes - pos, pos);
    return out;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Each id's place in id order. */
export function ranks(ids: readonly string[]): Int32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i).sort((x, y) => (ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : 0));
  const rank = new Int32Array(ids.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

/** One range of agents: `count` of them from rank `first`; agents and products by index, with their ranks by id. */
export interface AgentRange {
  agentIds: readonly string[];
  productIds: readonly string[];
  rank: Int32Array;
  productRank: Int32Array;
  first: number;
  count: number;
}

/**
 * A range's records (`width` words, the agent first) as one sort key each, grouped by agent in rank order (a
 * counting sort): agent a's keys are keys[start[a] .. start[a + 1]), its index is agentAt[a]; places[j] is the
 * record that gave keys[j].
 */
export function keysByAgent(r: Int32Array, width: number, { rank, first, count }: AgentRange, key: (at: number) => number) {
  const n = r.length / width;
  const local = (i: number) => rank[r[i * width]] - first;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[local(i) + 1]++;
  for (let a = 0; a < count; a++) start[a + 1] += start[a];
  const fill = start.slice(0, count);
  const keys = new Float64Array(n);
  const agentAt = new Int32Array(count);
  const places = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = local(i);
    agentAt[a] = r[i * width];
    places[fill[a]] = i;
    keys[fill[a]++] = key(i * width);
  }
  return { start, keys, agentAt, places };
}

/**
 * product_agent_days of one range: per agent (in rank order) its records sorted by (product's rank, day), each
 * run of equal keys one row counting its orders. The rows go in agent order, not the table's product-first key
 * order: each agent's rows land at one place per product, a few dozen insertion points moving forward.
 */
export function writeProductAgents(r: Int32Array, range: AgentRange, out: BulkInsert): void {
  const { agentIds, productIds, productRank, count } = range;
  const { start, keys, agentAt } = keysByAgent(r, PA_WIDTH, range, (at) => {
    if (r[at + 1] >= DAY_LIMIT) throw new RangeError(`day ${r[at + 1]} does not fit a rollup record`);
    return productRank[r[at + 2]] * DAY_LIMIT + r[at + 1];
  });
  const productByRank = new Int32Array(productRank.length);
  productRank.forEach((rk, p) => (productByRank[rk] = p));
  const row: unknown[] = new Array(4);
  for (let a = 0; a < count; a++) {
    const mine = keys.subarray(start[a], start[a + 1]).sort();
    for (let i = 0; i < mine.length; ) {
      const key = mine[i];
      let orders = 0;
      for (; i < mine.length && mine[i] === key; i++) orders++;
      row[0] = productIds[productByRank[Math.floor(key / DAY_LIMIT)]];
      row[1] = agentIds[agentAt[a]];
      row[2] = key % DAY_LIMIT;
      row[3] = orders;
      out.addRow(row);
    }
  }
}

/**
 * agent_sku_days of one range: dropship units shipped and reported units per agent, day and product, rows with a
 * positive sum, in key order. Per agent its records are sorted by (day × products + product's rank), their units
 * summed per run (units are any integers: a report may correct downwards).
 */
export function writeAgentSkus(r: Int32Array, range: AgentRange, out: BulkInsert): void {
  const { agentIds, productIds, productRank, count } = range;
  const P = productRank.length;
  const { start, keys, agentAt, places } = keysByAgent(r, SKU_WIDTH, range, (at) => r[at + 1] * P + productRank[r[at + 2]]);
  const productByRank = new Int32Array(P);
  productRank.forEach((rk, p) => (productByRank[rk] = p));
  const row: unknown[] = new Array(4);
  for (let a = 0; a < count; a++) {
    const mine = Int32Array.from({ length: start[a + 1] - start[a] }, (_, j) => start[a] + j).sort((x, y) => keys[x] - keys[y]);
    for (let i = 0; i < mine.length; ) {
      const key = keys[mine[i]];
      let units = 0;
      for (; i < mine.length && keys[mine[i]] === key; i++) units += r[places[mine[i]] * SKU_WIDTH + 3];
      if (units <= 0) continue;
      row[0] = agentIds[agentAt[a]];
      row[1] = Math.floor(key / P);
      row[2] = productIds[productByRank[key % P]];
      row[3] = units;
      out.addRow(row);
    }
  }
}

export const agentSkuInsert = (conn: Database) => new BulkInsert(conn, 'agent_sku_days', ['agent_id', 'day', 'product_id', 'consumer_units']);
export const productAgentInsert = (conn: Database) => new BulkInsert(conn, 'product_agent_days', ['product_id', 'agent_id', 'day', 'orders']);

/**
 * The rebuild's product_agent_days and agent_sku_days: agents and products by index (those of their tables read up front, in id
 * order; an id seen only on an order, its foreign key broken, gets the next index on first sight and goes to the
 * last range), records spilled per range of agents, written range by range. `dispose` removes the files.
 */
export class AgentProductRollups {
  private readonly agentIndex = new Map<string, number>();
  private readonly productIndex = new Map<string, number>();
  private readonly agentIds: string[];
  private readonly productIds: string[];
  private readonly partStart: number[] = [];
  /** Agent index → its range, for the agents of the agents table. */
  private readonly partOf: Int32Array;
  private readonly productAgents: Spill[] = [];
  private readonly skus: Spill[] = [];
  private readonly dir: string;

  constructor(conn: Database, perRange = RECORDS_PER_PARTITION) {
    this.agentIds = conn.prepare('SELECT id FROM agents ORDER BY id').pluck().all() as string[];
    this.productIds = conn.prepare('SELECT id FROM products ORDER BY id').pluck().all() as string[];
    this.agentIds.forEach((id, i) => this.agentIndex.set(id, i));
    this.productIds.forEach((id, i) => this.productIndex.set(id, i));
    // At most one record per line (of each kind) and per report: the largest rowids bound them without a scan.
    const count = (t: string) => Number(conn.prepare(`SELECT COALESCE(MAX(rowid), 0) FROM ${t}`).pluck().get());
    const records = count('order_lines') + count('sellthrough_reports');
    const n = this.agentIds.length;
    const parts = Math.max(1, Math.min(n, Math.ceil(records / perRange)));
    for (let k = 0; k <= parts; k++) this.partStart.push(Math.floor((k * n) / parts));
    this.partOf = new Int32Array(n);
    for (let k = 0; k < parts; k++) this.partOf.fill(k, this.partStart[k], this.partStart[k + 1]);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-rebuild-'));
    try {
      for (let k = 0; k < parts; k++) {
        this.productAgents.push(new Spill(path.join(this.dir, `product-agents-${k}`), PA_WIDTH));
        this.skus.push(new Spill(path.join(this.dir, `agent-skus-${k}`), SKU_WIDTH));
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** The agent's index, for productOrder and sku. */
  agent(id: string): number {
    return indexOf(this.agentIndex, this.agentIds, id);
  }

  product(id: string): number {
    return indexOf(this.productIndex, this.productIds, id);
  }

  /** A product on a counted order, once per order however many of its lines carry it. */
  productOrder(agent: number, product: number, placedDay: number): void {
    const s = this.productAgents[this.part(agent)];
    const b = s.room(PA_WIDTH);
    b[s.at] = agent;
    b[s.at + 1] = placedDay;
    b[s.at + 2] = product;
    s.at += PA_WIDTH;
  }

  /** Units that reached consumers: a shipped dropship line on its shipping day, or a sell-through report. */
  sku(agent: number, day: number, product: number, units: number): void {
    const s = this.skus[this.part(agent)];
    const b = s.room(SKU_WIDTH);
    b[s.at] = agent;
    b[s.at + 1] = day;
    b[s.at + 2] = product;
    b[s.at + 3] = units;
    s.at += SKU_WIDTH;
  }

  private part(agent: number): number {
    return agent < this.partOf.length ? this.partOf[agent] : this.skus.length - 1;
  }

  /** Writes product_agent_days and agent_sku_days (emptied by the caller), one range after another. */
  write(conn: Database): void {
    const productAgents = productAgentInsert(conn);
    const skus = agentSkuInsert(conn);
    // Ranks only order the inserts (the grouping is exact in any order): indexes are SQLite's id order, the table's.
    const identity = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
    const ids = { agentIds: this.agentIds, productIds: this.productIds, rank: identity(this.agentIds.length), productRank: identity(this.productIds.length) };
    const last = this.skus.length - 1;
    for (let k = 0; k <= last; k++) {
      const first = this.partStart[k];
      const range = { ...ids, first, count: (k === last ? this.agentIds.length : this.partStart[k + 1]) - first };
      writeProductAgents(this.productAgents[k].all(), range, productAgents);
      productAgents.flush();
      writeAgentSkus(this.skus[k].all(), range, skus);
      skus.flush();
    }
  }

  /** Closes and deletes the spill files. */
  dispose(): void {
    for (const s of [...this.productAgents, ...this.skus]) s.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function indexOf(index: Map<string, number>, ids: string[], id: string): number {
  let i = index.get(id);
  if (i === undefined) {
    index.set(id, (i = ids.length));
    ids.push(id);
  }
  return i;
}
