import type { AppEvent } from '@contract';

/** Fan-out of app events (job progress) to every attached transport. */
export class EventBus {
  private listeners = new Set<(e: AppEvent) => void>();
  on(fn: (e: AppEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit = (e: AppEvent): void => {
    for (const fn of this.listeners) fn(e);
  };
}
