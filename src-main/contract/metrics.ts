import { z } from 'zod';

/**
 * Every per-agent metric of domain.md, with its name and definition in zh-CN and en: the one place tooltips,
 * column headers, Excel headers and the CLI take them from. `unit` says how a value is shown: fen (¥), count,
 * ratio (%), days, perMonth (orders per 30 days). `rankable`: the ranking can sort by it (`better`: which end
 * ranks first). Values are null where domain.md says "empty" (e.g. order value without orders).
 */
export interface MetricInfo {
  unit: 'fen' | 'count' | 'ratio' | 'days' | 'perMonth';
  better: 'high' | 'low';
  name: { 'zh-CN': string; en: string };
  definition: { 'zh-CN': string; en: string };
}

export const METRICS = {
  amount: {
    unit: 'fen', better: 'high',
    name: { 'zh-CN': '进货额', en: 'Purchase amount' },
    definition: {
      'zh-CN': '期间内未取消订单的货款（代理价 × 数量）减去期间内售后退款；运费另计。',
      en: 'Goods amount (agent price × quantity) of orders placed in the period and not cancelled, minus refunds of after-sales cases in the period; shipping fees apart.',
    },
  },
  orders: {
    unit: 'count', better: 'high',
    name: { 'zh-CN': '订单数', en: 'Orders' },
    definition: { 'zh-CN': '期间内下单且未取消的订单数。', en: 'Orders placed in the period that are not cancelled.' },
  },
  units: {
    unit: 'count', better: 'high',
    name: { 'zh-CN': '件数', en: 'Units' },
    definition: { 'zh-CN': '计入订单的商品件数，减去期间内退回的件数。', en: 'Quantities of counted order lines minus units returned in the period.' },
  },
  aov: {
    unit: 'fen', better: 'high',
    name: { 'zh-CN': '客单价', en: 'Order value' },
    definition: { 'zh-CN': '进货额 ÷ 订单数；没有订单时为空。', en: 'Purchase amount ÷ orders; empty without orders.' },
  },
  frequency: {
    unit: 'perMonth', better: 'high',
    name: { 'zh-CN': '进货频次', en: 'Purchase frequency' },
    definition: { 'zh-CN': '每 30 天的订单数 = 订单数 × 30 ÷ 期间天数。', en: 'Orders per 30 days = orders × 30 ÷ days in the period.' },
  },
  activeDays: {
    unit: 'count', better: 'high',
    name: { 'zh-CN': '下单天数', en: 'Active days' },
    definition: { 'zh-CN': '期间内有计入订单的不同日期数（按供货商时区切日）。', en: 'Distinct local days in the period with a counted order.' },
  },
  medianInterval: {
    unit: 'days', better: 'low',
    name: { 'zh-CN': '下单间隔中位数', en: 'Median interval' },
    definition: {
      'zh-CN': '截至期末，相邻两笔计入订单之间天数的中位数（全部历史）；少于 2 笔订单时为空。',
      en: 'Median of the days between consecutive counted orders, over all history up to the end of the period; empty with fewer than 2 orders.',
    },
  },
  recency: {
    unit: 'days', better: 'low',
    name: { 'zh-CN': '距上次下单', en: 'Recency' },
    definition: {
      'zh-CN': '从最近一笔计入订单的日期到期末（期间最后一天的次日）的天数，期间最后一天下单为 1；从未下单时为空。',
      en: "Days from the last counted order's day to the end of the period (the day after its last day): 1 for an order on its last day; empty without orders.",
    },
  },
  sellThrough: {
    unit: 'ratio', better: 'high',
    name: { 'zh-CN': '动销率', en: 'Sell-through' },
    definition: {
      'zh-CN': '到达消费者的件数 ÷ 代理进货件数。到达消费者 = 期间内发出的一件代发件数 − 退回 + 期间内上报的动销件数；进货件数 = 期间内全部计入订单的件数。没有进货时为空。',
      en: 'Units that reached consumers ÷ units bought: dropship units shipped in the period − returned + sell-through units reported in the period, over all counted units in the period. Empty when nothing was bought.',
    },
  },
  activeSkuRatio: {
    unit: 'ratio', better: 'high',
    name: { 'zh-CN': '动销SKU率', en: 'Active-SKU ratio' },
    definition: {
      'zh-CN': '期间内有货到达消费者的 SKU 数 ÷ 期间内上架的 SKU 数（暂无上下架历史：按期末前创建且现为上架的 SKU，加上期间内有货到达消费者的 SKU 计）。',
      en: 'SKUs with consumer-bound units in the period ÷ SKUs listed during the period (no listing history is kept yet: SKUs listed now and created before its end, plus SKUs that reached consumers in it).',
    },
  },
  returnRate: {
    unit: 'ratio', better: 'low',
    name: { 'zh-CN': '退货率', en: 'Return rate' },
    definition: { 'zh-CN': '期间内退回件数 ÷ 期间内发出件数；没有发货时为空。', en: 'Units returned in the period ÷ units shipped in the period; empty when nothing shipped.' },
  },
  repurchase: {
    unit: 'count', better: 'high',
    name: { 'zh-CN': '复购次数', en: 'Repurchases' },
    definition: { 'zh-CN': '期间内计入订单数 − 1（最少为 0）。', en: 'Counted orders in the period − 1 (at least 0).' },
  },
  growth: {
    unit: 'ratio', better: 'high',
    name: { 'zh-CN': '增长率', en: 'Growth' },
    definition: {
      'zh-CN': '（本期进货额 − 上一等长期间进货额）÷ 上一期间进货额；上期为 0（或只有退款）时为空。',
      en: '(Purchase amount in the period − in the previous equal-length period) ÷ the previous one; empty when the previous one is 0 (or refunds only).',
    },
  },
  churnRisk: {
    unit: 'ratio', better: 'low',
    name: { 'zh-CN': '流失风险', en: 'Churn risk' },
    definition: {
      'zh-CN': 'min(距上次下单 ÷ (2 × 下单间隔中位数), 1)；只有 1 笔订单的代理按 30 天间隔计；从未下单时为空。',
      en: 'min(recency ÷ (2 × median interval), 1); agents with one order use 30 days as the interval; empty without orders.',
    },
  },
  predictedAmount: {
    unit: 'fen', better: 'high',
    name: { 'zh-CN': '预测 12 个月进货额', en: 'Predicted 12-month amount' },
    definition: {
      'zh-CN': '近 365 天的客单价 × 近 365 天每 30 天订单数 × 12.17。',
      en: 'Order value × orders per 30 days, both over the last 365 days, × 12.17.',
    },
  },
  refund: {
    unit: 'fen', better: 'low',
    name: { 'zh-CN': '退款', en: 'Refunds' },
    definition: { 'zh-CN': '期间内售后退款金额。', en: 'Refunds of after-sales cases created in the period.' },
  },
  shippingFee: {
    unit: 'fen', better: 'low',
    name: { 'zh-CN': '运费', en: 'Shipping fees' },
    definition: { 'zh-CN': '期间内计入订单的运费（不计入进货额）。', en: 'Shipping fees of counted orders in the period (not part of the purchase amount).' },
  },
} as const satisfies Record<string, MetricInfo>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];
/** An unknown metric id is a validation error that lists the known ones. */
export const metricId = z.enum(METRIC_IDS as [MetricId, ...MetricId[]], { error: () => `unknown metric; use one of ${METRIC_IDS.join(', ')}` });

