import path from 'node:path';
import { scopeOf, seesPii, type AreaHandlers } from '../router';
import { isLimited } from '../../domain/common/scope';
import { handOverExport } from '../exports';
import { rankingPage } from '../../domain/reports/ranking';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env, caller) => rankingPage(env.db, q, env.timeZone, scopeOf(caller)),
  'reports.exportRanking': async ({ from, to, jobId }, env, caller) => {
    const masked = !seesPii(caller);
    const scope = scopeOf(caller);
    const file = path.join(env.exportsDir, rankingFileName({ from, to }));
    const result = await env.jobs.run(jobId, caller, (job) => exportRanking(env.db, { from, to }, env.timeZone, scope, file, { ...job, masked }));
    // Agent names are personal data: the entry says whether they left masked.
    return handOverExport(env, caller, result, 'reports.ranking', { from, to, masked, scoped: isLimited(scope) });
  },
};
