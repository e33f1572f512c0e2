import { appendAudit, type AuditAction } from '../accounts/audit';
import type { LedgerContext } from './context';

/** The write's audit entry, in its transaction: it commits with the write or not at all. Ids and figures, never personal data. */
export const ledgerAudit = (
  ctx: Pick<LedgerContext, 'trx' | 'actor'>,
  at: number,
  action: AuditAction,
  target: string,
  details: Record<string, unknown>,
): Promise<void> => appendAudit(ctx.trx, { ...ctx.actor, action, target, details }, at);
