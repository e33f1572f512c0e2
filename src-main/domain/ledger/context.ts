import type { Knex } from 'knex';
import type { Db } from '../../db/open';
import { ChangeSet } from './changes';
import type { Actor } from '../common/context';

/** Who acts: the audit entry and the order timeline name them (the CLI's local operator has no user id). */
export type LedgerActor = Actor;

/**
 * What every write of the ledger takes first (like outline's commands): the caller's transaction, in which the
 * fact, its stock movements, its rollup deltas, its timeline event and its audit entry are all written (they commit
 * together or not at all); who acts; the supplier's time zone, in which days are cut; the clock; and the change set
 * that becomes the `data.changed` event once the transaction commits. The router's WriteContext satisfies it.
 */
export interface LedgerContext {
  trx: Knex.Transaction;
  actor: LedgerActor;
  timeZone: string;
  /** UTC ms. */
  now: () => number;
  changes: ChangeSet;
}

/** A context for tests and bulk callers that own their transaction. */
export function ledgerContext(
  trx: Knex.Transaction,
  opts: { actor: LedgerActor; timeZone: string; now?: () => number; changes?: ChangeSet },
): LedgerContext {
  return { trx, actor: opts.actor, timeZone: opts.timeZone, now: opts.now ?? Date.now, changes: opts.changes ?? new ChangeSet() };
}

/**
 * Runs `fn` in one transaction of its own and hands back what changed, for the caller to publish only after the
 * commit (a rolled-back transaction throws here, so nothing is published for it).
 */
export async function inLedgerTransaction<T>(
  db: Db,
  opts: { actor: LedgerActor; timeZone: string; now?: () => number },
  fn: (ctx: LedgerContext) => Promise<T>,
): Promise<{ value: T; changes: ChangeSet }> {
  const changes = new ChangeSet();
  const value = await db.transaction((trx) => fn(ledgerContext(trx, { ...opts, changes })));
  return { value, changes };
}

/**
 * Runs one ledger write in a savepoint of the caller's transaction: a refused write leaves nothing behind even when
 * the caller goes on with its transaction (a bulk import that collects refusals), and its rollup_changes rows and
 * change set entries are only kept when it succeeded.
 */
export async function atomically<C extends Pick<LedgerContext, 'trx' | 'changes'>, T>(ctx: C, fn: (ctx: C) => Promise<T>): Promise<T> {
  const changes = new ChangeSet();
  for (const a of ctx.changes.rollupLogged) changes.rollupLogged.add(a);
  // Derived, not spread: the caller's context may have lazy getters (the router's scope) that must stay lazy.
  const value = await ctx.trx.transaction((sp) => fn(Object.create(ctx, { trx: { value: sp }, changes: { value: changes } }) as C));
  ctx.changes.touch([...changes.tables], changes.agentIds);
  for (const a of changes.rollupLogged) ctx.changes.rollupLogged.add(a);
  return value;
}
