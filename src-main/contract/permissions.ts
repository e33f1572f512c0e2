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
  'pii.reveal', // reveal one full value on demand; each reveal is audited
  'accounts.manage', // staff users, roles, password resets, agents' assigned staff
  'audit.view',
  'audit.export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
