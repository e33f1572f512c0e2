import { todayIn } from '@contract/days';
import type { AreaHandlers } from '../router';
import { runExport } from '../exports';
import { statementAgents } from '../../domain/reports/reportAgents';
import { exportStatement, statementFileName } from '../../domain/reports/statement';
import { dormantFileName, exportDormantList } from '../../domain/reports/dormantList';
import { exportStockPilingList, stockPilingFileName } from '../../domain/reports/stockPilingList';
import { exportProductSales, productSalesFileName } from '../../domain/reports/productSales';
import { REPORT_LABELS } from '../../domain/reports/labels';
import { scopeOf, seesPii } from '../router';

export const reportExportHandlers: AreaHandlers<'reports.exportStatement' | 'reports.exportDormant' | 'reports.exportStockPiling' | 'reports.exportProductSales'> = {
  'reports.exportStatement': async ({ jobId, month, agentId, csUserId, locale }, env, caller) => {
    // Whose statements, checked against the caller's scope before any file exists (NOT_FOUND outside it).
    const agents = await statementAgents(env.db, { agentId, csUserId }, scopeOf(caller), !seesPii(caller));
    const title = agentId
      ? agents[0].code
      : REPORT_LABELS[locale].statement.staffTitle((await env.db('users').where({ id: csUserId }).first('name'))?.name ?? csUserId!);
    return runExport(env, caller, jobId, statementFileName(locale, month, title), { target: 'reports.statement', details: { month, agentId, csUserId, agents: agents.length, locale } }, (file, job) =>
      exportStatement(env.db, env.timeZone, { month, agents, title, locale }, file, job),
    );
  },
  'reports.exportDormant': async ({ jobId, asOf, locale }, env, caller) => {
    const day = asOf ?? todayIn(env.timeZone, env.clock());
    return runExport(env, caller, jobId, dormantFileName(locale, day), { target: 'reports.dormant', details: { asOf: day, locale } }, (file, job) =>
      exportDormantList(env.analytics, { asOf: day, locale }, file, job),
    );
  },
  'reports.exportStockPiling': async ({ jobId, asOf, locale }, env, caller) => {
    const day = asOf ?? todayIn(env.timeZone, env.clock());
    return runExport(env, caller, jobId, stockPilingFileName(locale, day), { target: 'reports.stockPiling', details: { asOf: day, locale } }, (file, job) =>
      exportStockPilingList(env.analytics, { asOf: day, locale }, file, job),
    );
  },
  'reports.exportProductSales': async ({ jobId, from, to, locale }, env, caller) =>
    runExport(env, caller, jobId, productSalesFileName(locale, { from, to }), { target: 'reports.productSales', details: { from, to, locale } }, (file, job) =>
      exportProductSales(env.db, env.timeZone, { from, to, locale }, file, job),
    ),
};
