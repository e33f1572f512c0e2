import type { AppEvent } from '@contract';

/**
 * Who an event is for: the session that started the job (undefined: the local operator, CLI and tests).
 * Transports deliver an event only to a window or stream signed in with that session.
 */
export type EventAudience = { sessionToken: string | undefined };

/** Fan-out of app events (job progress) to every attached transport, which filters by audience. */
export class EventBus {
  private listeners = new Set<(e: AppEvent, to: EventAudience) => void>();
  on(fn: (e: AppEvent, to: EventAudience) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit = (e: AppEvent, to: EventAudience): void => {
    for (const fn of this.listeners) fn(e, to);
  };
  /** Whether `to` is the session `token` (a window's or an event stream's): the rule every transport applies. */
  static isFor = (to: EventAudience, token: string | undefined): boolean => token !== undefined && to.sessionToken === token;
}
