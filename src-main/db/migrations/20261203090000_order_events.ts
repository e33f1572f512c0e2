import type { Knex } from 'knex';

/**
 * The write path for order facts (domain/ledger):
 * - order_events: an order's timeline (created, each status step, cancelled, after-sales), who and when, written in
 *   the transaction that changes the order. kind: created | status | cancelled | after_sales; ref_id: the
 *   after-sales case. No personal data (the receiver stays on the order).
 * - stock_movements.note: why a person moved stock (a receipt's supplier note, an adjustment's reason).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('order_events', (t) => {
    t.string('id').primary();
    t.string('order_id').notNullable().references('orders.id').onDelete('CASCADE');
    t.bigInteger('at').notNullable();
    t.string('kind').notNullable();
    t.string('from_status').nullable();
    t.string('to_status').nullable();
    t.string('user_id').nullable();
    t.string('user_login').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.string('ref_id').nullable();
    t.index(['order_id', 'at'], 'order_events_order');
  });
  await knex.schema.alterTable('stock_movements', (t) => t.text('note').notNullable().defaultTo(''));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE stock_movements DROP COLUMN note');
  await knex.schema.dropTableIfExists('order_events');
}
