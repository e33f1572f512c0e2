// Orders with their lines, after-sales cases and sell-through reports, streamed day by day into SQLite.
import { yieldToLoop } from '../../domain/common/job';
import type { Database } from 'better-sqlite3';
import { DAY_MS, dayNumberOf } from '@contract/days';
import { type AgentPlan, B } from './agents';
import { BulkInsert, type Progress } from './bulk';
import type { Calendar } from './calendar';
import type { Catalog } from './catalog';
import type { DemoRollups } from './rollups';
import { CARRIERS, FRESH_CARRIERS, RETURN_REASONS, SELLTHROUGH_NOTES } from './data';
import { PLACES, type People } from './people';
import { type Random, WeightedItems, WeightedPicker, searchCumulative } from './random';

const HOUR_MS = 3_600_000;
const PROGRESS_EVERY = 50_000;

/** Order shapes: lines per order and units per line, by kind. */
const DROPSHIP_LINES = new WeightedPicker([0, 60, 28, 12]); // index = number of lines
const DROPSHIP_QTY = new WeightedPicker([0, 80, 15, 5]);
const STOCK_LINES: [number, number] = [2, 6];
const STOCK_QTY: [number, number] = [5, 12];
const STOCKPILER_QTY: [number, number] = [10, 30];
const MEAN_DROPSHIP_LINES = (1 * 60 + 2 * 28 + 3 * 12) / 100;
const MEAN_STOCK_LINES = (STOCK_LINES[0] + STOCK_LINES[1]) / 2;

const CANCEL_RATE = 0.04;
/** Share of shipped dropship orders that get an after-sales case. */
const AFTER_SALES_RATE = 0.03;
/** Sell-through reporting per stocked line: how likely the agent reports at all, and what share of the
 * units as sold. Stock-pilers sell (and report) little of what they hoard. */
const SELLTHROUGH = { reported: 0.7, share: [0.55, 1] as const };
const STOCKPILER_SELLTHROUGH = { reported: 0.4, share: [0, 0.15] as const };

const ORDER_COLUMNS = [
  'id', 'order_no', 'agent_id', 'kind', 'status', 'goods_amount_fen', 'units', 'shipping_fee_fen', 'receiver_name',
  'receiver_phone', 'receiver_province', 'receiver_city', 'receiver_district', 'receiver_address', 'carrier',
  'tracking_no', 'source', 'placed_at', 'placed_day', 'shipped_at', 'shipped_day', 'delivered_at', 'completed_at', 'cancelled_at',
  'created_at', 'updated_at',
] as const;
const LINE_COLUMNS = ['id', 'order_id', 'product_id', 'quantity', 'unit_price_fen'] as const;
const CASE_COLUMNS = [
  'id', 'order_id', 'agent_id', 'reason', 'refund_fen', 'returned_units', 'restock', 'created_at', 'created_day', 'updated_at',
] as const;
const CASE_LINE_COLUMNS = ['id', 'case_id', 'order_line_id', 'quantity'] as const;
const REPORT_COLUMNS = ['id', 'agent_id', 'product_id', 'day', 'units', 'note', 'created_at'] as const;

export interface OrderOutcome {
  orders: number;
  lines: number;
  /** Units shipped and units returned to stock, by product index. */
  shipped: Int32Array;
  restocked: Int32Array;
}

export interface OrderContext {
  conn: Database;
  cal: Calendar;
  timeZone: string;
  plan: AgentPlan;
  catalog: Catalog;
  newId: () => string;
  rng: Random;
  people: People;
  progress: Progress;
  /** Gets every counted fact, for the rollups. */
  rollups: DemoRollups;
}

/**
 * Lines per day, summing to exactly `target`: each day gets its share of the expected lines of the agents
 * active that day, times the day's demand and some noise, rounded by largest remainder.
 */
