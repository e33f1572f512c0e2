import path from 'node:path';
import { scopeOf, seesPii, type AreaHandlers, type Caller } from '../router';
import type { Env } from '../env';
import { isLimited } from '../../domain/common/scope';
import { handOverExport } from '../exports';
import { exportRanking, rankingFileName } from '../../domain/reports/exportRanking';

/** Who the summary names: the account's display name (the CLI's local operator has none). */
async function displayName(env: Env, caller: Caller): Promise<string> {
  const u = caller.user && (await env.db('users').where({ id: caller.user.id }).first('name', 'login'));
  return u ? `${u.name}（${u.login}）` : caller.user?.login === 'local' || !caller.user ? `本机操作员（${caller.transport}）` : caller.user.login;
}

export const reportsHandlers: AreaHandlers<'reports.ranking' | 'reports.exportRanking'> = {
  'reports.ranking': async (q, env, caller) => env.analytics.rankingPage(q, scopeOf(caller)),
  'reports.exportRanking': async ({ jobId, ...q }, env, caller) => {
    const masked = !seesPii(caller);
    const scope = scopeOf(caller);
    const file = path.join(env.exportsDir, rankingFileName(q));
    const byName = await displayName(env, caller);
    const result = await env.jobs.run(jobId, caller, (job) => exportRanking(env.analytics, q, file, { ...job, masked, scope, byName, now: env.clock() }));
    // Agent names are personal data: the entry says whether they left masked.
    const { from, to, metric, filters, compare, columns, setupName } = q;
    return handOverExport(env, caller, result, 'reports.ranking', { from, to, metric, filters, compare, columns, setupName, masked, scoped: isLimited(scope) });
  },
};
