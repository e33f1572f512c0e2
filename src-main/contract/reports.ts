import { z } from 'zod';
import { day, id, jobId, paging, period } from './common';
import { method } from './method';
import { rankingQuery, rankingRowSchema, rankingTotalsSchema } from './analytics';
import { rankingColumns, reportLocale } from './rankingReport';
import { periodPreset } from './reportSetups';

export const exportResultSchema = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const reportsMethods = {
  'reports.ranking': method({
    summary: 'Distributor ranking (分销商排行) by any metric for a period [from, to), filtered, with previous-period ranks on request',
    input: rankingQuery.and(z.object({ page: paging.page, pageSize: paging.pageSize })),
    output: z.object({
      rows: z.array(rankingRowSchema),
      total: z.number().int(),
      totals: rankingTotalsSchema,
    }),
    permission: 'reports.view',
    errors: [],
  }),
  'reports.exportRanking': method({
    summary: 'Write the ranking for a period to a styled .xlsx in the exports folder: the chosen columns in their order, headers in `locale`, and a summary sheet',
    input: rankingQuery.and(
      z.object({
        jobId,
        /** Metric ids and agent columns, in order (default: the screen's defaults); the ranked metric is always written. */
        columns: rankingColumns.optional(),
        locale: reportLocale.default('zh-CN'),
        /** The preset the period was cut from, named in the summary. */
        preset: periodPreset.optional(),
        /** The saved setup this export runs, named in the summary and the audit entry. */
        setupName: z.string().trim().max(40).optional(),
      }),
    ),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: 'its one row is the export’s audit entry, one INSERT once the file is complete; a transaction held over the long read would pin its snapshot',
  }),
};

/** A calendar month of local days, 'YYYY-MM'. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
const OWN_TRANSACTION = 'its one row is the export’s audit entry, one INSERT once the file is complete; a transaction held over the long read would pin its snapshot';

/**
 * The Excel reports of issue 9 item 7 besides the ranking: each a job writing one .xlsx to the exports folder, its
 * headers, sheet names and labels in `locale` (the user's language; domain/reports/labels.ts).
 */
export const reportExportMethods = {
  'reports.exportStatement': method({
    summary: 'Agent statement (对账单) for a month: orders with their lines, refunds, totals; one agent, or one sheet per agent of a staff member plus a summary',
    input: z
      .object({ jobId, month, agentId: id.optional(), csUserId: id.optional(), locale: reportLocale.default('zh-CN') })
      .superRefine((q, ctx) => {
        if (!q.agentId === !q.csUserId) ctx.addIssue({ code: 'custom', path: [q.agentId ? 'csUserId' : 'agentId'], message: 'give either agentId or csUserId' });
      }),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['NOT_FOUND', 'CANCELLED'],
    job: true,
    ownTransaction: OWN_TRANSACTION,
  }),
  'reports.exportDormant': method({
    summary: 'Dormant agents (沉睡代理) as of a day, for follow-up: contact, staff, last order, 90/365-day figures, churn risk',
    input: z.object({ jobId, asOf: day.optional(), locale: reportLocale.default('zh-CN') }),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: OWN_TRANSACTION,
  }),
  'reports.exportStockPiling': method({
    summary: 'Agents with a stock-piling alert (压货预警) as of a day: stock units, units sold, sell-through, last report',
    input: z.object({ jobId, asOf: day.optional(), locale: reportLocale.default('zh-CN') }),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: OWN_TRANSACTION,
  }),
  'reports.exportProductSales': method({
    summary: 'Product sales report (商品销售) for a period against the previous one: units, amount, orders, agents, sell-through, return rate',
    input: period.and(z.object({ jobId, locale: reportLocale.default('zh-CN') })),
    output: exportResultSchema,
    permission: 'reports.export',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: OWN_TRANSACTION,
  }),
};
