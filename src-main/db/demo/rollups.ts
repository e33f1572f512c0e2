// The rollups of the demo's facts, gathered while the generator writes them, so that the load does not re-read
// millions of lines for a rebuild at its end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { yieldToLoop } from '../../domain/common/job';
import { markRollupsRebuilt } from '../../domain/ledger/rebuild';
import { AgentDayFacts, agentDayInsert } from '../../domain/ledger/rebuildAgentDays';
import { PA_WIDTH, SKU_WIDTH, type AgentRange, Spill, agentSkuInsert, productAgentInsert, ranks, writeAgentSkus, writeProductAgents } from '../../domain/ledger/agentProductRollups';
import { ProductDays } from '../../domain/ledger/rebuildProductDays';
import type { Progress } from './bulk';

/**
 * What `analytics rebuild` would compute from the facts, written in key order once the facts are all known.
 * tests/unit/demo.test.ts holds the result to the rebuild (every row of every rollup table) and
 * tests/unit/rebuild.test.ts to the plain GROUP BY definitions.
 *
 * The generator goes day by day, the agent tables are keyed (agent, day): its facts go to spill files, one per
 * range of agent ids (~FACTS_PER_PARTITION facts each), as fixed-size Int32 records, and each range is grouped
 * and inserted in turn at the end: memory holds one range at a time however many lines there are. The grouping
 * itself is the rebuild's (AgentDayFacts, ProductDays, and agentProductRollups.ts for agent_sku_days and
 * product_agent_days). product_day_stats has a few hundred rows per product at most and stays in memory.
 */

/** Facts per range of agents: the range's grouping holds ~35 bytes per fact (AgentDayFacts). */
export const FACTS_PER_PARTITION = 1_000_000;

/** Order kinds as stored in a record. */
const KINDS = ['dropship', 'stock'] as const;
export type Kind = (typeof KINDS)[number];
const kindCode = (kind: Kind) => (kind === 'dropship' ? 0 : 1);

/** Agent-day records: [type, agent, kind, day, shipped day (-1: not shipped), v1, v2, v3]. */
const AD_WIDTH = 8;
const ORDER = 0, CASE = 1, REPORT = 2;
const INT32_MAX = 2 ** 31 - 1;

export interface RollupInput {
  /** Agent ids by agent index, product ids by product index. */
  agentIds: readonly string[];
  productIds: readonly string[];
  /** An upper estimate of the facts (orders count twice: placed and shipped), for the number of ranges. */
  expectedFacts: number;
  factsPerPartition?: number;
}

export class DemoRollups {
  private readonly agentIds: readonly string[];
  private readonly productIds: readonly string[];
  private readonly dir: string;
  /** Agent index → its range; ranges are contiguous in id order. */
  private readonly partOf: Int32Array;
  /** Agent index → its place in id order, and the ids in that order; first rank of each range (and the end). */
  private readonly rank: Int32Array;
  private readonly byRank: string[];
  private readonly partStart: number[] = [];
  private readonly agentDays: Spill[] = [];
  private readonly skus: Spill[] = [];
  private readonly productAgents: Spill[] = [];
  private readonly products = new ProductDays();

