import path from 'node:path';
import { seesPii, type AreaHandlers } from '../router';
import { rankingPage } from '../../domain/reports/ranking';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';
import { appendAudit } from '../../domain/accounts/audit';

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env) => rankingPage(env.db, q, env.timeZone),
  'reports.exportRanking': async ({ from, to, jobId }, env, caller) => {
    const masked = !seesPii(caller);
    const file = path.join(env.exportsDir, rankingFileName({ from, to }));
    const result = await env.jobs.run(jobId, (job) => exportRanking(env.db, { from, to }, env.timeZone, file, { ...job, masked }));
    // Every export of personal data (agent names) is recorded: who, when, what, how many rows, masked or not.
    await appendAudit(env.db, {
      userId: caller.user?.id ?? null,
      userLogin: caller.user?.login ?? 'local',
      action: 'export',
      target: 'reports.ranking',
      details: { from, to, rows: result.rows, masked, fileName: result.fileName, transport: caller.transport },
    });
    return result;
  },
};