/** Every metric's value for one agent and period: fen and counts as integers, ratios as fractions (0.25 = 25 %). */
export const metricValuesSchema = z.object({
  amount: z.number().int(),
  orders: z.number().int(),
  units: z.number().int(),
  aov: z.number().int().nullable(),
  frequency: z.number(),
  activeDays: z.number().int(),
  medianInterval: z.number().nullable(),
  recency: z.number().int().nullable(),
  sellThrough: z.number().nullable(),
  activeSkuRatio: z.number().nullable(),
  returnRate: z.number().nullable(),
  repurchase: z.number().int(),
  growth: z.number().nullable(),
  churnRisk: z.number().nullable(),
  predictedAmount: z.number().int().nullable(),
  refund: z.number().int(),
  shippingFee: z.number().int(),
});
export type MetricValues = z.infer<typeof metricValuesSchema>;

/** RFM segments (quintile scores of recency, frequency and amount over the last 180 days), named as CRMs do. */
export const RFM_SEGMENTS = {
  champion: { 'zh-CN': '重要价值', en: 'Champion' },
  loyal: { 'zh-CN': '重要保持', en: 'Loyal, slipping' },
  potential: { 'zh-CN': '重要发展', en: 'Promising' },
  atRisk: { 'zh-CN': '重要挽留', en: 'At risk' },
  regularValue: { 'zh-CN': '一般价值', en: 'Regular' },
  regularKeep: { 'zh-CN': '一般保持', en: 'Regular, slipping' },
  regularGrow: { 'zh-CN': '一般发展', en: 'New or occasional' },
  lost: { 'zh-CN': '一般挽留', en: 'Lost' },
} as const;
export type RfmSegment = keyof typeof RFM_SEGMENTS;
export const rfmSegment = z.enum(Object.keys(RFM_SEGMENTS) as [RfmSegment, ...RfmSegment[]]);
