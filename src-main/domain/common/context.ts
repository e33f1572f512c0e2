import type { Knex } from 'knex';
import type { AgentScope } from './scope';
import type { ChangeSet } from '../ledger/changes';

/** Who an audit entry names: the acting staff member (the CLI's local operator has no account). */
export interface Actor {
  userId: string | null;
  userLogin: string;
}

/**
 * What a write gets from the router, which runs every `mutates` method in one transaction (app/router.ts):
 * the transaction all of the write's statements and its audit entry go through (so they commit together or not
 * at all), who acts, whose agents they may touch, the supplier's time zone and the clock. A command takes it
 * first and opens no transaction of its own; it never falls back to the root handle, Date.now or "every agent".
 */
export interface WriteContext {
  trx: Knex.Transaction;
  actor: Actor;
  /** Read when a write needs it: throws (ScopeMissingError) for a caller without one. */
  readonly scope: AgentScope;
  timeZone: string;
  /** UTC ms; fixed by tests through the app's clock. */
  now: () => number;
  /** What the write touched: the router publishes it as one data.changed event once the transaction commits. */
  changes: ChangeSet;
}
