import type { Output } from '@contract';
import { dayToNumber } from '@contract/days';
import type { Db } from '../../db/open';
import { ratio } from './figures';

type ProductRow = Output<'reports.productRanking'>['rows'][number];
export type ProductMetric = 'units' | 'amount' | 'sellThrough';

/** One product's sums over a period [from, to) from product_day_stats. */
export interface ProductPeriodSums {
  productId: string;
  sku: string;
  name: string;
  category: string;
  /** Counted units bought (before returns): sell-through's denominator. */
  bought: number;
  returnedUnits: number;
  shippedUnits: number;
  /** Goods amount of counted lines placed in the period. */
  amount: number;
  /** Units that reached consumers: dropship shipped − dropship returned + reported sell-through. */
  consumer: number;
}

/** Every product with a fact in [from, to), summed from product_day_stats over its day index. */
export async function productPeriodSums(db: Db, from: string, to: string): Promise<ProductPeriodSums[]> {
  return (await db.raw(
    `SELECT p.id AS productId, p.sku, p.name, p.category,
            SUM(s.units) AS bought, SUM(s.returned_units) AS returnedUnits, SUM(s.shipped_units) AS shippedUnits, SUM(s.goods_fen) AS amount,
            SUM(s.dropship_shipped_units) - SUM(s.returned_dropship_units) + SUM(s.reported_units) AS consumer
     FROM product_day_stats s JOIN products p ON p.id = s.product_id
     WHERE s.day >= ? AND s.day < ?
     GROUP BY s.product_id`,
    [dayToNumber(from), dayToNumber(to)],
  )) as ProductPeriodSums[];
}

/**
 * Products ranked for a period [from, to) from product_day_stats (a few rows per product and day, so plain SQL
 * over the day index): units = counted units − units returned in the period; amount = goods amount of counted
 * lines placed in it (refunds belong to after-sales cases, not to products, so they are not split onto them);
 * sell-through as for agents. Ties by amount, then SKU. Product figures are the channel's: no agent is named,
 * so every caller sees the same ranking.
 */
export async function productRanking(db: Db, q: { from: string; to: string; metric: ProductMetric; page: number; pageSize: number }): Promise<{ rows: ProductRow[]; total: number }> {
  const raw = await productPeriodSums(db, q.from, q.to);
  const rows = raw.map((r) => ({
    productId: r.productId,
    sku: r.sku,
    name: r.name,
    category: r.category,
    units: r.bought - r.returnedUnits,
    amount: r.amount,
    returnedUnits: r.returnedUnits,
    sellThrough: ratio(r.consumer, r.bought),
  }));
  const key = (r: (typeof rows)[number]) => r[q.metric] ?? -Infinity;
  rows.sort((x, y) => key(y) - key(x) || y.amount - x.amount || (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));
  const first = (q.page - 1) * q.pageSize;
  return { rows: rows.slice(first, first + q.pageSize).map((r, i) => ({ rank: first + i + 1, ...r })), total: rows.length };
}
