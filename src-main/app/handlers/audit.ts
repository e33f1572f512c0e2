import path from 'node:path';
import { scopeOf, type AreaHandlers } from '../router';
import { handOverExport } from '../exports';
import { listAudit } from '../../domain/accounts/audit';
import { auditFileName, exportAudit } from '../../domain/accounts/exportAudit';

export const auditHandlers: AreaHandlers<'audit.list' | 'audit.export'> = {
  'audit.list': async (q, env, caller) => listAudit(env.db, q, env.timeZone, scopeOf(caller)),
  'audit.export': async ({ jobId, ...q }, env, caller) => {
    const result = await env.jobs.run(jobId, caller, (job) => exportAudit(env.db, q, env.timeZone, path.join(env.exportsDir, auditFileName()), job));
    return handOverExport(env, caller, result, 'audit.list', q);
  },
};
