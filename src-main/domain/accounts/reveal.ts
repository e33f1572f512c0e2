// Revealing one masked value (PIPL): only in the caller's data scope, and every reveal is in the audit log.
import { ApiError, type RevealTarget } from '@contract';
import type { WriteContext } from '../common/context';
import { whereAssignedInScope } from '../common/scope';
import { audit } from './audit';

const AGENT_COLUMNS = { name: 'name', phone: 'phone', wechat: 'wechat_id' } as const;
const ORDER_COLUMNS = { name: 'receiver_name', phone: 'receiver_phone', address: 'receiver_address' } as const;

/** The value, read in the caller's scope; its reveal entry commits with the call (a failed call reveals nothing). */
export async function revealValue(ctx: WriteContext, t: RevealTarget): Promise<string> {
  const { trx: db, scope } = ctx;
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
  await audit(ctx, { action: 'reveal', target: `${t.entity}:${row.label}`, details: { field: t.field, id: t.id } });
  return String(row.value ?? '');
}
