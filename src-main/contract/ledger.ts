import { z } from 'zod';
import { day, id, jobId, trimmed } from './common';
import { method } from './method';
import { orderKind, orderSource } from './orders';

// Inputs of the write path for order facts (src-main/domain/ledger): checked there, so every caller (an API method
// of the orders issue, an import, a test) gets the same rules and messages. The API methods reuse these schemas.

/** A client-generated id for a new row (UUIDv7: time-ordered, so records made on different PCs never collide). */
export const newRowId = z.uuid({ version: 'v7', error: 'expected a UUIDv7 made by the client' });
const whole = (what: string) => z.number({ error: `expected a whole number of ${what}` }).int(`expected a whole number of ${what}`);
/** Units of a product on a line, a return or a report. */
export const quantity = whole('units').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000');
/** Money in integer fen, never negative. */
export const money = whole('fen (分)').min(0, 'must not be negative').max(1e12, 'must be at most 1e12 fen');

export const receiverSchema = z.object({
  name: trimmed(50).default(''),
  phone: trimmed(30).default(''),
  province: trimmed(20).default(''),
  city: trimmed(30).default(''),
  district: trimmed(30).default(''),
  address: trimmed(200).default(''),
});

export const orderRecordInput = z
  .object({
    id: newRowId.optional(),
    agentId: id,
    kind: orderKind,
    lines: z
      .array(z.object({ productId: id, quantity, unitPriceFen: money.optional() }))
      .min(1, 'an order needs at least one line')
      .max(500, 'at most 500 lines per order'),
    shippingFeeFen: money.default(0),
    receiver: receiverSchema.default({ name: '', phone: '', province: '', city: '', district: '', address: '' }),
    source: orderSource.exclude(['demo']).default('manual'),
    /** When the agent placed it (UTC ms, not in the future); default now. */
    placedAt: z.number().int().min(0).optional(),
  })
  .superRefine((o, ctx) => {
    // A dropship order goes to the end customer, who must be reachable; a stock order goes to the agent.
    if (o.kind !== 'dropship') return;
    for (const f of ['name', 'phone', 'address'] as const)
      if (!o.receiver[f]) ctx.addIssue({ code: 'custom', path: ['receiver', f], message: 'required for a dropship order' });
  });
export type OrderRecordInput = z.input<typeof orderRecordInput>;

/** Forward steps of an order; cancelling is its own write (cancelOrder). */
export const orderStepStatus = z.enum(['shipped', 'delivered', 'completed']);
export const orderStatusInput = z.object({
  orderId: id,
  to: orderStepStatus,
  carrier: trimmed(30).optional(),
  trackingNo: trimmed(50).optional(),
  /** The order's updatedAt as the caller saw it; another change since then is a CONFLICT. */
  expectedUpdatedAt: z.number().int().optional(),
});
export type OrderStatusInput = z.input<typeof orderStatusInput>;

export const orderCancelInput = z.object({
  orderId: id,
  reason: trimmed(200).min(1, 'say why the order is cancelled'),
  expectedUpdatedAt: z.number().int().optional(),
});

export const afterSalesInput = z
  .object({
    id: newRowId.optional(),
    orderId: id,
    lines: z.array(z.object({ orderLineId: id, quantity })).max(500).default([]),
    reason: trimmed(200).min(1, 'say why (破损, 7-day return, wrong item…)'),
    refundFen: money.default(0),
    /** Returned goods go back on the shelf (a stock movement 'return'). */
    restock: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (!c.lines.length && c.refundFen === 0) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'a case returns units or refunds money (or both)' });
    const seen = new Set<string>();
    c.lines.forEach((l, i) => {
      if (seen.has(l.orderLineId)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'orderLineId'], message: 'this order line is listed twice' });
      seen.add(l.orderLineId);
    });
    if (c.restock && !c.lines.length) ctx.addIssue({ code: 'custom', path: ['restock'], message: 'nothing is returned, so nothing can be restocked' });
  });
export type AfterSalesInput = z.input<typeof afterSalesInput>;

export const sellThroughInput = z.object({
  id: newRowId.optional(),
  agentId: id,
  productId: id,
  /** The local day the agent sold the units on (not in the future). */
  day,
  units: quantity,
  note: trimmed(200).default(''),
});
export type SellThroughInput = z.input<typeof sellThroughInput>;

/** Why on-hand stock changed. order/cancel/return are written by the order facts themselves. */
export const stockCause = z.enum(['initial', 'receipt', 'adjust', 'count', 'order', 'cancel', 'return']);
export type StockCause = z.infer<typeof stockCause>;
/** Causes a person (or an import) gives a stock movement directly. */
export const manualStockCause = stockCause.extract(['initial', 'receipt', 'adjust', 'count']);

export const stockMoveInput = z
  .object({
    productId: id,
    delta: whole('units').min(-10_000_000).max(10_000_000).refine((d) => d !== 0, 'must not be 0'),
    cause: manualStockCause,
    reason: trimmed(200).default(''),
  })
  .superRefine((m, ctx) => {
    if (m.cause === 'adjust' && !m.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the stock is adjusted' });
  });
export type StockMoveInput = z.input<typeof stockMoveInput>;

export const rebuildResultSchema = z.object({
  agentDays: z.number().int(),
  productDays: z.number().int(),
  agentSkuDays: z.number().int(),
  ms: z.number().int(),
});

export const ledgerMethods = {
  'analytics.rebuild': method({
    summary:
      'Recompute every analytics rollup from the order facts in one transaction (audited); every session is told the rollups changed',
    input: z.object({ jobId: jobId.optional() }),
    output: rebuildResultSchema,
    permission: 'system.admin',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: 'one long rebuild transaction of its own, with progress and cancel; its audit entry inside it',
  }),
};
