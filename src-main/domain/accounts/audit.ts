import type { Db } from '../../db/open';
import { newId } from '../common/ids';

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'password_change'
  | 'password_reset'
  | 'export'
  | 'price_change'
  | 'delete'
  | 'role_change'
  | 'reveal'
  | 'restore';

export interface AuditEntry {
  userId: string | null;
  userLogin: string;
  action: AuditAction;
  target?: string;
  details?: Record<string, unknown>;
}

/** Append one entry (the table refuses updates and early deletes by trigger). */
export async function appendAudit(db: Db, e: AuditEntry, now = Date.now()): Promise<void> {
  await db('audit_log').insert({
    id: newId(),
    at: now,
    user_id: e.userId,
    user_login: e.userLogin,
    action: e.action,
    target: e.target ?? '',
    details: JSON.stringify(e.details ?? {}),
  });
}
