import path from 'node:path';
import type { AreaHandlers } from '../router';
import { rankingPage } from '../../domain/reports/ranking';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env) => rankingPage(env.db, q, env.timeZone),
  'reports.exportRanking': async ({ from, to, jobId }, env) =>
    env.jobs.run(jobId, (job) => exportRanking(env.db, { from, to }, env.timeZone, path.join(env.exportsDir, rankingFileName({ from, to })), job)),
};
