import type { Knex } from 'knex';

/**
 * Saved report setups (analytics issue, item 7): a distributor ranking's metric, period (preset or fixed range),
 * filters, columns and comparison under a name, shared by the team (domain/reports/setups.ts says why). `spec` is
 * the setup as JSON, validated by the contract's schema when written and when read. No foreign key to users: the
 * CLI's local operator has no account, and clearing all data removes the demo accounts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_setups', (t) => {
    t.string('id').primary();
    t.string('name').notNullable().unique('report_setups_name');
    t.text('spec').notNullable();
    t.string('created_by').nullable(); // users.id; null: the CLI's local operator
    t.string('created_by_login').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('report_setups');
}
