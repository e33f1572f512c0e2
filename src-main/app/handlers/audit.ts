import type { AreaHandlers } from '../router';
import { listAudit } from '../../domain/accounts/audit';

export const auditHandlers: AreaHandlers<'audit.list'> = {
  'audit.list': async (q, env) => listAudit(env.db, q, env.timeZone),
};
