import { z } from 'zod';
import { PERIOD_ORDER, day, fen, id, pageOf, paging, trimmed } from './common';
import { method } from './method';
import { piiString } from './pii';

export const orderKind = z.enum(['dropship', 'stock']);
export const orderStatus = z.enum(['pending', 'shipped', 'delivered', 'completed', 'cancelled']);
export const orderSource = z.enum(['manual', 'paste', 'import', 'sync', 'demo']);

export const orderSchema = z.object({
  id,
  orderNo: z.string(),
  agentId: id,
  agentCode: z.string(),
  agentName: piiString('name'),
  kind: orderKind,
  status: orderStatus,
  goodsAmountFen: fen,
  shippingFeeFen: fen,
  units: z.number().int(),
  receiverName: piiString('name'),
  receiverPhone: piiString('phone'),
  receiverProvince: z.string(),
  receiverCity: z.string(),
  receiverDistrict: z.string(),
  receiverAddress: piiString('address'),
  carrier: z.string(),
  trackingNo: z.string(),
  source: orderSource,
  placedAt: z.number().int(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderLineSchema = z.object({
  id,
  productId: id,
  sku: z.string(),
  productName: z.string(),
  spec: z.string(),
  quantity: z.number().int(),
  unitPriceFen: fen,
});

export const orderSortKeys = z.enum(['placedAt', 'orderNo', 'goodsAmountFen', 'status']);

export const ordersMethods = {
  'orders.list': method({
    summary: 'Orders, paged; filter by status, kind, local-day range [from, to), one agent, counted only, and order number or agent search',
    input: z
      .object({
        ...paging,
        order: z.enum(['asc', 'desc']).default('desc'),
        sort: orderSortKeys.default('placedAt'),
        status: orderStatus.optional(),
        kind: orderKind.optional(),
        from: day.optional(),
        to: day.optional(),
        search: trimmed(50).default(''),
        /** One agent's orders (the agent page). */
        agentId: id.optional(),
        /** Only counted orders (not cancelled), the ones the figures count: a dashboard day lists exactly those. */
        counted: z.boolean().optional(),
      })
      .refine((q) => !q.from || !q.to || q.from < q.to, { ...PERIOD_ORDER, path: ['to'] }),
    output: pageOf(orderSchema),
    permission: 'orders.view',
    errors: [],
  }),
  'orders.get': method({
    summary: 'One order with its lines',
    input: z.object({ id }),
    output: orderSchema.extend({ lines: z.array(orderLineSchema) }),
    permission: 'orders.view',
    errors: ['NOT_FOUND'],
  }),
};
