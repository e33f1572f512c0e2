// Hash history: the same build works from file:// in Electron and from the web-mode server.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

export const NAV = ['workbench', 'catalog', 'agents', 'orders', 'reports', 'audit', 'settings'] as const;
export type NavKey = (typeof NAV)[number];

declare module 'vue-router' {
  interface RouteMeta {
    nav?: NavKey;
  }
}

const views: Record<NavKey, () => Promise<unknown>> = {
  workbench: () => import('@/views/workbench/WorkbenchView.vue'),
  catalog: () => import('@/views/catalog/CatalogView.vue'),
  agents: () => import('@/views/agents/AgentsView.vue'),
  orders: () => import('@/views/orders/OrdersView.vue'),
  reports: () => import('@/views/reports/ReportsView.vue'),
  audit: () => import('@/views/audit/AuditView.vue'),
  settings: () => import('@/views/settings/SettingsView.vue'),
};

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/workbench' },
  ...NAV.map((nav) => ({ path: `/${nav}`, name: nav, component: views[nav], meta: { nav } }) as RouteRecordRaw),
  { path: '/:rest(.*)*', redirect: '/workbench' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });
