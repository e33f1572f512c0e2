import type { Knex } from 'knex';

// Failed sign-ins by login, whether an account has that login or not (issue: sign-in hardening): an unknown
// login locks like a known one, so LOCKED tells nobody which logins exist. The count lived on users before.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_attempts', (t) => {
    t.string('login').primary();
    t.integer('failures').notNullable().defaultTo(0); // failed or still being checked, since the last lock or success
    t.bigInteger('locked_until').nullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['updated_at'], 'sign_in_attempts_updated');
  });
  await knex.raw(`INSERT INTO sign_in_attempts (login, failures, locked_until, updated_at)
    SELECT login, failed_attempts, locked_until, updated_at FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL`);
  // SQLite's own DROP COLUMN: knex would rebuild the table, and dropping the old users table cascades to sessions.
  await knex.raw('ALTER TABLE users DROP COLUMN failed_attempts');
  await knex.raw('ALTER TABLE users DROP COLUMN locked_until');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0');
  await knex.raw('ALTER TABLE users ADD COLUMN locked_until bigint');
  await knex.raw(`UPDATE users SET (failed_attempts, locked_until) =
    (SELECT failures, locked_until FROM sign_in_attempts AS a WHERE a.login = users.login) WHERE login IN (SELECT login FROM sign_in_attempts)`);
  await knex.schema.dropTable('sign_in_attempts');
}
