import type { DataChangedEvent } from '@contract';

/** Above this many agents an event says '*' (every agent): a bulk write should not send a megabyte of ids. */
export const MAX_EVENT_AGENT_IDS = 1_000;

/**
 * What one transaction changed: the tables written and the agents whose facts (or rollups) moved. The ledger fills
 * it as it writes; after the commit it becomes one `data.changed` event (publishChanges in app/events.ts). It also
 * remembers which agents already have their rollup_changes row in this transaction (one per agent).
 */
export class ChangeSet {
  readonly tables = new Set<string>();
  readonly agentIds = new Set<string>();
  /** Agents whose rollup_changes row this transaction has written. */
  readonly rollupLogged = new Set<string>();

  touch(tables: readonly string[], agentIds: Iterable<string> = []): void {
    for (const t of tables) this.tables.add(t);
    for (const a of agentIds) this.agentIds.add(a);
  }

  get empty(): boolean {
    return this.tables.size === 0;
  }

  toEvent(): DataChangedEvent {
    const agents = this.agentIds.has('*') || this.agentIds.size > MAX_EVENT_AGENT_IDS ? ['*'] : [...this.agentIds].sort();
    return { type: 'data.changed', tables: this.tables.has('*') ? ['*'] : [...this.tables].sort(), agentIds: agents };
  }
}

/** Everything changed (a restore, a demo load, clearing all data): every store reloads. */
export function everythingChanged(): ChangeSet {
  const c = new ChangeSet();
  c.touch(['*'], ['*']);
  return c;
}
