import path from 'node:path';
import { auditActor, scopeOf, seesPii, type AreaHandlers } from '../router';
import { rankingPage } from '../../domain/reports/ranking';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';
import { appendAudit } from '../../domain/accounts/audit';

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env, caller) => rankingPage(env.db, q, env.timeZone, scopeOf(caller)),
  'reports.exportRanking': async ({ from, to, jobId }, env, caller) => {
    const masked = !seesPii(caller);
    const scope = scopeOf(caller);
    const file = path.join(env.exportsDir, rankingFileName({ from, to }));
    const result = await env.jobs.run(jobId, (job) => exportRanking(env.db, { from, to }, env.timeZone, file, { ...job, masked, scope }));
    env.files.grant(result.fileName, caller);
    // Every export of personal data (agent names) is recorded: who, when, what, how many rows, masked or not.
    await appendAudit(env.db, {
      ...auditActor(caller),
      action: 'export',
      target: 'reports.ranking',
      details: { from, to, rows: result.rows, masked, scoped: !!scope, fileName: result.fileName, transport: caller.transport },
    });
    return result;
  },
};
