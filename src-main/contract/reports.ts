import { z } from 'zod';
import { jobId, paging } from './common';
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
