// Refresh what a screen shows when the data behind it changed: the ledger's write path sends `data.changed`
// { tables, agentIds } ('*': all) to every signed-in session after a commit. A burst of writes (an import)
// refreshes once, shortly after the last one.
import { onBeforeUnmount, onMounted } from 'vue';
import { touches } from '@contract';
import { onDataChanged } from '@/api/dataChanged';

const QUIET_MS = 300;

/** The tables the figures (ranking, agent page, dashboard) and the lists behind them are computed from. */
export const FIGURE_TABLES = ['orders', 'order_lines', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'stock_movements', 'agents', 'products'] as const;

/** While the calling component is mounted, run `refresh` after a change to any of `tables` (of agent `agentId`, when given). */
export function useDataChanged(tables: readonly string[], refresh: () => void, agentId?: () => string): void {
  let off: (() => void) | null = null;
  let unmounted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onMounted(async () => {
    // The agent is read per event: the page may have moved on to another one since it subscribed.
    const unsubscribe = await onDataChanged(tables, (e) => {
      if (agentId && !touches(e, tables, agentId())) return;
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