export function dayLineQuotas(plan: AgentPlan, cal: Calendar, target: number, rng: Random): Float64Array {
  const D = cal.days;
  const expected = new Float64Array(D);
  for (let a = 0; a < plan.count; a++) {
    const share = plan.dropshipShare[a];
    const lines = share * MEAN_DROPSHIP_LINES + (1 - share) * MEAN_STOCK_LINES;
    for (let d = plan.start[a]; d < plan.stop[a]; d++) expected[d] += (plan.rate[a] + plan.slope[a] * (d - plan.start[a])) * lines;
  }
  let total = 0;
  for (let d = 0; d < D; d++) total += expected[d] *= cal.demand[d] * rng.range(0.85, 1.15);
  const quota = new Float64Array(D);
  if (target === 0) return quota;
  if (total === 0) throw new Error('no agent can order in the generated history');
  let assigned = 0;
  const rest: number[] = [];
  for (let d = 0; d < D; d++) {
    const exact = (target * expected[d]) / total;
    quota[d] = Math.floor(exact);
    assigned += quota[d];
    if (expected[d] > 0) rest.push(d);
  }
  const frac = (d: number) => (target * expected[d]) / total - quota[d];
  rest.sort((x, y) => frac(y) - frac(x) || x - y);
  for (let i = 0; assigned < target; i = (i + 1) % rest.length, assigned++) quota[rest[i]]++;
  return quota;
}

/** Streams the orders of every day of the history; `run` returns what the stock and agent rows need. */
export class OrderGenerator {
  private readonly orders: BulkInsert;
  private readonly lines: BulkInsert;
  private readonly cases: BulkInsert;
  private readonly caseLines: BulkInsert;
  private readonly reports: BulkInsert;
  private readonly carriers = new WeightedItems(CARRIERS);
  private readonly freshCarriers = CARRIERS.filter((c) => FRESH_CARRIERS.includes(c.name));
  private readonly reasons = new WeightedItems(RETURN_REASONS);
  private readonly reasonsNo7d = new WeightedItems(RETURN_REASONS.filter((r) => !r.needs7d));
  private readonly shipped: Int32Array;
  private readonly restocked: Int32Array;
  private readonly now: number;

  // The order being written: its lines' products, quantities and ids.
  private readonly lineProduct = new Int32Array(STOCK_LINES[1]);
  private readonly lineQty = new Int32Array(STOCK_LINES[1]);
  private readonly lineIds: string[] = [];

  private seq = 0;

  constructor(private readonly ctx: OrderContext) {
    const { conn } = ctx;
    this.orders = new BulkInsert(conn, 'orders', ORDER_COLUMNS);
    this.lines = new BulkInsert(conn, 'order_lines', LINE_COLUMNS);
    this.cases = new BulkInsert(conn, 'after_sales', CASE_COLUMNS);
    this.caseLines = new BulkInsert(conn, 'after_sales_lines', CASE_LINE_COLUMNS);
    this.reports = new BulkInsert(conn, 'sellthrough_reports', REPORT_COLUMNS);
    this.shipped = new Int32Array(ctx.catalog.products.length);
    this.restocked = new Int32Array(ctx.catalog.products.length);
    this.now = ctx.cal.startMs[ctx.cal.days];
  }

  /** Async only to yield between days, so progress events go out and a cancel request comes in. */
  async run(target: number): Promise<OrderOutcome> {
    const { cal, plan, rng, progress } = this.ctx;
    const quotas = dayLineQuotas(plan, cal, target, rng);
    // One day's orders before they get their instants: agent, kind and number of lines.
    let dayAgent = new Int32Array(1024);
    let dayStock = new Uint8Array(1024);
    let dayLines = new Uint8Array(1024);
    let dayTimes = new Float64Array(1024);
    const cum = new Float64Array(plan.count);
    let linesDone = 0;
    let nextReport = PROGRESS_EVERY;
    let joined = 0;

    for (let d = 0; d < cal.days; d++) {
      while (joined < plan.count && plan.joinDay[joined] <= d) joined++;
      let quota = quotas[d];
      if (quota === 0) continue;

      // Agents weighted by their order rate today (agents are in join order, so only a prefix can order).
      let total = 0;
      for (let a = 0; a < joined; a++) {
        const s = plan.start[a];
        if (d >= s && d < plan.stop[a]) total += plan.rate[a] + plan.slope[a] * (d - s);
        cum[a] = total;
      }

      let count = 0;
      while (quota > 0) {
        if (count === dayAgent.length) {
          dayAgent = grown(dayAgent, new Int32Array(count * 2));
          dayStock = grown(dayStock, new Uint8Array(count * 2));
          dayLines = grown(dayLines, new Uint8Array(count * 2));
          dayTimes = new Float64Array(count * 2);
        }
        const a = searchCumulative(cum, joined, rng.float() * total);
        const stock = !rng.chance(plan.dropshipShare[a]);
        const n = Math.min(quota, stock ? rng.int(STOCK_LINES[0], STOCK_LINES[1]) : DROPSHIP_LINES.index(rng));
        dayAgent[count] = a;
        dayStock[count] = stock ? 1 : 0;
        dayLines[count] = n;
        quota -= n;
        count++;
      }
      // Order numbers follow the clock: draw the day's instants, sort them, hand them out in order.
      for (let i = 0; i < count; i++) dayTimes[i] = cal.instantIn(d, rng);
      dayTimes.subarray(0, count).sort();

      for (let i = 0; i < count; i++) {
        this.order(d, dayAgent[i], dayStock[i] === 1, dayLines[i], dayTimes[i]);
        linesDone += dayLines[i];
        if (linesDone >= nextReport) {
          progress.report(linesDone, target, 'orders');
          nextReport += PROGRESS_EVERY;
        }
      }
      await yieldToLoop();
    }
    for (const t of [this.orders, this.lines, this.cases, this.caseLines, this.reports]) t.flush();
    progress.report(linesDone, target, 'orders');
    return { orders: this.orders.rows, lines: this.lines.rows, shipped: this.shipped, restocked: this.restocked };
  }

