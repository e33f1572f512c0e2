import type { Knex } from 'knex';
import type { Order } from '@contract';
import { notFound } from './validate';

/** One order line as the rollups and limits see it. */
export interface LineFacts {
  id: string;
  productId: string;
  quantity: number;
  unitPriceFen: number;
}

/** An order with its lines: what its rollup contribution is computed from (rollupDeltas.ts). */
export interface OrderFacts {
  id: string;
  orderNo: string;
  agentId: string;
  kind: Order['kind'];
  status: Order['status'];
  placedDay: number;
  shippedDay: number | null;
  goodsFen: number;
  units: number;
  shippingFen: number;
  updatedAt: number;
  lines: LineFacts[];
}

/** An after-sales case: returns counted on the day it was created. */
export interface CaseFacts {
  agentId: string;
  day: number;
  /** Of its order: returns from dropship orders are counted apart. */
  kind: Order['kind'];
  refundFen: number;
  lines: { productId: string; quantity: number }[];
}

/** A sell-through report: units an agent sold on a day. */
export interface ReportFacts {
  agentId: string;
  productId: string;
  day: number;
  units: number;
}

/** The order and its lines, read in the transaction; NOT_FOUND names the field that gave the id. */
export async function loadOrder(trx: Knex.Transaction, orderId: string, path = 'orderId'): Promise<OrderFacts> {
  const o = await trx('orders').where({ id: orderId }).first();
  if (!o) throw notFound('order', orderId, path);
  const lines = await trx('order_lines').where({ order_id: orderId }).orderBy('id').select('id', 'product_id', 'quantity', 'unit_price_fen');
  return {
    id: o.id,
    orderNo: o.order_no,
    agentId: o.agent_id,
    kind: o.kind,
    status: o.status,
    placedDay: o.placed_day,
    shippedDay: o.shipped_day ?? null,
    goodsFen: Number(o.goods_amount_fen),
    units: o.units,
    shippingFen: Number(o.shipping_fee_fen),
    updatedAt: Number(o.updated_at),
    lines: lines.map((l: Record<string, unknown>) => ({
      id: l.id as string,
      productId: l.product_id as string,
      quantity: l.quantity as number,
      unitPriceFen: Number(l.unit_price_fen),
    })),
  };
}
