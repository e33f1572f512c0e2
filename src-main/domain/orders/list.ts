import type { Knex } from 'knex';
import { ApiError, type Order, type ParsedInput } from '@contract';
import type { Db } from '../../db/open';
import { dayStartMs } from '@contract/days';
import { pageSlice, wherePrefix } from '../common/sql';
import { whereAgentMatches } from '../agents/list';
import type { PiiView } from '../accounts/masking';
import type { ListTotals } from '../common/listTotals';
import { isLimited, whereAgentInScope, whereAssignedInScope, type AgentScope } from '../common/scope';

type ListQuery = ParsedInput<'orders.list'>;

const SORT_COLUMNS: Record<ListQuery['sort'], string> = {
  placedAt: 'o.placed_at',
  orderNo: 'o.order_no',
  goodsAmountFen: 'o.goods_amount_fen',
  status: 'o.status',
};

const ORDER_COLUMNS = [
  'o.id',
  'o.order_no',
  'o.agent_id',
  'a.code as agent_code',
  'a.name as agent_name',
  'o.kind',
  'o.status',
  'o.goods_amount_fen',
  'o.shipping_fee_fen',
  'o.units',
  'o.receiver_name',
  'o.receiver_phone',
  'o.receiver_province',
  'o.receiver_city',
  'o.receiver_district',
  'o.receiver_address',
  'o.carrier',
  'o.tracking_no',
  'o.source',
  'o.placed_at',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toOrder(r: any): Order {
  return {
    id: r.id,
    orderNo: r.order_no,
    agentId: r.agent_id,
    agentCode: r.agent_code,
    agentName: r.agent_name,
    kind: r.kind,
    status: r.status,
    goodsAmountFen: Number(r.goods_amount_fen),
    shippingFeeFen: Number(r.shipping_fee_fen),
    units: r.units,
    receiverName: r.receiver_name,
    receiverPhone: r.receiver_phone,
    receiverProvince: r.receiver_province,
    receiverCity: r.receiver_city,
    receiverDistrict: r.receiver_district,
    receiverAddress: r.receiver_address,
    carrier: r.carrier,
    trackingNo: r.tracking_no,
    source: r.source,
    placedAt: Number(r.placed_at),
  };
}

/** `view`: what the caller sees of personal data; an agent search follows whereAgentMatches' rules for it. */
export async function listOrders(
  db: Db,
  q: ListQuery,
  timeZone: string,
  scope: AgentScope,
  view: PiiView,
  totals: ListTotals,
): Promise<{ rows: Order[]; total: number }> {
  const filters = (w: Knex.QueryBuilder) => {
    whereAgentInScope(w, db, 'o.agent_id', scope);
    if (q.status) w.where('o.status', q.status);
    if (q.kind) w.where('o.kind', q.kind);
    if (q.agentId) w.where('o.agent_id', q.agentId);
    if (q.counted) w.whereNot('o.status', 'cancelled');
    if (q.from) w.where('o.placed_at', '>=', dayStartMs(q.from, timeZone));
    if (q.to) w.where('o.placed_at', '<', dayStartMs(q.to, timeZone));
    if (q.search) {
      const s = q.search;
      w.where((o) => {
        o.orWhere((x) => wherePrefix(x, 'o.order_no', s.toUpperCase())).orWhereIn(
          'o.agent_id',
          db('agents as a').select('a.id').where((x) => whereAgentMatches(x, s, view)),
        );
      });
    }
  };
  // The count depends on every input but the page and its order, the scope (whose agents: the agents table) and
  // what the search may match (view).
  const { page: _p, pageSize: _s, sort: _k, order: _o, ...counted } = q;
  const total = await totals.total(db, ['orders', 'agents'], JSON.stringify({ ...counted, scope, view }), async () =>
    Number((await db('orders as o').where(filters).count({ n: '*' }).first())?.n ?? 0),
  );
  // A clerk's newest orders: SQLite's planner reads all of the clerk's orders by agent and sorts them for one
  // page (1.2 s for 2,000 agents' 67,000 orders at 100,000 agents); walking the placed_at index, which covers
  // agent_id, stops at the page (34 ms). Not for the count (the planner's way counts in 50 ms, the walk would
  // read every order), nor with a status, kind, agent or search filter, where the planner's index is better.
  const walkPlaced = isLimited(scope) && q.sort === 'placedAt' && !q.status && !q.kind && !q.agentId && !q.search;
  const { limit, offset } = pageSlice(q.page, q.pageSize);
  const rows = await db(walkPlaced ? db.raw('?? indexed by orders_placed_cover', ['orders as o']) : 'orders as o')
    .where(filters)
    .join('agents as a', 'a.id', 'o.agent_id')
    .select(ORDER_COLUMNS)
    .orderBy([{ column: SORT_COLUMNS[q.sort], order: q.order }, { column: 'o.order_no', order: q.order }])
    .limit(limit)
    .offset(offset);
  return { rows: rows.map(toOrder), total };
}

export async function getOrder(db: Db, id: string, scope: AgentScope) {
  const row = await db('orders as o')
    .join('agents as a', 'a.id', 'o.agent_id')
    .where('o.id', id)
    .where((w) => whereAssignedInScope(w, 'a.cs_user_id', scope))
    .first(ORDER_COLUMNS);
  if (!row) throw new ApiError('NOT_FOUND', `order ${id} does not exist`);
  const lines = await db('order_lines as l')
    .join('products as p', 'p.id', 'l.product_id')
    .where('l.order_id', id)
    .orderBy('l.id')
    .select('l.id', 'l.product_id', 'p.sku', 'p.name', 'p.spec', 'l.quantity', 'l.unit_price_fen');
  return {
    ...toOrder(row),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      sku: l.sku,
      productName: l.name,
      spec: l.spec,
      quantity: l.quantity,
      unitPriceFen: Number(l.unit_price_fen),
    })),
  };
}
