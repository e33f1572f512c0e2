// Online backups of the live database with SQLite's backup API, verified by reopening the copy.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '@contract';
import { throwIfCancelled, type JobControl } from '../domain/common/job';
import { rawConnection, type Db } from './open';
import { privateFile } from '../domain/common/privateFiles';

/** Pages copied per step (4 MiB at 4 KiB pages): big enough to be quick, small enough to report and cancel. */
const PAGES_PER_STEP = 1024;

/** Remove a database file and the journal files SQLite may have left beside it. */
export function removeDbFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** The migration names a database file records, oldest first; CONFLICT when it is no Dropship Console database. */
export function migrationsIn(conn: Database.Database): string[] {
  const has = conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'`).get();
  if (!has) throw new ApiError('CONFLICT', 'not a Dropship Console database: it has no migration list');
  return conn.prepare('SELECT name FROM knex_migrations ORDER BY id').pluck().all() as string[];
}

/** Open a backup read-only and read its migration list; with `check`, SQLite's quick_check must say ok first. */
export function inspectBackup(file: string, opts: { check?: boolean } = {}): { migrations: string[] } {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (opts.check) {
      const result = conn.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`the backup failed its integrity check: ${String(result)}`);
    }
    return { migrations: migrationsIn(conn) };
  } finally {
    conn.close();
  }
}

/**
 * Copy the live database to `dest` page by page (other calls wait between steps, writes by this process are
 * carried into the copy). The copy is written as `dest.part`, switched to a single self-contained file
 * (rollback journal, not WAL), reopened and checked; only then does it get its name. Any failure or a cancel
 * leaves no file behind.
 */
export async function backupDatabase(db: Db, dest: string, job: JobControl = {}): Promise<{ migrations: string[] }> {
  const part = `${dest}.part`;
  removeDbFile(part);
  try {
    privateFile(part); // SQLite fills the empty file and keeps its mode (and the journal's)
    await rawConnection(db, async (conn) => {
      await conn.backup(part, {
        progress: ({ totalPages, remainingPages }) => {
          throwIfCancelled(job.signal); // a throw here aborts the backup
          job.progress?.(totalPages - remainingPages, totalPages, 'backup');
          return PAGES_PER_STEP;
        },
      });
    });
    job.progress?.(0, 1, 'verify');
    const copy = new Database(part);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const info = inspectBackup(part, { check: true });
    fs.renameSync(part, dest);
    job.progress?.(1, 1, 'verify');
    return info;
  } catch (e) {
    removeDbFile(part);
    throw e;
  }
}
