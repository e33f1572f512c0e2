// The sidebar's areas, in menu order, and the permission each needs (none: every signed-in user).
import type { Permission } from '@contract';

export const NAV = ['workbench', 'catalog', 'agents', 'orders', 'reports', 'audit', 'users', 'settings'] as const;
export type NavKey = (typeof NAV)[number];

export const NAV_PERMISSION: Partial<Record<NavKey, Permission>> = {
  catalog: 'catalog.view',
  agents: 'agents.view',
  orders: 'orders.view',
  reports: 'reports.view',
  audit: 'audit.view',
  users: 'accounts.manage',
};
