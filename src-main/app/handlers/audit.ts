import path from 'node:path';
import { auditActor, type AreaHandlers } from '../router';
import { appendAudit, listAudit } from '../../domain/accounts/audit';
import { auditFileName, exportAudit } from '../../domain/accounts/exportAudit';

export const auditHandlers: AreaHandlers<'audit.list' | 'audit.export'> = {
  'audit.list': async (q, env) => listAudit(env.db, q, env.timeZone),
  'audit.export': async ({ jobId, ...q }, env, caller) => {
    const result = await env.jobs.run(jobId, (job) => exportAudit(env.db, q, env.timeZone, path.join(env.exportsDir, auditFileName()), job));
    env.files.grant(result.fileName, caller);
    await appendAudit(env.db, {
      ...auditActor(caller),
      action: 'export',
      target: 'audit.list',
      details: { ...q, rows: result.rows, fileName: result.fileName, transport: caller.transport },
    });
    return result;
  },
};
