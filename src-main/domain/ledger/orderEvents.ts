import type { Order } from '@contract';
import { newId } from '../common/ids';
import type { LedgerContext } from './context';

export type OrderEventKind = 'created' | 'status' | 'cancelled' | 'after_sales';

/** One step of an order's timeline (order_events), who and when, in the transaction of the change. */
export async function appendOrderEvent(
  ctx: Pick<LedgerContext, 'trx' | 'actor'>,
  e: { orderId: string; at: number; kind: OrderEventKind; from?: Order['status'] | null; to?: Order['status'] | null; note?: string; refId?: string },
): Promise<void> {
  await ctx.trx('order_events').insert({
    id: newId(),
    order_id: e.orderId,
    at: e.at,
    kind: e.kind,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    user_id: ctx.actor.userId,
    user_login: ctx.actor.userLogin,
    note: e.note ?? '',
    ref_id: e.refId ?? null,
  });
}
