import type { ExportResult, ReportLocale } from '@contract';
import { addDays, periodMs } from '@contract/days';
import { previousPeriod } from '@contract/periods';
import { type Db, rawConnection } from '../../db/open';
import { addKeyValueSheet, addTableSheet, withHeaders, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
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

/** Counted orders and distinct ordering agents per product for [fromMs, toMs): from the facts (not summable per day). */
function buyers(db: Db, fromMs: number, toMs: number) {
  return rawConnection(db, (conn) => {
    const rows = conn
      .prepare(
        `SELECT l.product_id AS id, COUNT(DISTINCT l.order_id) AS orders, COUNT(DISTINCT o.agent_id) AS agents
         FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE o.placed_at >= ? AND o.placed_at < ? AND o.status <> 'cancelled' GROUP BY l.product_id`,
      )
      .all(fromMs, toMs) as { id: string; orders: number; agents: number }[];
    return new Map(rows.map((r) => [r.id, r]));
  });
}

async function periodFigures(db: Db, p: Period, timeZone: string): Promise<{ sums: ProductPeriodSums[]; of: Map<string, ProductFigures> }> {
  const { fromMs, toMs } = periodMs(p.from, p.to, timeZone);
  const [sums, counts] = await Promise.all([productPeriodSums(db, p.from, p.to), buyers(db, fromMs, toMs)]);
  const of = new Map<string, ProductFigures>();
  for (const s of sums) {
    const c = counts.get(s.productId);
    of.set(s.productId, {
      units: s.bought - s.returnedUnits,
      amount: s.amount,
      orders: c?.orders ?? 0,
      agents: c?.agents ?? 0,
      sellThrough: ratio(s.consumer, s.bought),
      returnRate: ratio(s.returnedUnits, s.shippedUnits),
    });
  }
  return { sums, of };
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
 */
export async function exportProductSales(db: Db, timeZone: string, q: Period & { locale: ReportLocale }, file: string, job: JobControl = {}): Promise<ExportResult> {
  const w = REPORT_LABELS[q.locale];
  const ws = w.productSales;
  const p = { from: q.from, to: q.to };
  const prev = previousPeriod(p);
  job.progress?.(0, 2, 'prepare');
  const cur = await periodFigures(db, p, timeZone);
  job.progress?.(1, 2, 'prepare');
  await yieldToLoop();
  throwIfCancelled(job.signal);
  const before = await periodFigures(db, prev, timeZone);
  throwIfCancelled(job.signal);
  const products = new Map<string, ProductPeriodSums>();
  for (const s of [...before.sums, ...cur.sums]) products.set(s.productId, s);
  const rows = [...products.values()].map((s) => ({ s, c: cur.of.get(s.productId) ?? NONE, b: before.of.get(s.productId) ?? NONE }));
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
