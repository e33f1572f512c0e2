import type { Knex } from 'knex';

/** What an agent holds of a product from stock orders: received, sent back, and reported sold to consumers. */
export interface Holding {
  bought: number;
  returned: number;
  reported: number;
}
export const leftOf = (h: Holding) => h.bought - h.returned - h.reported;

/**
 * Per product: units the agent received in shipped stock orders (a pending one can still be cancelled, and goods
 * not yet received cannot be sold on), units returned from those orders, and units reported as sold. What is left
 * is what sell-through reports and returns of stock orders may still draw on.
 */
export async function holdings(trx: Knex.Transaction, agentId: string, productIds: string[]): Promise<Map<string, Holding>> {
  const out = new Map<string, Holding>(productIds.map((p) => [p, { bought: 0, returned: 0, reported: 0 }]));
  if (!productIds.length) return out;
  const bought = await trx('orders as o')
    .join('order_lines as l', 'l.order_id', 'o.id')
    .where({ 'o.agent_id': agentId, 'o.kind': 'stock' })
    .whereNot('o.status', 'cancelled')
    .whereNotNull('o.shipped_at')
    .whereIn('l.product_id', productIds)
    .groupBy('l.product_id')
    .select('l.product_id as p', trx.raw('SUM(l.quantity) AS n'));
  const returned = await trx('after_sales_lines as sl')
    .join('order_lines as l', 'l.id', 'sl.order_line_id')
    .join('orders as o', 'o.id', 'l.order_id')
    .where({ 'o.agent_id': agentId, 'o.kind': 'stock' })
    .whereIn('l.product_id', productIds)
    .groupBy('l.product_id')
    .select('l.product_id as p', trx.raw('SUM(sl.quantity) AS n'));
  const reported = await trx('sellthrough_reports')
    .where({ agent_id: agentId })
    .whereIn('product_id', productIds)
    .groupBy('product_id')
    .select('product_id as p', trx.raw('SUM(units) AS n'));
  for (const [rows, k] of [[bought, 'bought'], [returned, 'returned'], [reported, 'reported']] as const)
    for (const r of rows as { p: string; n: number }[]) out.get(r.p)![k] = Number(r.n);
  return out;
}
