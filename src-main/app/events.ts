import type { AppEvent } from '@contract';
import type { ChangeSet } from '../domain/ledger/changes';

/**
 * Who an event is for: the session that started the job (undefined: the local operator, CLI and tests), or every
 * signed-in session (data.changed). Transports deliver an event only to a window or stream signed in with a session
 * it is for; nobody signed out gets anything.
 */
export type EventAudience = { sessionToken: string | undefined } | { allSessions: true };

/** Fan-out of app events (job progress, data changes) to every attached transport, which filters by audience. */
export class EventBus {
  private listeners = new Set<(e: AppEvent, to: EventAudience) => void>();
  on(fn: (e: AppEvent, to: EventAudience) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit = (e: AppEvent, to: EventAudience): void => {
    for (const fn of this.listeners) fn(e, to);
  };
  /** To every signed-in session: events that carry table names and ids only, never personal data. */
  broadcast = (e: AppEvent): void => this.emit(e, { allSessions: true });
  /** Whether `to` includes the session `token` (a window's or an event stream's): the rule every transport applies. */
  static isFor = (to: EventAudience, token: string | undefined): boolean =>
    token !== undefined && ('allSessions' in to || to.sessionToken === token);
}

/**
 * After a write committed: one `data.changed` event with what it changed, to every signed-in session. Call it only
 * once the transaction has committed (a rolled-back one never gets here: its `await` threw). The router calls it
 * for `mutates` methods after its transaction; handlers that own their transaction (jobs) call it themselves.
 */
export function publishChanges(events: Pick<EventBus, 'broadcast'>, changes: ChangeSet): void {
  if (!changes.empty) events.broadcast(changes.toEvent());
}
