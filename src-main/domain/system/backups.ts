// Backups in <dataDir>/backups/: make, list, delete, and restore one (after a safety backup).
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, BACKUP_NAME, type BackupInfo } from '@contract';
import { tzOffsetMs } from '@contract/days';
import type { Db } from '../../db/open';
import { backupDatabase, inspectBackup, removeDbFile } from '../../db/backup';
import { migratedCopy, replaceLiveData } from '../../db/restore';
import { throwIfCancelled, type JobControl } from '../common/job';
import { privateDir } from '../common/privateFiles';

/** Where backups live and whose clock names them. */
export interface BackupPlace {
  db: Db;
  dataDir: string;
  /** The supplier's time zone: file names carry its local time. */
  timeZone: string;
}

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

export interface RestoreResult {
  tables: number;
  rows: number;
  /** The backup of the data just before the restore. */
  safetyBackup: string;
}

/** dropship-2026-11-25-153000[-suffix].sqlite in the supplier's local time; -2, -3… when that name is taken. */
export function backupFileName(dir: string, now: number, timeZone: string, suffix = ''): string {
  const local = new Date(now + tzOffsetMs(now, timeZone)).toISOString(); // 2026-11-25T15:30:00.000Z, shifted
  const stamp = `${local.slice(0, 10)}-${local.slice(11, 19).replaceAll(':', '')}`;
  const base = `dropship-${stamp}${suffix ? `-${suffix}` : ''}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.sqlite` : `${base}-${n}.sqlite`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** A backup file by bare name; NOT_FOUND for anything else. */
export function backupPath(dataDir: string, name: string): string {
  const full = path.join(backupsDir(dataDir), path.basename(name));
  if (!BACKUP_NAME.test(name) || path.basename(name) !== name || !fs.existsSync(full)) throw new ApiError('NOT_FOUND', `no backup named ${name}`);
  return full;
}

/** A backup's list entry; its migrations are read from the file unless the caller already has them. */
function describe(dir: string, name: string, migrations?: string[]): BackupInfo {
  const file = path.join(dir, name);
  const stat = fs.statSync(file);
  let version: string | null = null;
  try {
    version = (migrations ?? inspectBackup(file).migrations).at(-1) ?? null;
  } catch {
    /* unreadable: listed without a version */
  }
  return { name, sizeBytes: stat.size, createdAt: Math.round(stat.mtimeMs), version };
}

export async function createBackup(place: BackupPlace, job: JobControl = {}, suffix = '', now = Date.now()): Promise<BackupInfo> {
  const dir = backupsDir(place.dataDir);
  privateDir(dir);
  const name = backupFileName(dir, now, place.timeZone, suffix);
  const { migrations } = await backupDatabase(place.db, path.join(dir, name), job);
  return describe(dir, name, migrations);
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && BACKUP_NAME.test(e.name))
    .map((e) => describe(dir, e.name))
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

export function deleteBackup(dataDir: string, name: string): void {
  removeDbFile(backupPath(dataDir, name));
}

/**
 * Replace all data (except the audit log, accounts and roles: `keptByRestore`) with backup `name`, ending
 * every session. The backup is copied and migrated
 * first (CONFLICT when it comes from a newer version), then the current data is backed up ("before-restore"),
 * then the live tables are replaced in one transaction. On failure or cancel nothing changed, so the safety
 * backup goes again.
 */
export async function restoreBackup(
  place: BackupPlace,
  name: string,
  job: JobControl = {},
  /** Writes that commit with the restore (its audit entry, settings kept from before), given what it restored. */
  inSameTransaction?: (trx: Db, restored: RestoreResult) => Promise<void>,
): Promise<RestoreResult> {
  const source = backupPath(place.dataDir, name);
  const work = fs.mkdtempSync(path.join(backupsDir(place.dataDir), '.restore-'));
  try {
    job.progress?.(0, 1, 'prepare');
    const copy = await migratedCopy(source, work);
    job.progress?.(1, 1, 'prepare');
    throwIfCancelled(job.signal);
    const safety = await createBackup(place, job, 'before-restore');
    try {
      const result = await replaceLiveData(place.db, copy, job, async (trx, copied) => {
        await inSameTransaction?.(trx, { ...copied, safetyBackup: safety.name });
      });
      return { ...result, safetyBackup: safety.name };
    } catch (e) {
      deleteBackup(place.dataDir, safety.name);
      throw e;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
