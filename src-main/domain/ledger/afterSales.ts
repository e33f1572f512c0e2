import { ApiError, afterSalesInput, type AfterSalesInput } from '@contract';
import { dayNumberOf } from '@contract/days';
import { newId } from '../common/ids';
import { ledgerAudit } from './audit';
import { atomically, type LedgerContext } from './context';
import { loadOrder, type CaseFacts } from './facts';
import { holdings, leftOf } from './holdings';
import { appendOrderEvent } from './orderEvents';
import { RollupDeltas } from './rollupDeltas';
import { writeMovements } from './stock';
import { overLimit, parseInput } from './validate';

export interface RecordedCase {
  id: string;
  returnedUnits: number;
  refundFen: number;
}

/**
 * Records an after-sales case on a shipped order: units returned per line (never more than ordered minus already
 * returned), a refund (never more than the goods amount minus what was already refunded), goods back on the shelf
 * when `restock`. Counted on the day it is recorded (created_day), like the refunds in the metrics.
 */
export const recordAfterSales = (ctx: LedgerContext, input: AfterSalesInput): Promise<RecordedCase> => atomically(ctx, (c) => record(c, input));

async function record(ctx: LedgerContext, input: AfterSalesInput): Promise<RecordedCase> {
  const c = parseInput(afterSalesInput, input);
  const { trx } = ctx;
  const order = await loadOrder(trx, c.orderId);
  if (order.status === 'cancelled' || order.shippedDay === null)
    throw new ApiError(
      'INVALID_TRANSITION',
      order.status === 'cancelled'
        ? `order ${order.orderNo} was cancelled: nothing was sent, so nothing can be returned or refunded`
        : `order ${order.orderNo} has not shipped yet: cancel it instead of recording an after-sales case`,
      { orderId: order.id, from: order.status, allowed: ['shipped', 'delivered', 'completed'] },
    );

  const lineById = new Map(order.lines.map((l) => [l.id, l]));
  const skus = new Map<string, string>(
    (await trx('products').whereIn('id', order.lines.map((l) => l.productId)).select('id', 'sku')).map((p: { id: string; sku: string }) => [p.id, p.sku]),
  );
  const returned = new Map<string, number>(
    (await trx('after_sales_lines').whereIn('order_line_id', order.lines.map((l) => l.id)).groupBy('order_line_id').select('order_line_id', trx.raw('SUM(quantity) AS n'))).map(
      (r: { order_line_id: string; n: number }) => [r.order_line_id, Number(r.n)],
    ),
  );
  const lines = c.lines.map((l, i) => {
    const line = lineById.get(l.orderLineId);
    if (!line)
      throw new ApiError('NOT_FOUND', `order line ${l.orderLineId} is not on order ${order.orderNo} (lines.${i}.orderLineId)`, {
        path: `lines.${i}.orderLineId`,
        id: l.orderLineId,
      });
    const before = returned.get(line.id) ?? 0;
    const left = line.quantity - before;
    if (l.quantity > left)
      throw overLimit(
        `lines.${i}.quantity`,
        `at most ${left} more of ${skus.get(line.productId)} can be returned (ordered ${line.quantity}, already returned ${before})`,
        { ordered: line.quantity, returned: before, max: left },
      );
    return { index: i, productId: line.productId, quantity: l.quantity };
  });

  const refunded = Number((await trx('after_sales').where({ order_id: order.id }).sum({ n: 'refund_fen' }).first())?.n ?? 0);
  if (c.refundFen > order.goodsFen - refunded)
    throw overLimit(
      'refundFen',
      `at most ${order.goodsFen - refunded} fen can be refunded on ${order.orderNo} (goods ${order.goodsFen}, already refunded ${refunded})`,
      { goodsFen: order.goodsFen, refunded, max: order.goodsFen - refunded },
    );

  // A stock order's goods sit with the agent: what they reported as sold cannot come back.
  if (order.kind === 'stock') {
    const held = await holdings(trx, order.agentId, [...new Set(lines.map((l) => l.productId))]);
    for (const l of lines) {
      const h = held.get(l.productId)!;
      const left = leftOf(h);
      if (l.quantity > left)
        throw overLimit(
          `lines.${l.index}.quantity`,
          `at most ${left} of ${skus.get(l.productId)} can come back: the agent got ${h.bought} in stock orders, returned ${h.returned} and reported ${h.reported} sold`,
          { ...h, max: left },
        );
      h.returned += l.quantity; // a second line of the same product draws on what is left after this one
    }
  }

  const now = ctx.now();
  const id = c.id ?? newId();
  if (await trx('after_sales').where({ id }).first('id')) throw new ApiError('CONFLICT', `an after-sales case with id ${id} already exists`, { reason: 'exists', id });
  const day = dayNumberOf(now, ctx.timeZone);
  const units = lines.reduce((s, l) => s + l.quantity, 0);
  await trx('after_sales').insert({
    id, order_id: order.id, agent_id: order.agentId, reason: c.reason, refund_fen: c.refundFen, returned_units: units, restock: c.restock,
    created_at: now, created_day: day, updated_at: now,
  });
  if (c.lines.length) await trx('after_sales_lines').insert(c.lines.map((l) => ({ id: newId(), case_id: id, order_line_id: l.orderLineId, quantity: l.quantity })));
  if (c.restock) await writeMovements(ctx, lines.map((l) => ({ productId: l.productId, delta: l.quantity, cause: 'return', refId: id })), now);
  const facts: CaseFacts = { agentId: order.agentId, day, kind: order.kind, refundFen: c.refundFen, lines };
  await new RollupDeltas().afterSales(facts, 1).apply(ctx);
  await appendOrderEvent(ctx, { orderId: order.id, at: now, kind: 'after_sales', note: c.reason, refId: id });
  await ledgerAudit(ctx, now, 'after_sales', `order:${order.orderNo}`, { caseId: id, orderId: order.id, units, refundFen: c.refundFen, restock: c.restock });
  ctx.changes.touch(['after_sales', 'after_sales_lines', 'order_events'], [order.agentId]);
  return { id, returnedUnits: units, refundFen: c.refundFen };
}
