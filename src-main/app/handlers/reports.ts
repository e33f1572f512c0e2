import path from 'node:path';
import { scopeOf, seesPii, type AreaHandlers } from '../router';
import { handOverExport } from '../exports';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env, caller) => env.analytics.rankingPage(q, scopeOf(caller)),
  'reports.exportRanking': async ({ jobId, ...q }, env, caller) => {
    const masked = !seesPii(caller);
    const scope = scopeOf(caller);
    const file = path.join(env.exportsDir, rankingFileName(q));
    const result = await env.jobs.run(jobId, caller, (job) => exportRanking(env.analytics, q, file, { ...job, masked, scope }));
    // Agent names are personal data: the entry says whether they left masked.
    const { from, to, metric, filters, compare } = q;
    return handOverExport(env, caller, result, 'reports.ranking', { from, to, metric, filters, compare, masked, scoped: !!scope });
  },
};
