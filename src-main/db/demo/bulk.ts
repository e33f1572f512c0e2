// Bulk-load plumbing: batched prepared inserts, index drop and rebuild, progress with cancellation.
import type { Database, Statement } from 'better-sqlite3';
import type { Knex } from 'knex';
import { throwIfCancelled, type JobControl } from '../../domain/common/job';
import type { Db } from '../open';

/** Rows per INSERT statement: fewer calls into SQLite, while staying far below its variable limit. */
const ROWS_PER_STATEMENT = 32;

/**
 * Buffers rows and writes them with one multi-row INSERT per batch. OR FAIL, not the default ABORT: an ABORT
 * statement that writes several rows inside a transaction keeps a statement journal of every page it changes
 * that was already dirty, to undo itself alone, and with temp_store FILE that journal is a temporary file: a
 * dozen page writes into it per batch (2.3 M writes at 1 M lines, most of the demo load's system time). Every
 * bulk load here is one transaction that an error rolls back whole, so undoing one statement alone buys nothing.
 */
export class BulkInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  /** The next statement's parameters, refilled in place (no array grown and emptied per batch). */
  private readonly batch: unknown[];
  private at = 0;
  private readonly width: number;
  rows = 0;

  constructor(conn: Database, table: string, columns: readonly string[]) {
    this.width = columns.length;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT OR FAIL INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = conn.prepare(head + Array(ROWS_PER_STATEMENT).fill(tuple).join(','));
    this.one = conn.prepare(head + tuple);
    this.batch = new Array<unknown>(this.width * ROWS_PER_STATEMENT).fill(null);
  }

  /** One row, values in column order. */
  add(...values: unknown[]): void {
    this.addRow(values);
  }

  /** One row from an array (or typed array) of the values in column order; the caller may reuse it. */
  addRow(values: ArrayLike<unknown>): void {
    const b = this.batch;
    let at = this.at;
    for (let i = 0; i < this.width; i++) b[at++] = values[i];
    this.rows++;
    if (at === b.length) {
      this.many.run(b);
      at = 0;
    }
    this.at = at;
  }

  /** Writes what is left; call before anything reads the table. */
  flush(): void {
    for (let i = 0; i < this.at; i += this.width) this.one.run(this.batch.slice(i, i + this.width));
    this.at = 0;
  }
}

/**
 * Runs `fn` in one transaction on `conn` (the pool's only connection, which the caller holds through
 * rawConnection) with connection settings made for a bulk load, restored after (foreign_keys and journal_mode
 * cannot change inside a transaction, hence a wrapper around it, and why the router does not open this
 * transaction). `fn` gets it as a knex handle too, for the writes that must commit with the load (its audit
 * entry, settings, accounts).
 * - foreign_keys OFF: with them on, every deleted agent costs a scan of agents.referrer_id (no index),
 *   and rows could not be written children first; the generator keeps the references right itself.
 * - journal_mode DELETE instead of WAL: a load of gigabytes through the WAL is written twice, once to the
 *   WAL and again at the checkpoint. A rollback journal only keeps the pages that existed before, so
 *   cancelling still restores them. It needs the only connection to the file; if another one is open
 *   the switch does not happen and the load simply goes through the WAL.
 * - temp_store FILE, threads 2, cache_size 8 MiB: index builds sort in temporary files rather than in
 *   memory, which keeps memory flat, with a second thread helping; the sorter's runs are as large as the
 *   page cache, and small runs that fit the CPU caches measured faster here than 64 MiB ones. Appending
 *   rows needs no big cache.
 */
export async function inBulkTransaction<T>(db: Db, conn: Database, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const saved = {
    foreign_keys: conn.pragma('foreign_keys', { simple: true }),
    journal_mode: conn.pragma('journal_mode', { simple: true }),
    temp_store: conn.pragma('temp_store', { simple: true }),
    threads: conn.pragma('threads', { simple: true }),
    cache_size: conn.pragma('cache_size', { simple: true }),
  };
  const set = (name: keyof typeof saved, value: unknown) => {
    try {
      conn.pragma(`${name} = ${value}`);
    } catch {
      // SQLITE_BUSY on journal_mode: another connection has the file open; keep the current mode.
    }
  };
  set('foreign_keys', 'OFF');
  if (saved.journal_mode === 'wal') set('journal_mode', 'DELETE');
  set('temp_store', 'FILE');
  set('threads', 2);
  set('cache_size', -8192);
  try {
    // knex's transaction on the held connection (`connection`: not acquired again, or it would wait for
    // itself): the load awaits between batches, which better-sqlite3's transaction() forbids, and knex
    // statements inside are the load's. It begins IMMEDIATE (db/immediateClient.ts); once the journal is
    // switched to DELETE no other connection has the file open at all.
    return await db.transaction((trx) => fn(trx), { connection: conn });
  } finally {
    for (const [name, value] of Object.entries(saved)) set(name as keyof typeof saved, value);
  }
}

/** A table, index or trigger name as an SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Drops the secondary indexes (or the triggers) of `tables` in the main database and returns their CREATE
 * statements. Loading into bare tables and sorting each index once afterwards is several times faster than
 * keeping them up to date row by row. Indexes declared UNIQUE by the migration are dropped too: re-creating
 * them checks uniqueness again, and a failure rolls the whole load back. PRIMARY KEY autoindexes have no
 * sql and stay.
 */
export function dropObjects(conn: Database, type: 'index' | 'trigger', tables: readonly string[]): string[] {
  const rows = conn
    .prepare(
      `SELECT name, sql FROM main.sqlite_master
       WHERE type = ? AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})
       ORDER BY tbl_name, name`,
    )
    .all(type, ...tables) as { name: string; sql: string }[];
  for (const r of rows) conn.exec(`DROP ${type.toUpperCase()} main.${quoteIdent(r.name)}`);
  return rows.map((r) => r.sql);
}

export type ProgressFn = NonNullable<JobControl['progress']>;

/** Reports progress and turns a cancellation into an AbortError at the next report. */
export class Progress {
  constructor(
    private readonly signal?: AbortSignal,
    private readonly onProgress?: ProgressFn,
  ) {}

  check(): void {
    throwIfCancelled(this.signal);
  }

  report(done: number, total: number, phase: string): void {
    this.check();
    this.onProgress?.(done, total, phase);
    this.check(); // the callback may be the one that cancelled
  }
}
