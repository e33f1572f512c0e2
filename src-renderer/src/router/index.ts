// Hash history: the same build works from file:// in Electron and from the web-mode server.
// Sign-in and owner set-up stand outside the sidebar layout; every area route needs a signed-in user
// and, for most areas, a permission (the server enforces them anyway; the UI only hides).
import { watch } from 'vue';
import {
  START_LOCATION,
  createRouter,
  createWebHashHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
} from 'vue-router';
import type { Permission } from '@contract';
import { useAuthStore } from '@/stores/auth';
import { useCatalogStore } from '@/stores/catalog';
import { useAgentsStore } from '@/stores/agents';
import { useOrdersStore } from '@/stores/orders';
import { useAuditStore } from '@/stores/audit';
import { useUsersStore } from '@/stores/users';
import { useReportsStore } from '@/stores/reports';
import { NAV, NAV_PERMISSION, type NavKey } from './nav';

export { NAV, NAV_PERMISSION, type NavKey };

declare module 'vue-router' {
  interface RouteMeta {
    nav?: NavKey;
    permission?: Permission;
  }
}

/** Each area's lazy chunk (the layout loads them ahead while idle: WarmUp.vue). */
export const areaViews: Record<NavKey, () => Promise<unknown>> = {
  workbench: () => import('@/views/workbench/WorkbenchView.vue'),
  catalog: () => import('@/views/catalog/CatalogView.vue'),
  agents: () => import('@/views/agents/AgentsView.vue'),
  orders: () => import('@/views/orders/OrdersView.vue'),
  reports: () => import('@/views/reports/ReportsView.vue'),
  audit: () => import('@/views/audit/AuditView.vue'),
  users: () => import('@/views/users/UsersView.vue'),
  settings: () => import('@/views/settings/SettingsView.vue'),
};

const HOME = '/workbench';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/auth/LoginView.vue') },
  { path: '/setup', name: 'setup', component: () => import('@/views/auth/SetupView.vue') },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', redirect: HOME },
      ...NAV.map(
        (nav) => ({ path: nav, name: nav, component: areaViews[nav], meta: { nav, permission: NAV_PERMISSION[nav] } }) as RouteRecordRaw,
      ),
      // 代理详情: under the agents area in the sidebar; ?from=&to= carries the period of the link's source.
      {
        path: 'agents/:id',
        name: 'agent',
        component: () => import('@/views/agents/AgentDetailView.vue'),
        meta: { nav: 'agents', permission: NAV_PERMISSION.agents },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: HOME },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

/** Where to go back to after sign-in: only a path inside the app. */
function backTo(q: unknown): string {
  return typeof q === 'string' && q.startsWith('/') && !q.startsWith('//') && !q.startsWith('/login') && !q.startsWith('/setup')
    ? q
    : HOME;
}

/** Where `to` must go instead, given who is signed in; null: `to` is fine. */
function redirectFor(to: RouteLocationNormalized): RouteLocationRaw | null {
  const auth = useAuthStore();
  if (auth.state !== 'ready') return null; // the start-up screen shows loading or the error
  if (auth.needsOwner) return to.name === 'setup' ? null : { name: 'setup' };
  if (!auth.user) {
    if (to.name === 'login') return null;
    // After an explicit sign-out the next person starts at the workbench, not where the last one was.
    const keep = to.name !== 'setup' && to.fullPath !== '/' && auth.notice !== 'signedOut';
    return { name: 'login', query: keep ? { redirect: to.fullPath } : {} };
  }
  if (to.name === 'login' || to.name === 'setup') return backTo(to.query.redirect);
  const need = to.meta.permission;
  if (need && !auth.can(need)) return HOME;
  return null;
}

/**
 * Installs the guard (waits for auth.status on the first navigation) and follows sign-in, sign-out,
 * an ended session and permission changes by moving the current route where it now belongs.
 */
export function installAuthGuard(r: Router) {
  const auth = useAuthStore();
  r.beforeEach(async (to) => {
    await auth.ensureLoaded();
    return redirectFor(to) ?? true;
  });
  watch(
    () => [auth.state, auth.needsOwner, auth.user] as const,
    () => {
      const current = r.currentRoute.value;
      if (current === START_LOCATION) return; // the first navigation is still in the guard
      const target = redirectFor(current);
      if (target) void r.replace(target);
    },
  );
  // Someone else signed in on this window: their lists start without the previous user's filters.
  let lastUserId: string | null = null;
  watch(
    () => auth.user?.id ?? null,
    (id) => {
      if (id && lastUserId && id !== lastUserId)
        [useCatalogStore(), useAgentsStore(), useOrdersStore(), useAuditStore(), useUsersStore(), useReportsStore()].forEach((s) => s.invalidate());
      if (id) lastUserId = id;
    },
  );
}
