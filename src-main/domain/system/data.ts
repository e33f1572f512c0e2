import type { Db } from '../../db/open';
import type { Knex } from 'knex';
import { ALL_AGENTS, whereAgentInScope, whereAssignedInScope, type AgentScope } from '../common/scope';
import { rebuildRollups } from '../ledger/rebuild';

/** Business tables, children first, so deleting in this order respects foreign keys. */
export const BUSINESS_TABLES = [
  'stock_movements',
  'sellthrough_reports',
  'after_sales_lines',
  'after_sales',
  'order_events',
  'order_lines',
  'orders',
  'agents',
  'product_documents',
  'product_prices',
  'products',
  'agent_levels',
] as const;

/** Row counts for the workbench; a scoped caller counts only their agents and those agents' orders. */
export async function countRows(db: Db, scope: AgentScope) {
  const one = async (t: string, restrict?: (w: Knex.QueryBuilder) => void) => Number((await db(t).where((w) => restrict?.(w)).count({ n: '*' }).first())?.n ?? 0);
  return {
    products: await one('products'),
    agents: await one('agents', (w) => whereAssignedInScope(w, 'cs_user_id', scope)),
    orders: await one('orders', (w) => whereAgentInScope(w, db, 'agent_id', scope)),
  };
}

/** Delete all business data in one transaction (a savepoint inside the caller's; settings stay); the rollups follow the (now empty) facts. */
export async function wipeBusinessData(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    // Agents refer to agents (referrer): clear the self-reference first.
    await trx('agents').update({ referrer_id: null });
    for (const t of BUSINESS_TABLES) await trx(t).delete();
    await rebuildRollups(trx);
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const c = await countRows(db, ALL_AGENTS);
  return c.products + c.agents + c.orders === 0 && !(await db('agent_levels').first('id'));
}