  constructor(input: RollupInput) {
    const { agentIds, productIds } = input;
    this.agentIds = agentIds;
    this.productIds = productIds;
    const n = agentIds.length;
    const parts = Math.max(1, Math.min(n, Math.ceil(input.expectedFacts / (input.factsPerPartition ?? FACTS_PER_PARTITION))));
    this.rank = ranks(agentIds);
    this.byRank = new Array<string>(n);
    this.rank.forEach((r, a) => (this.byRank[r] = agentIds[a]));
    for (let k = 0; k <= parts; k++) this.partStart.push(Math.floor((k * n) / parts));
    const partOfRank = new Int32Array(n);
    for (let k = 0; k < parts; k++) partOfRank.fill(k, this.partStart[k], this.partStart[k + 1]);
    this.partOf = this.rank.map((r) => partOfRank[r]);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-demo-rollups-'));
    try {
      for (let k = 0; k < parts; k++) {
        this.agentDays.push(new Spill(path.join(this.dir, `agent-days-${k}`), AD_WIDTH));
        this.skus.push(new Spill(path.join(this.dir, `agent-skus-${k}`), SKU_WIDTH));
        this.productAgents.push(new Spill(path.join(this.dir, `product-agents-${k}`), PA_WIDTH));
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** A counted (not cancelled) order; its lines come with `line`. */
  order(agent: number, kind: Kind, placedDay: number, shippedDay: number | null, goods: number, units: number, shipping: number): void {
    if (goods > INT32_MAX) throw new RangeError(`order goods amount ${goods} fen exceeds a rollup record`);
    this.agentDay(ORDER, agent, kindCode(kind), placedDay, shippedDay ?? -1, goods, units, shipping);
  }

  /** A line of a counted order. */
  line(agent: number, kind: Kind, product: number, placedDay: number, shippedDay: number | null, q: number, price: number): void {
    this.products.line(this.productIds[product], kind, placedDay, shippedDay, q, price);
    if (kind === 'dropship' && shippedDay !== null) this.sku(agent, shippedDay, product, q);
  }

  /** A product on a counted order, once per order however many of its lines carry it (product_agent_days). */
  productOrder(agent: number, product: number, placedDay: number): void {
    const s = this.productAgents[this.partOf[agent]];
    const b = s.room(PA_WIDTH);
    b[s.at] = agent;
    b[s.at + 1] = placedDay;
    b[s.at + 2] = product;
    s.at += PA_WIDTH;
  }

  /** An after-sales case returning `q` units of one line (of product `product`) of an order of kind `kind`. */
  afterSale(agent: number, kind: Kind, day: number, refund: number, product: number, q: number): void {
    this.agentDay(CASE, agent, kindCode(kind), day, -1, refund, q, 0);
    this.products.returned(this.productIds[product], kind, day, q);
  }

  /** A sell-through report. */
  report(agent: number, product: number, day: number, units: number): void {
    this.agentDay(REPORT, agent, 0, day, -1, units, 0, 0);
    this.products.reported(this.productIds[product], day, units);
    this.sku(agent, day, product, units);
  }

  /** One agent-day record, into the spill of the agent's range. */
  private agentDay(type: number, agent: number, kind: number, day: number, shipped: number, v1: number, v2: number, v3: number): void {
    const s = this.agentDays[this.partOf[agent]];
    const b = s.room(AD_WIDTH);
    let i = s.at;
    b[i++] = type;
    b[i++] = agent;
    b[i++] = kind;
    b[i++] = day;
    b[i++] = shipped;
    b[i++] = v1;
    b[i++] = v2;
    b[i++] = v3;
    s.at = i;
  }

  private sku(agent: number, day: number, product: number, units: number): void {
    const s = this.skus[this.partOf[agent]];
    const b = s.room(SKU_WIDTH);
    let i = s.at;
    b[i++] = agent;
    b[i++] = day;
    b[i++] = product;
    b[i++] = units;
    s.at = i;
  }

  /**
   * Writes the rollup tables, emptied by the caller, in key order (their secondary indexes are the caller's too:
   * dropped before, built after); progress in phase 'rollups', one step per range of agents, a cancel between them.
   */
  async write(conn: Database, progress: Progress): Promise<void> {
    const parts = this.agentDays.length;
    const total = parts + 1;
    progress.report(0, total, 'rollups');
    this.products.write(conn);
    const days = agentDayInsert(conn);
    const skus = agentSkuInsert(conn);
    const productAgents = productAgentInsert(conn);
    const facts = new AgentDayFacts();
    const productRank = ranks(this.productIds);
    for (let k = 0; k < parts; k++) {
      await yieldToLoop(); // lets a cancel request in
      progress.report(k + 1, total, 'rollups');
      // Slots: the range's agents in id order.
      const first = this.partStart[k];
      facts.reset(this.byRank.slice(first, this.partStart[k + 1]), 2 * this.agentDays[k].records);
      for (const chunk of this.agentDays[k].chunks()) this.replay(chunk, first, facts);
      facts.write(days);
      days.flush();
      const range: AgentRange = { agentIds: this.agentIds, productIds: this.productIds, rank: this.rank, productRank, first, count: this.partStart[k + 1] - first };
      writeAgentSkus(this.skus[k].all(), range, skus);
      skus.flush();
      writeProductAgents(this.productAgents[k].all(), range, productAgents);
      productAgents.flush();
    }
    markRollupsRebuilt(conn);
    progress.report(total, total, 'rollups');
  }

  private replay(r: Int32Array, first: number, facts: AgentDayFacts): void {
    for (let i = 0; i < r.length; i += AD_WIDTH) {
      const agent = this.rank[r[i + 1]] - first;
      const kind = KINDS[r[i + 2]];
      if (r[i] === ORDER) facts.order(agent, kind, r[i + 3], r[i + 4] === -1 ? null : r[i + 4], r[i + 5], r[i + 6], r[i + 7]);
      else if (r[i] === CASE) facts.afterSale(agent, kind, r[i + 3], r[i + 5], r[i + 6]);
      else facts.report(agent, r[i + 3], r[i + 5]);
    }
  }

  /** Closes and deletes the spill files. */
  dispose(): void {
    for (const s of [...this.agentDays, ...this.skus, ...this.productAgents]) s.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
