import type { ExportResult } from '@contract';
import { addDays, periodMs } from '@contract/days';
import { previousPeriod } from '@contract/periods';
import { type Db, rawConnection } from '../../db/open';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { ratio } from '../analytics/figures';
import { productPeriodSums, type ProductPeriodSums } from '../analytics/productRanking';
import type { Period } from '../analytics/service';

export const productSalesFileName = (p: Period, now = Date.now()) => `商品销售_${p.from}_${addDays(p.to, -1)}_${now.toString(36)}.xlsx`;

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

type Key =
  | 'sku' | 'name' | 'category' | 'units' | 'prevUnits' | 'unitsGrowth' | 'amount' | 'prevAmount' | 'amountGrowth'
  | 'orders' | 'prevOrders' | 'agents' | 'prevAgents' | 'sellThrough' | 'prevSellThrough' | 'returnRate' | 'prevReturnRate';
const COLUMNS: ColumnSpec<Key>[] = [
  { key: 'sku', header: 'SKU', kind: 'text', samples: ['SKU-000000'] },
  { key: 'name', header: '商品', kind: 'text', samples: ['某某品牌有机燕麦片'] },
  { key: 'category', header: '分类', kind: 'text', samples: ['母婴用品'] },
  { key: 'units', header: '件数（已扣退货）', kind: 'int', samples: ['0,000,000'] },
  { key: 'prevUnits', header: '上期件数', kind: 'int', samples: ['0,000,000'] },
  { key: 'unitsGrowth', header: '件数增长', kind: 'percent', samples: ['0000.0%'] },
  { key: 'amount', header: '进货额', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'prevAmount', header: '上期进货额', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'amountGrowth', header: '进货额增长', kind: 'percent', samples: ['0000.0%'] },
  { key: 'orders', header: '订单数', kind: 'int', samples: ['0,000,000'] },
  { key: 'prevOrders', header: '上期订单数', kind: 'int', samples: ['0,000,000'] },
  { key: 'agents', header: '订货代理数', kind: 'int' },
  { key: 'prevAgents', header: '上期订货代理数', kind: 'int' },
  { key: 'sellThrough', header: '动销率', kind: 'percent' },
  { key: 'prevSellThrough', header: '上期动销率', kind: 'percent' },
  { key: 'returnRate', header: '退货率', kind: 'percent' },
  { key: 'prevReturnRate', header: '上期退货率', kind: 'percent' },
];

/**
 * 商品销售报表 for [from, to) against the previous equal-length period: per product units (net of returns),
 * amount (goods of counted lines), counted orders, distinct ordering agents, sell-through and return rate, by
 * amount then SKU. Product figures name no agent, so, like reports.productRanking, every caller gets the channel's.
 */
export async function exportProductSales(db: Db, timeZone: string, p: Period, file: string, job: JobControl = {}): Promise<ExportResult> {
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
    const sheet = addTableSheet(wb, '商品销售', COLUMNS);
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
    addKeyValueSheet(wb, '汇总', [
      { label: '报表', value: '商品销售报表' },
      { label: '开始日期', value: p.from },
      { label: '结束日期（含）', value: addDays(p.to, -1) },
      { label: '对比期间', value: `${prev.from} 至 ${addDays(prev.to, -1)}` },
      { label: '时区', value: timeZone },
      { label: '商品数', value: rows.length, kind: 'int' },
      { label: '件数（已扣退货）', value: total.units, kind: 'int' },
      { label: '上期件数', value: total.prevUnits, kind: 'int' },
      { label: '进货额', value: total.amount, kind: 'yuan' },
      { label: '上期进货额', value: total.prevAmount, kind: 'yuan' },
      { label: '进货额增长', value: growth(total.amount, total.prevAmount), kind: 'percent' },
      { label: '口径', value: '计入订单：期间内下单且未取消；进货额 = 计入订单行的货款（退款属于售后单，不分摊到商品）；件数扣除期间内退货' },
      { label: '动销率口径', value: '到达消费者件数 ÷ 进货件数；到达消费者 = 代发发货件数 − 代发退货 + 上报动销件数' },
      { label: '退货率口径', value: '期间内退货件数 ÷ 期间内发货件数' },
      { label: '范围', value: '全渠道（商品数据不涉及具体代理）' },
    ]);
    return rows.length;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
