import type { RankingRow, RankingTotals } from '@contract';
import type { Db } from '../../db/open';
import { rawConnection } from '../../db/open';
import { daysBetween, periodMs } from '@contract/days';
import { assignedTo, type AgentScope } from '../common/scope';

/**
 * Distributor ranking for a period [from, to), straight from order lines (the baseline the rollup tables
 * of the analytics work will replace). domain.md: counted orders are placed in P and not cancelled;
 * amount = goods (agent price × quantity) − refunds of after-sales cases in P; units = counted units −
 * units returned in P; shipping fees apart; ties broken by agent code.
 */
const ranked = (linesFirst: boolean) => `
WITH
per AS (
  -- One branch per source, summed per agent below: no join between aggregates (SQLite would nest-loop them).
  SELECT agent_id, COUNT(*) AS orders, SUM(shipping_fee_fen) AS shipping, 0 AS goods, 0 AS units, 0 AS refund, 0 AS returned
  FROM orders
  WHERE placed_at >= @fromMs AND placed_at < @toMs AND status <> 'cancelled'
  GROUP BY agent_id
  UNION ALL
  SELECT o.agent_id, 0, 0, SUM(l.quantity * l.unit_price_fen), SUM(l.quantity), 0, 0
  FROM ${linesFirst ? 'order_lines l CROSS JOIN orders o' : 'orders o CROSS JOIN order_lines l'} ON l.order_id = o.id
  WHERE o.placed_at >= @fromMs AND o.placed_at < @toMs AND o.status <> 'cancelled'
  GROUP BY o.agent_id
  UNION ALL
  SELECT agent_id, 0, 0, 0, 0, SUM(refund_fen), SUM(returned_units)
  FROM after_sales
  WHERE created_at >= @fromMs AND created_at < @toMs
  GROUP BY agent_id),
r AS (
  SELECT a.id AS agentId, a.code AS agentCode, a.name AS agentName, lv.name AS levelName,
         SUM(per.orders) AS orders,
         SUM(per.goods) - SUM(per.refund) AS amountFen,
         SUM(per.units) - SUM(per.returned) AS units,
         SUM(per.refund) AS refundFen,
         SUM(per.shipping) AS shippingFeeFen
  FROM per
  JOIN agents a ON a.id = per.agent_id
  JOIN agent_levels lv ON lv.id = a.level_id
  WHERE @csUserId IS NULL OR a.cs_user_id = @csUserId -- data scope: staff limited to their assigned agents
  GROUP BY per.agent_id)
SELECT ROW_NUMBER() OVER (ORDER BY amountFen DESC, agentCode ASC) AS rank, r.*,
       COUNT(*) OVER () AS tAgents, SUM(orders) OVER () AS tOrders, SUM(amountFen) OVER () AS tAmount,
       SUM(units) OVER () AS tUnits, SUM(refundFen) OVER () AS tRefund, SUM(shippingFeeFen) OVER () AS tShipping
FROM r
ORDER BY rank`;

/**
 * Join order, fixed with CROSS JOIN because SQLite cannot estimate a range's size: a short period reads
 * its orders by date and their lines by order; a long one reads every line in storage order and looks its
 * order up (measured at 5M lines: 7 days 0.5 s vs 2.1 s, 365 days 15.6 s vs 6.0 s).
 */
const LINES_FIRST_FROM_DAYS = 32;
const SQL = { short: ranked(false), long: ranked(true) };
const rankedSql = (p: Period) => (daysBetween(p.from, p.to) >= LINES_FIRST_FROM_DAYS ? SQL.long : SQL.short);

interface RawRow extends Omit<RankingRow, 'aovFen'> {
  tAgents: number;
  tOrders: number;
  tAmount: number;
  tUnits: number;
  tRefund: number;
  tShipping: number;
}

/** 客单价: amount ÷ orders to the nearest fen; empty (null), not 0, without orders. */
export const orderValue = (amountFen: number, orders: number): number | null => (orders > 0 ? Math.round(amountFen / orders) : null);

function toRow(r: RawRow): RankingRow {
  return {
    rank: r.rank,
    agentId: r.agentId,
    agentCode: r.agentCode,
    agentName: r.agentName,
    levelName: r.levelName,
    orders: r.orders,
    amountFen: r.amountFen,
    units: r.units,
    aovFen: orderValue(r.amountFen, r.orders),
    refundFen: r.refundFen,
    shippingFeeFen: r.shippingFeeFen,
  };
}

function toTotals(r: RawRow | undefined): RankingTotals {
  if (!r) return { agents: 0, orders: 0, amountFen: 0, units: 0, aovFen: null, refundFen: 0, shippingFeeFen: 0 };
  return {
    agents: r.tAgents,
    orders: r.tOrders,
    amountFen: r.tAmount,
    units: r.tUnits,
    aovFen: orderValue(r.tAmount, r.tOrders),
    refundFen: r.tRefund,
    shippingFeeFen: r.tShipping,
  };
}

export interface Period {
  from: string;
  to: string;
}

const queryParams = (p: Period, timeZone: string, scope: AgentScope) => ({ ...periodMs(p.from, p.to, timeZone), csUserId: assignedTo(scope, 'the ranking') });

export async function rankingPage(db: Db, p: Period & { page: number; pageSize: number }, timeZone: string, scope: AgentScope) {
  const params = queryParams(p, timeZone, scope);
  return rawConnection(db, (conn) => {
    const offset = (p.page - 1) * p.pageSize;
    let rows = conn.prepare(`${rankedSql(p)} LIMIT @limit OFFSET @offset`).all({ ...params, limit: p.pageSize, offset }) as RawRow[];
    // Past the last page the window totals come back with no row to carry them.
    const first = rows[0] ?? (offset > 0 ? (conn.prepare(`${rankedSql(p)} LIMIT 1`).get(params) as RawRow | undefined) : undefined);
    const totals = toTotals(first);
    if (!rows[0]) rows = [];
    return { rows: rows.map(toRow), total: totals.agents, totals };
  });
}

/**
 * Stream the whole ranking row by row to `each` (export), holding the database connection throughout.
 * `each` may be async (a writer yielding to the event loop); memory stays flat as rows grow.
 */
export async function forEachRankingRow(
  db: Db,
  p: Period,
  timeZone: string,
  scope: AgentScope,
  each: (row: RankingRow, totals: RankingTotals) => void | Promise<void>,
): Promise<RankingTotals> {
  const params = queryParams(p, timeZone, scope);
  return rawConnection(db, async (conn) => {
    let totals = toTotals(undefined);
    for (const raw of conn.prepare(rankedSql(p)).iterate(params) as IterableIterator<RawRow>) {
      if (raw.rank === 1) totals = toTotals(raw);
      await each(toRow(raw), totals);
    }
    return totals;
  });
}