  private order(d: number, a: number, stock: boolean, n: number, placedAt: number): void {
    const { plan, catalog, rng, people, newId, timeZone, rollups } = this.ctx;
    const now = this.now;
    const placedDay = dayNumberOf(placedAt, timeZone);
    const orderId = newId();
    const level = plan.level[a];
    const stockpiler = plan.behaviour[a] === B.stockpiler;

    // Distinct products, popular ones more often.
    let fresh = false;
    let goods = 0;
    let units = 0;
    for (let k = 0; k < n; k++) {
      let p = catalog.pickProduct(d, rng);
      while (this.chosen(p, k)) p = catalog.pickProduct(d, rng);
      const [lo, hi] = stockpiler ? STOCKPILER_QTY : STOCK_QTY;
      const q = stock ? rng.int(lo, hi) : DROPSHIP_QTY.index(rng);
      this.lineProduct[k] = p;
      this.lineQty[k] = q;
      this.lineIds[k] = newId();
      goods += q * catalog.products[p].priceByLevel[level];
      units += q;
      fresh ||= catalog.products[p].fresh;
    }

    // Status follows the age of the order: whatever would have happened by the end of `until` has.
    let shippedAt: number | null = null;
    let deliveredAt: number | null = null;
    let completedAt: number | null = null;
    let cancelledAt: number | null = null;
    let status = 'pending';
    const place = PLACES[stock ? plan.home[a] : people.placeNear(plan.home[a])];
    if (rng.chance(CANCEL_RATE)) {
      cancelledAt = Math.min(placedAt + Math.floor(rng.range(0.1, 6) * HOUR_MS), now - 1);
      status = 'cancelled';
    } else {
      const ship = placedAt + Math.floor(rng.range(2, 30) * HOUR_MS);
      const deliver = ship + Math.floor(rng.range(1, place.remote ? 6 : 4) * DAY_MS);
      const complete = deliver + Math.floor(rng.range(1, 7) * DAY_MS);
      if (ship < now) [shippedAt, status] = [ship, 'shipped'];
      if (deliver < now) [deliveredAt, status] = [deliver, 'delivered'];
      if (complete < now) [completedAt, status] = [complete, 'completed'];
    }
    let carrier = '';
    let trackingNo = '';
    if (shippedAt !== null) {
      const c = fresh ? rng.pick(this.freshCarriers) : this.carriers.pick(rng);
      carrier = c.name;
      trackingNo = c.prefix + rng.digits(c.digits);
    }
    const shippedDay = shippedAt === null ? null : dayNumberOf(shippedAt, timeZone);
    let shippingFee: number;
    if (stock) shippingFee = goods >= 50_000 ? 0 : rng.int(8, 12) * 100;
    else if (place.remote) shippingFee = rng.int(10, 12) * 100;
    else shippingFee = rng.chance(0.75) ? 0 : rng.int(5, 8) * 100;

    this.seq++;
    this.orders.add(
      orderId,
      'DS' + placedDay + String(this.seq).padStart(8, '0'),
      plan.ids[a],
      stock ? 'stock' : 'dropship',
      status,
      goods,
      units,
      shippingFee,
      stock ? plan.name[a] : people.name(),
      stock ? plan.phone[a] : people.mobile(),
      place.province,
      place.city,
      place.district,
      stock ? plan.address[a] : people.address(),
      carrier,
      trackingNo,
      'demo',
      placedAt,
      placedDay,
      shippedAt,
      shippedDay,
      deliveredAt,
      completedAt,
      cancelledAt,
      placedAt,
      cancelledAt ?? completedAt ?? deliveredAt ?? shippedAt ?? placedAt,
    );
    for (let k = 0; k < n; k++) {
      const product = catalog.products[this.lineProduct[k]];
      this.lines.add(this.lineIds[k], orderId, product.id, this.lineQty[k], product.priceByLevel[level]);
    }

    if (cancelledAt === null) {
      plan.orders[a]++;
      plan.lastOrderMs[a] = placedAt;
      const kind = stock ? 'stock' : 'dropship';
      rollups.order(a, kind, placedDay, shippedDay, goods, units, shippingFee);
      for (let k = 0; k < n; k++) {
        rollups.line(a, kind, this.lineProduct[k], placedDay, shippedDay, this.lineQty[k], catalog.products[this.lineProduct[k]].priceByLevel[level]);
        if (!this.chosen(this.lineProduct[k], k)) rollups.productOrder(a, this.lineProduct[k], placedDay);
      }
    }
    if (shippedAt === null) return;
    for (let k = 0; k < n; k++) this.shipped[this.lineProduct[k]] += this.lineQty[k];
    if (stock) this.reportSellThrough(d, a, n, stockpiler);
    else if (rng.chance(AFTER_SALES_RATE)) this.afterSale(a, orderId, rng.int(0, n - 1), level, placedAt);
  }

