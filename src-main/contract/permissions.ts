// Every contract method names one of these; roles (issue: accounts) are sets of them.
export const PERMISSIONS = [
  'system.view', // app info, settings, job control
  'system.admin', // demo data, wipe, settings changes
  'catalog.view',
  'catalog.edit', // create/edit products and prices
  'catalog.cost', // see and set cost price
  'agents.view',
  'orders.view',
  'reports.view',
  'reports.export',
  'pii.view', // full names, phones and addresses of agents and end customers
  'accounts.manage', // staff users, roles, password resets
  'audit.view',
  'audit.export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
