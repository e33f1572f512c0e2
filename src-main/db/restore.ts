// Restore: bring a backup copy up to this app's schema, then replace the live data with it in one transaction
// on the live connection, so the app keeps running and a failure or a cancel changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '@contract';
import { yieldToLoop, type JobControl } from '../domain/common/job';
import { inspectBackup } from './backup';
import { Progress, dropObjects, inBulkTransaction, quoteIdent as q } from './demo/bulk';
import { DB_FILE, migrationSource, openDb, rawConnection, type Db } from './open';
import { migrations } from './migrations';
import { DERIVED_TABLES, rebuildRollupsOn } from '../domain/ledger/rebuild';

/**
 * Tables a restore leaves as they are: the audit log is append-only and must also record what happened after
 * the backup (the restore itself included); accounts, roles and credentials are who may sign in now (a
 * restore must not bring back a password reset since, or re-activate a deactivated account); sessions are
 * all ended by the restore instead (copyTables); the migration bookkeeping describes this schema, not the
 * backup's; sqlite_* are SQLite's own.
 */
const KEPT = new Set(['audit_log', 'sessions', 'users', 'user_roles', 'roles', 'sign_in_attempts']);
export const keptByRestore = (table: string) => KEPT.has(table) || table.startsWith('knex_migrations') || table.startsWith('sqlite_');

type Conn = import('better-sqlite3').Database;

const ATTACHED = 'restore_src';
const DERIVED = new Set<string>(DERIVED_TABLES);

/**
 * Copy `backupFile` into `workDir` and run this app's migrations on the copy, so an older backup gets the
 * current schema. A backup with migrations this app does not know was made by a newer version: CONFLICT.
 */
export async function migratedCopy(backupFile: string, workDir: string): Promise<string> {
  const file = path.join(workDir, DB_FILE);
  fs.copyFileSync(backupFile, file);
  const unknown = inspectBackup(file, { check: true }).migrations.filter((m) => !Object.hasOwn(migrations, m));
  if (unknown.length)
    throw new ApiError('CONFLICT', `the backup was made by a newer version of Dropship Console (schema ${unknown.at(-1)}); update the app before restoring it`, {
      unknown,
    });
  const db = await openDb(workDir, { migrate: false });
  try {
    await db.migrate.latest({ migrationSource });
  } finally {
    await db.destroy(); // checkpoints the WAL into the file
  }
  return file;
}

interface TableInfo {
  name: string;
  type: 'table' | 'virtual' | 'shadow' | 'view';
  /** 1 for a WITHOUT ROWID table. */
  wr: number;
  sql: string | null;
}

