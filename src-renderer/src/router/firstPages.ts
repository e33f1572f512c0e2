// A list screen's first page is asked for as the sidebar click is handled, alongside the screen's chunk and
// setup instead of after them, and the navigation waits a moment for it: when it comes in time, the screen's
// first render already has the rows (no empty table drawn first, then filled). Only for a navigation the auth
// guard let through (this guard comes after it), so only lists the user may open; the server checks anyway.
import type { Router } from 'vue-router';
import type { NavKey } from './nav';
import { useCatalogStore } from '@/stores/catalog';
import { useAgentsStore } from '@/stores/agents';
import { useOrdersStore } from '@/stores/orders';
import { useAuditStore } from '@/stores/audit';
import { useUsersStore } from '@/stores/users';
import { useWorkbenchStore } from '@/stores/workbench';
import { useReportsStore } from '@/stores/reports';

/** The longest a navigation waits for its first page; a slower list shows its spinner meanwhile. */
const WAIT_MS = 150;

const firstPages: Partial<Record<NavKey, () => Promise<void>>> = {
  workbench: () => useWorkbenchStore().startFirstPage(),
  catalog: () => useCatalogStore().startFirstPage(),
  agents: () => useAgentsStore().startFirstPage(),
  orders: () => useOrdersStore().startFirstPage(),
  reports: () => useReportsStore().startFirstPage(),
  audit: () => useAuditStore().startFirstPage(),
  users: () => useUsersStore().startFirstPage(),
};

export function installFirstPages(r: Router) {
  let asked: Promise<void> | null = null;
  r.beforeEach((to, from) => {
    // A screen's own sub-routes (and the same screen again) keep their list: nothing to ask.
    const start = to.name !== from.name && to.name === to.meta.nav ? firstPages[to.meta.nav as NavKey] : undefined;
    asked = start ? start() : null;
  });
  r.beforeResolve(async () => {
    const waitFor = asked;
    asked = null;
    if (waitFor) await Promise.race([waitFor, new Promise((r) => setTimeout(r, WAIT_MS))]);
  });
}
