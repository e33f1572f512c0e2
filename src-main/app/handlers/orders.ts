import { piiViewOf, scopeOf, type AreaHandlers } from '../router';
import { getOrder, listOrders } from '../../domain/orders/list';

export const ordersHandlers: AreaHandlers<'orders.list' | 'orders.get'> = {
  'orders.list': async (q, env, caller) => listOrders(env.db, q, env.timeZone, scopeOf(caller), piiViewOf(caller), env.listTotals),
  'orders.get': async ({ id }, env, caller) => getOrder(env.db, id, scopeOf(caller)),
};
