import type { Knex } from 'knex';

/**
 * product_agent_days: per product, agent and local day (yyyymmdd), `orders` = the agent's counted (not cancelled)
 * orders placed that day with a line of the product (an order with two lines of it counts once). The product sales
 * report's distinct orders (a sum) and distinct ordering agents per product for any period (agents with a row in
 * it) come from here instead of a COUNT(DISTINCT) over every order line of the period. Keyed product first, then
 * agent, so one product's agents come out grouped, in key order, with no sort. Derived like the other rollups
 * (20261202090000_analytics_rollups): kept by domain/ledger, filled by the rebuild that the rollups version bump
 * (rebuild.ts ROLLUPS_VERSION 3) runs on the next open.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE TABLE product_agent_days (product_id TEXT NOT NULL, agent_id TEXT NOT NULL, day INTEGER NOT NULL, orders INTEGER NOT NULL, PRIMARY KEY (product_id, agent_id, day)) WITHOUT ROWID',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('product_agent_days');
}
