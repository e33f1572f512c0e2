// Stores refresh when a committed write touched what they show: `data.changed` comes to every signed-in session.
import { touches, type DataChangedEvent } from '@contract';
import { subscribe } from './transport';

/**
 * Calls `cb` after each committed write that touched any of `tables` (and agent `agentId`, when given); '*' in an
 * event matches everything. Resolves once events can arrive; returns the unsubscribe function.
 */
export function onDataChanged(tables: readonly string[], cb: (e: DataChangedEvent) => void, agentId?: string): Promise<() => void> {
  return subscribe((e) => {
    if (e.type === 'data.changed' && touches(e, tables, agentId)) cb(e);
  });
}
