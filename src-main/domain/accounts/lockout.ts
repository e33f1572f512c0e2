// The sign-in lockout: 5 failed attempts for one login lock it for 30 s, whether an account has that login
// or not (else LOCKED would tell which logins exist). An attempt is counted before its password is checked,
// in one statement, so parallel attempts cannot all read "0 failures" and all be checked.
import { ApiError } from '@contract';
import type { Db } from '../../db/open';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 30_000;
/** Counts of logins nobody signed in with for this long are dropped (unknown logins would pile up). */
const FORGET_MS = 86_400_000;

export const lockedError = (retryAfterMs: number) =>
  new ApiError('LOCKED', 'too many failed attempts; try again shortly', { retryAfterMs: Math.max(0, retryAfterMs) });

/**
 * Reserve an attempt for `login`: its number (1…5) among the failures since the last lock or success, or
 * LOCKED while it is locked or 5 attempts are already counted (some still being checked). A lock that is
 * over starts a new count.
 */
export async function reserveAttempt(db: Db, login: string, now: number): Promise<number> {
  const rows: { failures: number }[] = await db.raw(
    `INSERT INTO sign_in_attempts (login, failures, locked_until, updated_at) VALUES (?, 1, NULL, ?)
     ON CONFLICT (login) DO UPDATE SET
       failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END, locked_until = NULL, updated_at = excluded.updated_at
     WHERE (locked_until IS NULL AND failures < ?) OR locked_until <= excluded.updated_at
     RETURNING failures`,
    [login, now, MAX_FAILED_ATTEMPTS],
  );
  if (rows.length) return Number(rows[0].failures);
  const row = await db('sign_in_attempts').where({ login }).first('locked_until');
  throw lockedError(row?.locked_until ? Number(row.locked_until) - now : LOCK_MS);
}

/** Give back a reserved attempt whose password was never checked (refused for load): it was no failure. */
export async function releaseAttempt(db: Db, login: string): Promise<void> {
  await db('sign_in_attempts').where({ login }).whereNull('locked_until').where('failures', '>', 0).decrement('failures', 1);
}

/** The reserved attempt `attempt` failed; the 5th locks the login. Returns whether it is locked now. */
export async function recordFailure(db: Db, login: string, attempt: number, now: number): Promise<boolean> {
  const lock = attempt >= MAX_FAILED_ATTEMPTS;
  if (lock) await db('sign_in_attempts').where({ login }).whereNull('locked_until').update({ locked_until: now + LOCK_MS, updated_at: now });
  await db('sign_in_attempts').where('updated_at', '<', now - FORGET_MS).where((w) => w.whereNull('locked_until').orWhere('locked_until', '<', now)).delete();
  return lock;
}

/** A success or a new password: the count starts again. */
export async function clearAttempts(db: Db, login: string): Promise<void> {
  await db('sign_in_attempts').where({ login }).delete();
}
