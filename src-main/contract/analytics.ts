import { z } from 'zod';
import { day, id, paging, period } from './common';
import { agentStatus } from './agents';
import { method } from './method';
import { metricId, metricValuesSchema, rfmSegment } from './metrics';
import { piiString } from './pii';

/** Which agents a ranking or report covers (all optional; within the caller's data scope always). */
export const agentFilters = z
  .object({
    levelIds: z.array(id).max(50).optional(),
    provinces: z.array(z.string().trim().min(1).max(20)).max(40).optional(),
    /** Assigned cs staff; 'none': agents assigned to nobody. */
    csUserIds: z.array(z.union([id, z.literal('none')])).max(200).optional(),
    sourceChannels: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
    statuses: z.array(agentStatus).max(6).optional(),
  })
  .strict();
export type AgentFilters = z.infer<typeof agentFilters>;

/** A period [from, to) of local days with the metric to rank by and the agents to rank. */
export const rankingQuery = z
  .object({
    from: day,
    to: day,
    metric: metricId.default('amount'),
    filters: agentFilters.default({}),
    /** Each row then carries its rank in the previous equal-length period and the movement. */
    compare: z.boolean().default(false),
  })
  .and(period);
export type RankingQuery = z.output<typeof rankingQuery>;

export const rankingRowSchema = z.object({
  rank: z.number().int(),
  /** Rank in the previous equal-length period by the same metric and filters; null: not ranked then (新上榜) or no comparison asked. */
  prevRank: z.number().int().nullable(),
  /** prevRank − rank: positive moved up; null with no previous rank. */
  movement: z.number().int().nullable(),
  agentId: z.string(),
  agentCode: z.string(),
  agentName: piiString('name'),
  levelName: z.string(),
  province: z.string(),
  status: agentStatus,
  csName: z.string().nullable(),
  /** The ranked metric's value (null: empty, ranked last). */
  value: z.number().nullable(),
  values: metricValuesSchema,
  rfmSegment: rfmSegment.nullable(),
  dormant: z.boolean(),
  stockPiling: z.boolean(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingTotalsSchema = z.object({
  agents: z.number().int(),
  orders: z.number().int(),
  amount: z.number().int(),
  units: z.number().int(),
  aov: z.number().int().nullable(),
  refund: z.number().int(),
  shippingFee: z.number().int(),
});
export type RankingTotals = z.infer<typeof rankingTotalsSchema>;

/** The channel funnel of domain.md for one period: 流量 × 转化率 × 客单价 × 复购次数. */
export const funnelSchema = z.object({
  /** Agents who joined in the period. */
  newAgents: z.number().int(),
  /** Of those, agents with a first counted order within 14 days of joining. */
  converted: z.number().int(),
  conversionRate: z.number().nullable(),
  /** Agents with a counted order in the period. */
  orderingAgents: z.number().int(),
  orders: z.number().int(),
  aov: z.number().int().nullable(),
  /** Counted orders per ordering agent (复购次数). */
  ordersPerAgent: z.number().nullable(),
  amount: z.number().int(),
  /** Share of the agents who ordered in the previous period who ordered again in this one. */
  repurchaseShare: z.number().nullable(),
});
export type Funnel = z.infer<typeof funnelSchema>;

const agentRef = { agentId: z.string(), agentCode: z.string(), agentName: piiString('name') };

export const stockPilingRowSchema = z.object({
  ...agentRef,
  /** Stock-order units bought in the last 60 days (up to the period's end). */
  stockUnits: z.number().int(),
  sellThrough: z.number().nullable(),
});

export const productRankingRowSchema = z.object({
  rank: z.number().int(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  units: z.number().int(),
  amount: z.number().int(),
  returnedUnits: z.number().int(),
  sellThrough: z.number().nullable(),
});

export const analyticsMethods = {
  'agents.metrics': method({
    summary: "One agent's figures for a period against the previous one, monthly amounts, order intervals and alerts (代理详情)",
    input: z.object({ agentId: id, from: day, to: day }).and(period),
    output: z.object({
      agent: z.object({
        id: z.string(),
        code: z.string(),
        name: piiString('name'),
        levelName: z.string(),
        status: agentStatus,
        province: z.string(),
        city: z.string(),
        csName: z.string().nullable(),
        joinedAt: z.number().int(),
      }),
      period: z.object({ from: day, to: day }),
      previous: z.object({ from: day, to: day }),
      current: metricValuesSchema,
      prior: metricValuesSchema,
      /** Purchase amount and orders per calendar month, the 12 months up to the period's end. */
      monthly: z.array(z.object({ month: z.string(), amount: z.number().int(), orders: z.number().int() })),
      /** Days between consecutive counted orders, oldest first, all history up to the period's end. */
      intervals: z.array(z.number().int()),
      expectedNextOrder: day.nullable(),
      rfmSegment: rfmSegment.nullable(),
      dormant: z.boolean(),
      churned: z.boolean(),
      stockPiling: z.object({ stockUnits: z.number().int(), sellThrough: z.number().nullable() }).nullable(),
    }),
    permission: 'agents.view',
    errors: ['NOT_FOUND'],
  }),
  'analytics.dashboard': method({
    summary: 'Workbench dashboard (工作台) for a period against the previous one: funnel, daily amounts, agent counts, top agents and products, provinces, stock-piling alerts',
    input: z.object({ from: day, to: day }).and(period),
    output: z.object({
      period: z.object({ from: day, to: day }),
      previous: z.object({ from: day, to: day }),
      funnel: z.object({ current: funnelSchema, previous: funnelSchema }),
      daily: z.array(z.object({ day, amount: z.number().int(), orders: z.number().int() })),
      /** new: joined in the period; active: ordered in it; dormant / churned: as of the period's end. */
      agentCounts: z.object({ new: z.number().int(), active: z.number().int(), dormant: z.number().int(), churned: z.number().int() }),
      topAgents: z.array(z.object({ ...agentRef, amount: z.number().int(), orders: z.number().int() })),
      topProducts: z.array(productRankingRowSchema),
      byProvince: z.array(z.object({ province: z.string(), amount: z.number().int(), agents: z.number().int() })),
      stockPiling: z.object({ count: z.number().int(), rows: z.array(stockPilingRowSchema) }),
    }),
    permission: 'agents.view',
    errors: [],
  }),
  'reports.productRanking': method({
    summary: 'Product ranking for a period: units, purchase amount and sell-through per product',
    input: z
      .object({ from: day, to: day, metric: z.enum(['units', 'amount', 'sellThrough']).default('units'), page: paging.page, pageSize: paging.pageSize })
      .and(period),
    output: z.object({ rows: z.array(productRankingRowSchema), total: z.number().int() }),
    permission: 'reports.view',
    errors: [],
  }),
};
