import { ApiError, orderCancelInput, orderStatusInput, validationFailed, type Order, type OrderStatusInput } from '@contract';
import { dayNumberOf, formatDateTime } from '@contract/days';
import { ledgerAudit } from './audit';
import { atomically, type LedgerContext } from './context';
import { loadOrder, type OrderFacts } from './facts';
import { appendOrderEvent } from './orderEvents';
import { RollupDeltas } from './rollupDeltas';
import { writeMovements } from './stock';
import { parseInput } from './validate';

type Status = Order['status'];
type Step = OrderStatusInput['to'];

/**
 * Where an order may go from each status: forward only, along pending → shipped → delivered → completed. Shipping is
 * never skipped (it records the carrier, the tracking number and the shipping day the rollups count); delivered may
 * be (many couriers never confirm a delivery, so a shipped order can be completed). Cancelling is cancelOrder, from
 * pending only: once goods left, they come back through an after-sales case.
 */
export const NEXT_STATUSES: Readonly<Record<Status, readonly Step[]>> = {
  pending: ['shipped'],
  shipped: ['delivered', 'completed'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

const STAMP: Record<Step, 'shipped_at' | 'delivered_at' | 'completed_at'> = { shipped: 'shipped_at', delivered: 'delivered_at', completed: 'completed_at' };

function refuseStep(o: OrderFacts, to: Status): ApiError {
  const allowed = o.status === 'pending' && to === 'cancelled' ? ['cancelled'] : [...NEXT_STATUSES[o.status]];
  const message =
    o.status === to
      ? `order ${o.orderNo} is already ${to}`
      : o.status === 'cancelled'
        ? `order ${o.orderNo} was cancelled; a cancelled order does not change any more`
        : o.status === 'pending'
          ? `order ${o.orderNo} is pending: ship it first (status shipped, with carrier and tracking number)`
          : allowed.length
            ? `order ${o.orderNo} is ${o.status}: it can only go on to ${allowed.join(' or ')}, not back or to ${to}`
            : `order ${o.orderNo} is ${o.status}, its last status`;
  return new ApiError('INVALID_TRANSITION', message, { orderId: o.id, from: o.status, to, allowed });
}

/** A form opened before someone else changed the order must not overwrite that change. */
function checkFresh(o: OrderFacts, expectedUpdatedAt: number | undefined) {
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== o.updatedAt)
    throw new ApiError('CONFLICT', `order ${o.orderNo} was changed by someone else since you opened it; reload it and try again`, {
      reason: 'stale',
      updatedAt: o.updatedAt,
    });
}

/** updated_at strictly increases with each change, so a second save from a stale form is always caught. */
const nextUpdatedAt = (o: OrderFacts, now: number) => Math.max(now, o.updatedAt + 1);

/**
 * Moves an order one step forward (see NEXT_STATUSES). Shipping stamps shipped_at and the local shipping day and
 * keeps carrier and tracking number; each step goes on the order's timeline with who and when, and into the audit log.
 */
export const setOrderStatus = (
  ctx: LedgerContext,
  orderId: string,
  to: Step,
  opts: Omit<OrderStatusInput, 'orderId' | 'to'> = {},
): Promise<{ status: Step; updatedAt: number }> => atomically(ctx, (c) => step(c, { ...opts, orderId, to }));

async function step(ctx: LedgerContext, input: OrderStatusInput): Promise<{ status: Step; updatedAt: number }> {
  const s = parseInput(orderStatusInput, input);
  const before = await loadOrder(ctx.trx, s.orderId);
  checkFresh(before, s.expectedUpdatedAt);
  if (!NEXT_STATUSES[before.status].includes(s.to)) throw refuseStep(before, s.to);
  if (s.to !== 'shipped' && (s.carrier || s.trackingNo))
    throw validationFailed([{ path: s.trackingNo ? 'trackingNo' : 'carrier', code: 'onlyWhenShipping', message: 'is given when the order ships, not later' }]);
  const now = ctx.now();
  const updatedAt = nextUpdatedAt(before, now);
  const shipping = s.to === 'shipped';
  const after: OrderFacts = { ...before, status: s.to, shippedDay: shipping ? dayNumberOf(now, ctx.timeZone) : before.shippedDay, updatedAt };
  await ctx.trx('orders')
    .where({ id: before.id })
    .update({
      status: s.to,
      [STAMP[s.to]]: now,
      updated_at: updatedAt,
      ...(shipping ? { shipped_day: after.shippedDay, carrier: s.carrier ?? '', tracking_no: s.trackingNo ?? '' } : {}),
    });
  // Only shipping moves a rollup (the shipped units on the shipping day); delivery and completion are not counted.
  if (shipping) await new RollupDeltas().order(before, -1).order(after, 1).apply(ctx);
  const note = shipping ? [s.carrier, s.trackingNo].filter(Boolean).join(' ') : '';
  await appendOrderEvent(ctx, { orderId: before.id, at: now, kind: 'status', from: before.status, to: s.to, note });
  await ledgerAudit(ctx, now, 'order_status', `order:${before.orderNo}`, { orderId: before.id, from: before.status, to: s.to });
  ctx.changes.touch(['orders', 'order_events'], [before.agentId]);
  return { status: s.to, updatedAt };
}

/**
 * Cancels a pending order: its goods go back on the shelf (movements 'cancel') and it stops counting in the
 * rollups. A shipped order is refused: what comes back after shipping is an after-sales case.
 */
export const cancelOrder = (
  ctx: LedgerContext,
  orderId: string,
  opts: { reason: string; expectedUpdatedAt?: number },
): Promise<{ status: 'cancelled'; updatedAt: number }> => atomically(ctx, (c) => cancel(c, { ...opts, orderId }));

async function cancel(ctx: LedgerContext, input: { orderId: string; reason: string; expectedUpdatedAt?: number }) {
  const c = parseInput(orderCancelInput, input);
  const before = await loadOrder(ctx.trx, c.orderId);
  checkFresh(before, c.expectedUpdatedAt);
  if (before.status !== 'pending') {
    if (before.status === 'cancelled') throw refuseStep(before, 'cancelled');
    const shippedAt = (await ctx.trx('orders').where({ id: before.id }).first('shipped_at')).shipped_at;
    throw new ApiError(
      'INVALID_TRANSITION',
      `order ${before.orderNo} shipped on ${formatDateTime(Number(shippedAt), ctx.timeZone)} and can no longer be cancelled; record an after-sales case (return, refund) instead`,
      { orderId: before.id, from: before.status, to: 'cancelled', allowed: [] },
    );
  }
  const now = ctx.now();
  const updatedAt = nextUpdatedAt(before, now);
  await ctx.trx('orders').where({ id: before.id }).update({ status: 'cancelled', cancelled_at: now, updated_at: updatedAt });
  await writeMovements(ctx, before.lines.map((l) => ({ productId: l.productId, delta: l.quantity, cause: 'cancel', refId: before.id })), now);
  await new RollupDeltas().order(before, -1).apply(ctx);
  await appendOrderEvent(ctx, { orderId: before.id, at: now, kind: 'cancelled', from: 'pending', to: 'cancelled', note: c.reason });
  await ledgerAudit(ctx, now, 'order_cancel', `order:${before.orderNo}`, { orderId: before.id, units: before.units, goodsAmountFen: before.goodsFen, reason: c.reason });
  ctx.changes.touch(['orders', 'order_events'], [before.agentId]);
  return { status: 'cancelled' as const, updatedAt };
}
