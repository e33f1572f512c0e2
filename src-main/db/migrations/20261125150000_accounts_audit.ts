import type { Knex } from 'knex';

// Staff accounts, roles (built-in and custom), sessions and the append-only audit log (issue: accounts).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roles', (t) => {
    t.string('id').primary();
    t.string('code').notNullable().unique(); // admin | cs | manager | warehouse | custom code
    t.string('name').notNullable();
    t.boolean('builtin').notNullable().defaultTo(false);
    t.text('permissions').notNullable().defaultTo('[]'); // JSON list of contract permissions (custom roles)
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('users', (t) => {
    t.string('id').primary();
    t.string('login').notNullable().unique();
    t.string('name').notNullable();
    t.string('password_hash').notNullable(); // PHC string
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.bigInteger('locked_until').nullable();
    t.bigInteger('password_changed_at').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('user_roles', (t) => {
    t.string('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('role_id').notNullable().references('roles.id');
    t.primary(['user_id', 'role_id']);
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('id').primary();
    t.string('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('token_hash').notNullable().unique(); // SHA-256 of the token; the token itself is never stored
    t.boolean('persistent').notNullable().defaultTo(false); // "stay signed in on this PC"
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_seen_at').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['user_id'], 'sessions_user');
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.string('id').primary();
    t.bigInteger('at').notNullable();
    t.string('user_id').nullable();
    t.string('user_login').notNullable().defaultTo('');
    t.string('action').notNullable(); // sign_in | sign_in_failed | export | price_change | delete | role_change | reveal | restore
    t.string('target').notNullable().defaultTo('');
    t.text('details').notNullable().defaultTo('{}'); // JSON: filters, row count, masked, …
    t.index(['at'], 'audit_at');
    t.index(['action', 'at'], 'audit_action_at');
    t.index(['user_id', 'at'], 'audit_user_at');
  });
  // Append-only: entries are never edited; deletion only of entries older than the retention (≥ 6 months).
  await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
  await knex.raw(`CREATE TRIGGER audit_log_keep_6_months BEFORE DELETE ON audit_log
    WHEN old.at > (CAST(strftime('%s', 'now') AS INTEGER) - 183 * 86400) * 1000
    BEGIN SELECT RAISE(ABORT, 'audit entries are kept at least 6 months'); END`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_keep_6_months');
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_update');
  for (const t of ['audit_log', 'sessions', 'user_roles', 'users', 'roles']) await knex.schema.dropTableIfExists(t);
}
