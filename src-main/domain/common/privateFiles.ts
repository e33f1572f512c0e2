// Everything in the data directory is personal or business data: owner-only, whatever the umask says.
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Make `dir` (and missing parents) owner-only; an existing one is tightened too. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Create `file` empty and owner-only before a library writes it (exceljs, SQLite): they truncate or fill
 * it in place and keep its mode. SQLite also gives its -wal, -shm and -journal files the database's mode.
 */
export function privateFile(file: string, opts: { keep?: boolean } = {}): void {
  fs.closeSync(fs.openSync(file, opts.keep ? 'a' : 'w', PRIVATE_FILE_MODE));
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Tighten files that may already exist from an older version (created 0644). */
export function tightenExisting(files: string[]): void {
  for (const f of files) if (fs.existsSync(f)) fs.chmodSync(f, PRIVATE_FILE_MODE);
}
