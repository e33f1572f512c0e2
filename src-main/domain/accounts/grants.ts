// What someone who manages accounts may hand out: only what they hold themselves. Without this rule
// `accounts.manage` was as good as admin (a custom role holding only it made itself admin, created an
// admin, widened its own role and reset the admin's password).
import { ApiError, type Permission } from '@contract';
import type { AuditActor } from './audit';

/** Who manages accounts: their audit name, what they may do themselves, and whether they see only assigned agents. */
export interface Grantor extends AuditActor {
  permissions: ReadonlySet<Permission>;
  scoped: boolean;
}

/** FORBIDDEN unless the grantor holds every permission `what` involves; the message names those they lack. */
export function requireHeld(by: Grantor, involved: Iterable<Permission>, what: string): void {
  const missing = [...new Set(involved)].filter((p) => !by.permissions.has(p));
  if (missing.length)
    throw new ApiError('FORBIDDEN', `${what} involves ${missing.join(', ')}, which your own account lacks; ask an admin who has them`, {
      permission: missing.join(', '),
      missing,
    });
}

/** A grantor limited to their assigned agents may give, and manage, only that same limited data scope. */
export function requireScope(by: Grantor, scopes: string[], what: string): void {
  if (by.scoped && scopes.includes('all'))
    throw new ApiError('FORBIDDEN', `${what} involves the data scope "all agents", but your own account sees only its assigned agents`, {
      field: 'agentScope',
    });
}

/** Nobody changes their own roles or data scope: that is how one would give oneself more. */
export function requireNotSelf(by: Grantor, userId: string, what: string): void {
  if (by.userId === userId) throw new ApiError('FORBIDDEN', `${what}: you cannot change your own roles or data scope; ask another admin`, { field: 'roles' });
}
