import { z } from 'zod';
import { day, jobId, period, paging } from './common';
import { method } from './method';
import { piiString } from './pii';

/** Figures as domain.md defines them; amounts in fen, net of refunds from after-sales cases in the period. */
export const rankingRowSchema = z.object({
  rank: z.number().int(),
  agentId: z.string(),
  agentCode: z.string(),
  agentName: piiString('name'),
  levelName: z.string(),
  orders: z.number().int(),
  amountFen: z.number().int(),
  units: z.number().int(),
  /** 客单价: amount ÷ orders, rounded to the fen; null when there are no counted orders. */
  aovFen: z.number().int().nullable(),
  refundFen: z.number().int(),
  shippingFeeFen: z.number().int(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingTotalsSchema = z.object({
  agents: z.number().int(),
  orders: z.number().int(),
  amountFen: z.number().int(),
  units: z.number().int(),
  aovFen: z.number().int().nullable(),
  refundFen: z.number().int(),
  shippingFeeFen: z.number().int(),
});
export type RankingTotals = z.infer<typeof rankingTotalsSchema>;

export const exportResultSchema = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const reportsMethods = {
  'reports.ranking': method({
    summary: 'Distributor ranking (分销商排行) by purchase amount for a period [from, to)',
    input: z.object({ from: day, to: day, page: paging.page, pageSize: paging.pageSize }).and(period),
    output: z.object({
      rows: z.array(rankingRowSchema),
      total: z.number().int(),
      totals: rankingTotalsSchema,
    }),
    permission: 'reports.view',
    errors: [],
  }),
  'reports.exportRanking': method({
    summary: 'Write the ranking for a period to a styled .xlsx in the exports folder',
    input: z.object({ from: day, to: day, jobId }).and(period),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: 'its one row is the export’s audit entry, one INSERT once the file is complete; a transaction held over the long read would pin its snapshot',
  }),
};