  /** Product `p` is on one of the first `k` lines of the order being written. */
  private chosen(p: number, k: number): boolean {
    for (let i = 0; i < k; i++) if (this.lineProduct[i] === p) return true;
    return false;
  }

  /** One line returned in full, 2–10 days after the order (none after the end of the history). */
  private afterSale(a: number, orderId: string, k: number, level: number, placedAt: number): void {
    const { plan, catalog, rng, newId, timeZone } = this.ctx;
    const createdAt = placedAt + Math.floor(rng.range(2, 10) * DAY_MS);
    if (createdAt >= this.now) return;
    const product = catalog.products[this.lineProduct[k]];
    const r = (product.returns7d ? this.reasons : this.reasonsNo7d).pick(rng);
    const caseId = newId();
    const q = this.lineQty[k];
    const refund = q * product.priceByLevel[level];
    const createdDay = dayNumberOf(createdAt, timeZone);
    this.cases.add(caseId, orderId, plan.ids[a], r.reason, refund, q, r.restock ? 1 : 0, createdAt, createdDay, createdAt);
    this.caseLines.add(newId(), caseId, this.lineIds[k], q);
    this.ctx.rollups.afterSale(a, 'dropship', createdDay, // only dropship orders get cases
      refund, this.lineProduct[k], q);
    if (r.restock) this.restocked[this.lineProduct[k]] += q;
  }

  /** Agents tell customer service what they sold from stock, in one or two reports over the following weeks. */
  private reportSellThrough(d: number, a: number, n: number, stockpiler: boolean): void {
    const { plan, catalog, cal, rng, newId } = this.ctx;
    const { reported, share } = stockpiler ? STOCKPILER_SELLTHROUGH : SELLTHROUGH;
    for (let k = 0; k < n; k++) {
      if (!rng.chance(reported)) continue;
      let left = Math.floor(this.lineQty[k] * rng.range(share[0], share[1]));
      const parts = Math.min(left, rng.int(1, 2));
      for (let j = 0; j < parts; j++) {
        const units = Math.ceil(left / (parts - j));
        left -= units;
        const rd = d + 7 + 14 * j + rng.int(0, 6);
        if (rd >= cal.days) break; // not reported yet
        const createdAt = cal.startMs[rd] + Math.floor(rng.range(0.375, 0.875) * (cal.startMs[rd + 1] - cal.startMs[rd]));
        const p = this.lineProduct[k];
        this.reports.add(newId(), plan.ids[a], catalog.products[p].id, cal.dayNumber[rd], units, rng.pick(SELLTHROUGH_NOTES), createdAt);
        this.ctx.rollups.report(a, p, cal.dayNumber[rd], units);
      }
    }
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
