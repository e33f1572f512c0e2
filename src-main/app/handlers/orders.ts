import type { AreaHandlers } from '../router';
import { getOrder, listOrders } from '../../domain/orders/list';

export const ordersHandlers: AreaHandlers<'orders.list' | 'orders.get'> = {
  'orders.list': async (q, env) => listOrders(env.db, q, env.timeZone),
  'orders.get': async ({ id }, env) => getOrder(env.db, id),
};
