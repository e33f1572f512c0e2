import type { Knex } from 'knex';
import { ApiError, orderRecordInput, validationFailed, type OrderRecordInput } from '@contract';
import { dayNumberOf } from '@contract/days';
import { newId } from '../common/ids';
import { ledgerAudit } from './audit';
import { atomically, type LedgerContext } from './context';
import type { OrderFacts } from './facts';
import { appendOrderEvent } from './orderEvents';
import { RollupDeltas } from './rollupDeltas';
import { writeMovements } from './stock';
import { notFound, parseInput } from './validate';

export interface RecordedOrder {
  id: string;
  orderNo: string;
  status: 'pending';
  goodsAmountFen: number;
  units: number;
  updatedAt: number;
}

const SEQ_DIGITS = 8;

/**
 * The next order number of a local day: 'DS' + yyyymmdd + an 8-digit sequence, as the demo numbers them (its
 * sequence runs across days, so continuing after the day's highest number never collides with it either).
 */
export async function nextOrderNo(trx: Knex.Transaction, placedDay: number): Promise<string> {
  const prefix = `DS${placedDay}`;
  const last = await trx('orders')
    .where('order_no', '>=', prefix)
    .where('order_no', '<', `${prefix}:`) // ':' sorts right after '9'
    .whereRaw('length(order_no) = ?', [prefix.length + SEQ_DIGITS])
    .orderBy('order_no', 'desc')
    .first('order_no');
  const seq = last ? Number(last.order_no.slice(prefix.length)) + 1 : 1;
  return prefix + String(seq).padStart(SEQ_DIGITS, '0');
}

/**
 * Records a new order (status pending) with its lines: unit prices are the agent's level price unless a line
 * overrides it, totals are the sum of the lines, the placed day is cut in the supplier's zone, the goods leave
 * stock (movements 'order'), and the rollups, the timeline and the audit log get it in the same transaction.
 */
export const recordOrder = (ctx: LedgerContext, input: OrderRecordInput): Promise<RecordedOrder> => atomically(ctx, (c) => record(c, input));

async function record(ctx: LedgerContext, input: OrderRecordInput): Promise<RecordedOrder> {
  const o = parseInput(orderRecordInput, input);
  const { trx } = ctx;
  const now = ctx.now();
  const placedAt = o.placedAt ?? now;
  if (placedAt > now) throw validationFailed([{ path: 'placedAt', code: 'inFuture', message: 'must not be in the future' }]);

  const agent = await trx('agents').where({ id: o.agentId }).first('id', 'code', 'level_id');
  if (!agent) throw notFound('agent', o.agentId, 'agentId');
  const productIds = [...new Set(o.lines.map((l) => l.productId))];
  const products = new Map<string, { sku: string }>(
    (await trx('products').whereIn('id', productIds).select('id', 'sku')).map((p: { id: string; sku: string }) => [p.id, p]),
  );
  const prices = new Map<string, number>(
    (await trx('product_prices').where({ level_id: agent.level_id }).whereIn('product_id', productIds).select('product_id', 'price_fen')).map(
      (p: { product_id: string; price_fen: number }) => [p.product_id, Number(p.price_fen)],
    ),
  );
  const lines = o.lines.map((l, i) => {
    const product = products.get(l.productId);
    if (!product) throw notFound('product', l.productId, `lines.${i}.productId`);
    const unitPriceFen = l.unitPriceFen ?? prices.get(l.productId);
    if (unitPriceFen === undefined)
      throw validationFailed([{ path: `lines.${i}.unitPriceFen`, code: 'noLevelPrice', message: `${product.sku} has no price for agent ${agent.code}'s level; give the unit price` }]);
    return { id: newId(), productId: l.productId, quantity: l.quantity, unitPriceFen };
  });

  const id = o.id ?? newId();
  if (await trx('orders').where({ id }).first('id')) throw new ApiError('CONFLICT', `an order with id ${id} already exists`, { reason: 'exists', id });
  const placedDay = dayNumberOf(placedAt, ctx.timeZone);
  const order: OrderFacts = {
    id,
    orderNo: await nextOrderNo(trx, placedDay),
    agentId: o.agentId,
    kind: o.kind,
    status: 'pending',
    placedDay,
    shippedDay: null,
    goodsFen: lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0),
    units: lines.reduce((s, l) => s + l.quantity, 0),
    shippingFen: o.shippingFeeFen,
    updatedAt: now,
    lines,
  };
  const r = o.receiver;
  await trx('orders').insert({
    id, order_no: order.orderNo, agent_id: o.agentId, kind: o.kind, status: 'pending', goods_amount_fen: order.goodsFen, units: order.units,
    shipping_fee_fen: o.shippingFeeFen, receiver_name: r.name, receiver_phone: r.phone, receiver_province: r.province, receiver_city: r.city,
    receiver_district: r.district, receiver_address: r.address, source: o.source, placed_at: placedAt, placed_day: placedDay,
    created_at: now, updated_at: now,
  });
  await trx('order_lines').insert(lines.map((l) => ({ id: l.id, order_id: id, product_id: l.productId, quantity: l.quantity, unit_price_fen: l.unitPriceFen })));
  const lineOf = (productId: string) => `lines.${o.lines.findIndex((l) => l.productId === productId)}.quantity`;
  await writeMovements(ctx, lines.map((l) => ({ productId: l.productId, delta: -l.quantity, cause: 'order', refId: id })), now, lineOf);
  await new RollupDeltas().order(order, 1).apply(ctx);
  await appendOrderEvent(ctx, { orderId: id, at: now, kind: 'created', to: 'pending' });
  const overridden = o.lines.filter((l) => l.unitPriceFen !== undefined && l.unitPriceFen !== prices.get(l.productId)).length;
  await ledgerAudit(ctx, now, 'order_create', `order:${order.orderNo}`, {
    orderId: id, agent: agent.code, kind: o.kind, lines: lines.length, units: order.units, goodsAmountFen: order.goodsFen,
    shippingFeeFen: o.shippingFeeFen, ...(overridden ? { priceOverrides: overridden } : {}),
  });
  ctx.changes.touch(['orders', 'order_lines', 'order_events'], [o.agentId]);
  return { id, orderNo: order.orderNo, status: 'pending', goodsAmountFen: order.goodsFen, units: order.units, updatedAt: now };
}
