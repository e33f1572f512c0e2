import type { Knex } from 'knex';

// Data scopes (issue: accounts): a staff user may be limited to the agents assigned to them (agents.cs_user_id).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('agent_scope').notNullable().defaultTo('all'); // all | assigned
  });
  await knex.schema.alterTable('agents', (t) => {
    t.index(['cs_user_id'], 'agents_cs_user');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('agents', (t) => t.dropIndex(['cs_user_id'], 'agents_cs_user'));
  await knex.schema.alterTable('users', (t) => t.dropColumn('agent_scope'));
}
