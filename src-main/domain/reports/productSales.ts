import type { ExportResult, ReportLocale } from '@contract';
import { addDays, dayToNumber } from '@contract/days';
import { previousPeriod } from '@contract/periods';
import { type Db, rawConnection } from '../../db/open';
import { addKeyValueSheet, addTableSheet, withHeaders, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { prepared } from '../common/prepared';
import { ratio } from '../analytics/figures';
import { productPeriodSums, type ProductPeriodSums } from '../analytics/productRanking';
import type { Period } from '../analytics/service';
import { REPORT_LABELS, reportFileName, type ReportLabels } from './labels';

export const productSalesFileName = (locale: ReportLocale, p: Period, now = Date.now()) => reportFileName(REPORT_LABELS[locale].productSales.file, [p.from, addDays(p.to, -1)], now);

/** One product's figures for a period (domain.md; docs/analytics.md "Product ranking"). */
interface ProductFigures {
  units: number;
  amount: number;
  orders: number;
  agents: number;
  sellThrough: number | null;
  returnRate: number | null;
}
const NONE: ProductFigures = { units: 0, amount: 0, orders: 0, agents: 0, sellThrough: null, returnRate: null };

/** A product's counted orders and distinct ordering agents in a period. */
interface Buyers {
  orders: number;
  agents: number;
}
const NO_BUYERS: Buyers = { orders: 0, agents: 0 };

/**
 * One product's counted orders (a sum: a row counts an order once per product) and distinct ordering agents (those
 * with orders in the period) in the current period [from, to) and the previous one, in one pass over its
 * product_agent_days rows: the key (product, agent, day) hands them over grouped by agent, with no sort.
 */
const BUYERS_SQL = `SELECT COUNT(NULLIF(c, 0)) AS agents, COALESCE(SUM(c), 0) AS orders, COUNT(NULLIF(b, 0)) AS prevAgents, COALESCE(SUM(b), 0) AS prevOrders
  FROM (SELECT SUM(CASE WHEN day >= @from AND day < @to THEN orders ELSE 0 END) AS c,
               SUM(CASE WHEN day >= @prevFrom AND day < @prevTo THEN orders ELSE 0 END) AS b
        FROM product_agent_days WHERE product_id = @product AND day >= @lo AND day < @hi GROUP BY agent_id)`;

/** How long one step of the buyers' computation holds the connection before progress goes out and a cancel comes in. */
const STEP_MS = 50;

/**
 * Counted orders and distinct ordering agents of `productIds` in `p` and `prev`, product by product in steps of about
 * STEP_MS (progress in phase 'query' counts products; a cancel is seen between steps).
 */
async function buyers(db: Db, productIds: string[], p: Period, prev: Period, job: JobControl): Promise<{ cur: Map<string, Buyers>; before: Map<string, Buyers> }> {
  const [from, to, prevFrom, prevTo] = [p.from, p.to, prev.from, prev.to].map(dayToNumber);
  const bounds = { from, to, prevFrom, prevTo, lo: Math.min(from, prevFrom), hi: Math.max(to, prevTo) };
  const cur = new Map<string, Buyers>();
  const before = new Map<string, Buyers>();
  let i = 0;
  while (i < productIds.length) {
    await rawConnection(db, (conn) => {
      const q = prepared(conn, BUYERS_SQL);
      const until = performance.now() + STEP_MS;
      do {
        const r = q.get({ ...bounds, product: productIds[i] }) as { agents: number; orders: number; prevAgents: number; prevOrders: number };
        cur.set(productIds[i], { orders: r.orders, agents: r.agents });
        before.set(productIds[i], { orders: r.prevOrders, agents: r.prevAgents });
        i++;
      } while (i < productIds.length && performance.now() < until);
    });
    job.progress?.(i, productIds.length, 'query');
    await yieldToLoop();
    throwIfCancelled(job.signal);
  }
  return { cur, before };
}

/** A period's figures per product from its product_day_stats sums and its buyers. */
function periodFigures(sums: ProductPeriodSums[], buyersOf: Map<string, Buyers>): Map<string, ProductFigures> {
  const of = new Map<string, ProductFigures>();
  for (const s of sums) {
    const b = buyersOf.get(s.productId) ?? NO_BUYERS;
    of.set(s.productId, {
      units: s.bought - s.returnedUnits,
      amount: s.amount,
      orders: b.orders,
      agents: b.agents,
      sellThrough: ratio(s.consumer, s.bought),
      returnRate: ratio(s.returnedUnits, s.shippedUnits),
    });
  }
  return of;
}

/** domain.md growth: (now − before) ÷ before; empty when before is 0 or less. */
const growth = (now: number, before: number) => (before > 0 ? (now - before) / before : null);

type Key = keyof ReportLabels['productSales']['columns'];
const SPECS: Omit<ColumnSpec<Key>, 'header'>[] = [
  { key: 'sku', kind: 'text', samples: ['SKU-000000'] },
  { key: 'name', kind: 'text', samples: ['某某品牌有机燕麦片'] },
  { key: 'category', kind: 'text', samples: ['母婴用品'] },
  { key: 'units', kind: 'int', samples: ['0,000,000'] },
  { key: 'prevUnits', kind: 'int', samples: ['0,000,000'] },
  { key: 'unitsGrowth', kind: 'percent', samples: ['0000.0%'] },
  { key: 'amount', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'prevAmount', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'amountGrowth', kind: 'percent', samples: ['0000.0%'] },
  { key: 'orders', kind: 'int', samples: ['0,000,000'] },
  { key: 'prevOrders', kind: 'int', samples: ['0,000,000'] },
  { key: 'agents', kind: 'int' },
  { key: 'prevAgents', kind: 'int' },
  { key: 'sellThrough', kind: 'percent' },
  { key: 'prevSellThrough', kind: 'percent' },
  { key: 'returnRate', kind: 'percent' },
  { key: 'prevReturnRate', kind: 'percent' },
];

/**
 * 商品销售报表 for [from, to) against the previous equal-length period: per product units (net of returns),
 * amount (goods of counted lines), counted orders, distinct ordering agents, sell-through and return rate, by
 * amount then SKU. Product figures name no agent, so, like reports.productRanking, every caller gets the channel's.
 * All from the rollups: product_day_stats' sums over the day index, then orders and agents per product from
 * product_agent_days in steps (progress, cancel).
 */
export async function exportProductSales(db: Db, timeZone: string, q: Period & { locale: ReportLocale }, file: string, job: JobControl = {}): Promise<ExportResult> {
  const w = REPORT_LABELS[q.locale];
  const ws = w.productSales;
  const p = { from: q.from, to: q.to };
  const prev = previousPeriod(p);
  job.progress?.(0, 0, 'query');
  const [curSums, beforeSums] = [await productPeriodSums(db, p.from, p.to), await productPeriodSums(db, prev.from, prev.to)];
  throwIfCancelled(job.signal);
  const products = new Map<string, ProductPeriodSums>();
  for (const s of [...beforeSums, ...curSums]) products.set(s.productId, s);
  const counts = await buyers(db, [...products.keys()], p, prev, job);
  const cur = periodFigures(curSums, counts.cur);
  const before = periodFigures(beforeSums, counts.before);
  const rows = [...products.values()].map((s) => ({ s, c: cur.get(s.productId) ?? NONE, b: before.get(s.productId) ?? NONE }));
  rows.sort((x, y) => y.c.amount - x.c.amount || y.b.amount - x.b.amount || (x.s.sku < y.s.sku ? -1 : 1));
  const total = { units: 0, amount: 0, prevUnits: 0, prevAmount: 0 };
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, ws.sheet, withHeaders(SPECS, ws.columns));
    rows.forEach(({ s, c, b }, i) => {
      sheet.add({
        sku: s.sku, name: s.name, category: s.category,
        units: c.units, prevUnits: b.units, unitsGrowth: growth(c.units, b.units),
        amount: c.amount, prevAmount: b.amount, amountGrowth: growth(c.amount, b.amount),
        orders: c.orders, prevOrders: b.orders, agents: c.agents, prevAgents: b.agents,
        sellThrough: c.sellThrough, prevSellThrough: b.sellThrough, returnRate: c.returnRate, prevReturnRate: b.returnRate,
      });
      total.units += c.units;
      total.amount += c.amount;
      total.prevUnits += b.units;
      total.prevAmount += b.amount;
      if (i % 500 === 499) job.progress?.(i + 1, rows.length, 'rows');
    });
    sheet.commit();
    const c = ws.columns;
    addKeyValueSheet(wb, w.common.summarySheet, [
      { label: w.common.report, value: ws.report },
      { label: ws.from, value: p.from },
      { label: ws.to, value: addDays(p.to, -1) },
      { label: ws.previous, value: w.common.span(prev.from, addDays(prev.to, -1)) },
      { label: w.common.timeZone, value: timeZone },
      { label: ws.products, value: rows.length, kind: 'int' },
      { label: c.units, value: total.units, kind: 'int' },
      { label: c.prevUnits, value: total.prevUnits, kind: 'int' },
      { label: c.amount, value: total.amount, kind: 'yuan' },
      { label: c.prevAmount, value: total.prevAmount, kind: 'yuan' },
      { label: c.amountGrowth, value: growth(total.amount, total.prevAmount), kind: 'percent' },
      { label: w.common.basis, value: ws.basisText },
      { label: w.common.sellThroughBasis, value: w.common.sellThroughText },
      { label: ws.returnBasis, value: ws.returnText },
      { label: w.common.scope, value: ws.channelOnly },
    ]);
    return rows.length;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
