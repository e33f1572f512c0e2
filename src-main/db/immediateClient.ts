import { createRequire } from 'node:module';
import type { Knex } from 'knex';

// knex ships no types for its dialect classes: they are reached by path (knex has no "exports" map).
const load = createRequire(__filename);
const BetterSqlite3Client = load('knex/lib/dialects/better-sqlite3') as new (config: Knex.Config) => object;
const SqliteTransaction = load('knex/lib/dialects/sqlite3/execution/sqlite-transaction') as new (...args: unknown[]) => object;

/**
 * Every transaction here writes, so it starts with BEGIN IMMEDIATE: the write lock is taken up front, and
 * waits (busy_timeout) while another process (the CLI beside the app) holds it. knex's plain BEGIN is
 * deferred: a transaction that reads first and then writes fails at once with SQLITE_BUSY(_SNAPSHOT) if the
 * other process committed in between, and busy_timeout cannot help. Savepoints (nested) are unchanged.
 */
class ImmediateTransaction extends (SqliteTransaction as unknown as new (...args: unknown[]) => { query(conn: unknown, sql: string): Promise<unknown> }) {
  begin(conn: unknown) {
    return this.query(conn, 'BEGIN IMMEDIATE;');
  }
}

export class ImmediateSqliteClient extends (BetterSqlite3Client as unknown as new (config: Knex.Config) => object) {
  transaction(...args: unknown[]) {
    return new ImmediateTransaction(this, ...args);
  }
}
