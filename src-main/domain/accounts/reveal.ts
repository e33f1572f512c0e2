// Revealing one masked value (PIPL): only in the caller's data scope, and every reveal is in the audit log.
import { ApiError, type RevealTarget } from '@contract';
import type { Db } from '../../db/open';
import { whereAssignedInScope, type AgentScope } from '../common/scope';
import { appendAudit, type AuditActor } from './audit';

const AGENT_COLUMNS = { name: 'name', phone: 'phone', wechat: 'wechat_id' } as const;
const ORDER_COLUMNS = { name: 'receiver_name', phone: 'receiver_phone', address: 'receiver_address' } as const;

export async function revealValue(db: Db, t: RevealTarget, by: AuditActor, scope: AgentScope): Promise<string> {
  const row =
    t.entity === 'agent'
      ? await db('agents')
          .where({ id: t.id })
          .where((w) => whereAssignedInScope(w, 'cs_user_id', scope))
          .first({ value: AGENT_COLUMNS[t.field], label: 'code' })
      : await db('orders as o')
          .join('agents as a', 'a.id', 'o.agent_id')
          .where('o.id', t.id)
          .where((w) => whereAssignedInScope(w, 'a.cs_user_id', scope))
          .first({ value: `o.${ORDER_COLUMNS[t.field]}`, label: 'o.order_no' });
  // Out of scope answers like a missing row: a scoped user learns nothing about other staff's agents.
  if (!row) throw new ApiError('NOT_FOUND', `${t.entity} ${t.id} does not exist`);
  await appendAudit(db, { ...by, action: 'reveal', target: `${t.entity}:${row.label}`, details: { field: t.field, id: t.id } });
  return String(row.value ?? '');
}
