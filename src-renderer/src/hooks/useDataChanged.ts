// Refresh what a screen shows when the data behind it changed: the write path emits one `data.changed`
// event per committed change (tables, agent ids), on every transport's event stream. A burst of writes
// (an import) refreshes once, shortly after the last one.
import { onBeforeUnmount, onMounted } from 'vue';
import { subscribe } from '@/api/transport';

export interface DataChanged {
  type: 'data.changed';
  tables: string[];
  agentIds?: string[];
}
// Typed by hand until the event is in the contract's AppEvent (the ledger work adds it).
const isDataChanged = (e: unknown): e is DataChanged => (e as { type?: unknown }).type === 'data.changed';

const QUIET_MS = 300;

/** The tables the figures (ranking, agent page, dashboard) are computed from. */
export const FIGURE_TABLES = ['orders', 'order_lines', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'agents', 'products'] as const;

/**
 * While the calling component is mounted, run `refresh` after a change to any of `tables`; with `agentIds`,
 * only when the change names one of them (or names no agents at all).
 */
export function useDataChanged(tables: readonly string[], refresh: () => void, agentIds?: () => readonly string[]): void {
  let off: (() => void) | null = null;
  let unmounted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const relevant = (e: DataChanged) => {
    if (!e.tables.some((t) => tables.includes(t))) return false;
    const mine = agentIds?.();
    return !mine || !e.agentIds?.length || e.agentIds.some((id) => mine.includes(id));
  };
  onMounted(async () => {
    const unsubscribe = await subscribe((e) => {
      if (!isDataChanged(e) || !relevant(e)) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, QUIET_MS);
    });
    if (unmounted) unsubscribe();
    else off = unsubscribe;
  });
  onBeforeUnmount(() => {
    unmounted = true;
    clearTimeout(timer);
    off?.();
  });
}