/** What happens to each live table: rows copied, or (a full-text index over another table) rebuilt from it. */
function plan(conn: Conn): { copied: TableInfo[]; rebuilt: string[] } {
  const tables = conn
    .prepare(
      `SELECT l.name, l.type, l.wr, m.sql FROM pragma_table_list AS l LEFT JOIN main.sqlite_master AS m ON m.name = l.name
       WHERE l.schema = 'main' ORDER BY l.name`,
    )
    .all() as TableInfo[];
  const inBackup = new Set(conn.prepare(`SELECT name FROM ${ATTACHED}.sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  const copied: TableInfo[] = [];
  const rebuilt: string[] = [];
  for (const t of tables) {
    if (keptByRestore(t.name) || (t.type !== 'table' && t.type !== 'virtual')) continue; // shadow tables follow their FTS table
    if (DERIVED.has(t.name)) continue; // rollups are recomputed from the restored facts
    if (t.type === 'virtual' && /content\s*=\s*'[^']+'/i.test(t.sql ?? '')) rebuilt.push(t.name);
    else if (!inBackup.has(t.name)) throw new Error(`the migrated backup has no table ${t.name}`);
    else copied.push(t);
  }
  return { copied, rebuilt };
}

/**
 * The columns to copy, with the rowid wherever it is not a named column: full-text indexes refer to rows by
 * rowid, so the restored rows keep the rowids they had.
 */
function columnsWithRowid(conn: Conn, t: TableInfo): string {
  const info = conn.prepare(`PRAGMA main.table_info(${q(t.name)})`).all() as { name: string; type: string; pk: number }[];
  const keys = info.filter((c) => c.pk > 0);
  const rowidIsColumn = keys.length === 1 && keys[0].type.toUpperCase() === 'INTEGER';
  const cols = info.map((c) => q(c.name));
  return (t.wr || rowidIsColumn ? cols : ['rowid', ...cols]).join(', ');
}

/**
 * The copy itself, inside the caller's transaction, with foreign keys off (as for the demo load): rows then
 * arrive table by table in any order, and no per-row check has to scan a child table whose indexes are
 * dropped for the load (with deferred checks that took minutes at 500,000 order lines). Every reference is checked once at the end instead.
 */
async function copyTables(conn: Conn, job: JobControl): Promise<{ tables: number; rows: number }> {
  const { copied, rebuilt } = plan(conn);
  const names = copied.map((t) => t.name);
  const progress = new Progress(job.signal, job.progress);
  // Triggers would fire on rows that arrive complete (derived tables included): set aside during the copy.
  const triggers = dropObjects(conn, 'trigger', [...names, ...rebuilt]);
  // Bare tables take rows several times faster; each index is then built once.
  const indexes = dropObjects(conn, 'index', names);
  for (const t of names) conn.exec(`DELETE FROM main.${q(t)}`);
  const steps = copied.length + indexes.length;
  let rows = 0;
  for (const [i, t] of copied.entries()) {
    progress.report(i, steps, 'restore');
    const cols = columnsWithRowid(conn, t);
    rows += conn.prepare(`INSERT INTO main.${q(t.name)} (${cols}) SELECT ${cols} FROM ${ATTACHED}.${q(t.name)}`).run().changes;
    await yieldToLoop(); // lets progress out and a cancel request in
  }
  // Accounts stay as they are now: an agent assigned to an account that no longer exists is assigned to nobody.
  conn.exec('UPDATE main.agents SET cs_user_id = NULL WHERE cs_user_id IS NOT NULL AND cs_user_id NOT IN (SELECT id FROM main.users)');
  for (const [i, sql] of indexes.entries()) {
    progress.report(copied.length + i, steps, 'indexes');
    conn.exec(sql);
    await yieldToLoop();
  }
  progress.check();
  for (const t of rebuilt) conn.exec(`INSERT INTO main.${q(t)} (${q(t)}) VALUES ('rebuild')`);
  for (const sql of triggers) conn.exec(sql);
  progress.report(steps, steps + 1, 'rollups');
  await rebuildRollupsOn(conn);
  // Every session ends, the restoring admin's too: what each account may see and do may differ now.
  conn.exec('DELETE FROM main.sessions');
  const broken = conn.pragma('main.foreign_key_check') as { table: string; parent: string }[];
  if (broken.length) throw new Error(`the backup breaks ${broken.length} foreign keys (first: ${broken[0].table} → ${broken[0].parent})`);
  progress.report(steps, steps, 'indexes');
  return { tables: copied.length, rows };
}

/**
 * Replace the content of every live table except those `keptByRestore` with the rows of the database file
 * `file` (same schema), in one transaction on the live connection: other calls wait, a failure or a cancel
 * rolls everything back. Progress per table, then per index.
 */
export async function replaceLiveData(
  db: Db,
  file: string,
  job: JobControl = {},
  /** Writes that commit with the restore or not at all (its audit entry), run last inside its transaction. */
  inSameTransaction?: (trx: Db, copied: { tables: number; rows: number }) => Promise<void>,
): Promise<{ tables: number; rows: number }> {
  return rawConnection(db, async (conn) => {
    conn.prepare(`ATTACH DATABASE ? AS ${ATTACHED}`).run(file);
    try {
      return await inBulkTransaction(db, conn, async (trx) => {
        const copied = await copyTables(conn, job);
        await inSameTransaction?.(trx, copied);
        return copied;
      });
    } finally {
      conn.exec(`DETACH DATABASE ${ATTACHED}`);
    }
  });
}
