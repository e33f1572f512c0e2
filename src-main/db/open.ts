import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';
import { ImmediateSqliteClient } from './immediateClient';
import { privateDir, privateFile, tightenExisting } from '../domain/common/privateFiles';

export type Db = Knex;

export const DB_FILE = 'dropship.sqlite';

/** Pragmas every connection gets: WAL for concurrent readers, NORMAL sync (safe under WAL), FKs on. */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'temp_store = MEMORY',
  'cache_size = -65536', // 64 MiB page cache: rankings scan large ranges
];

/** Open (creating if needed) the SQLite database in `dataDir` and run pending migrations. */
export async function openDb(dataDir: string, opts: { migrate?: boolean } = {}): Promise<Db> {
  privateDir(dataDir);
  const filename = path.join(dataDir, DB_FILE);
  // Owner-only before SQLite opens it, so its -wal and -shm files are created owner-only too.
  privateFile(filename, { keep: true });
  tightenExisting([`${filename}-wal`, `${filename}-shm`]);
  const db = knexFactory({
    // better-sqlite3, with every transaction BEGIN IMMEDIATE (immediateClient.ts says why).
    client: ImmediateSqliteClient as unknown as Knex.Config['client'],
    connection: { filename },
    useNullAsDefault: true,
    // Calls queue for the one connection while a long job (a 5M-line demo load) holds it.
    acquireConnectionTimeout: 15 * 60_000,
    // better-sqlite3 is synchronous: one connection avoids writer contention inside one process.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
        try {
          for (const p of PRAGMAS) conn.pragma(p);
          done(null, conn);
        } catch (e) {
          done(e as Error, conn);
        }
      },
    },
  });
  if (opts.migrate !== false) await db.migrate.latest({ migrationSource });
  return db;
}

export { migrationSource };

/** The raw better-sqlite3 handle behind knex, for bulk loads that need prepared statements. */
export async function rawConnection<T>(db: Db, fn: (conn: import('better-sqlite3').Database) => T | Promise<T>): Promise<T> {
  const conn = (await db.client.acquireConnection()) as import('better-sqlite3').Database;
  try {
    return await fn(conn);
  } finally {
    await db.client.releaseConnection(conn);
  }
}

/**
 * Runs `fn` with the connection's page cache cut to `kib` KiB, then restores it (also on failure). For a bulk
 * write that touches each page about once (an import): the 64 MiB cache only fills with pages written once
 * (RSS), while a small one spills them to the WAL as the transaction goes, which measured no slower.
 */
export async function withPageCache<T>(db: Db, kib: number, fn: () => Promise<T>): Promise<T> {
  const before = await rawConnection(db, (conn) => {
    const size = conn.pragma('cache_size', { simple: true }) as number;
    conn.pragma(`cache_size = -${kib}`);
    return size;
  });
  try {
    return await fn();
  } finally {
    await rawConnection(db, (conn) => conn.pragma(`cache_size = ${before}`));
  }
}

/**
 * Runs `fn` with the connection's temporary files (sorters, index builds) on disk, then back in memory (also on
 * failure). For a job that sorts more than memory should hold (a rollups rebuild: ~400 MB of sorter runs at 5 M
 * lines in RAM). SQLite refuses to change temp_store inside a transaction, so this goes around the job's.
 */
export async function withTempFiles<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const before = await rawConnection(db, (conn) => {
    const store = conn.pragma('temp_store', { simple: true }) as number;
    conn.pragma('temp_store = FILE');
    return store;
  });
  try {
    return await fn();
  } finally {
    await rawConnection(db, (conn) => conn.pragma(`temp_store = ${before}`));
  }
}
