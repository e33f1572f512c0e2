import { PERMISSIONS, type Permission } from '@contract';

export const BUILTIN_ROLES = ['admin', 'cs', 'manager', 'warehouse'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

/**
 * What each built-in role may do (domain.md "People"). Custom roles are stored lists of permissions.
 * cs onboards agents and takes orders but sees no costs and no full personal data; manager reads and
 * exports reports but edits no prices; warehouse ships, so it sees receivers' addresses in full.
 */
export const BUILTIN_PERMISSIONS: Record<BuiltinRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  cs: ['system.view', 'catalog.view', 'agents.view', 'orders.view'],
  manager: ['system.view', 'catalog.view', 'agents.view', 'orders.view', 'reports.view', 'reports.export'],
  warehouse: ['system.view', 'catalog.view', 'orders.view', 'pii.view'],
};

export const BUILTIN_ROLE_NAMES: Record<BuiltinRole, string> = {
  admin: '管理员',
  cs: '客服',
  manager: '运营经理',
  warehouse: '仓库发货',
};

/** Union of the permissions of a user's roles; unknown names in stored custom lists are ignored. */
export function permissionsOf(roles: { code: string; builtin: boolean; permissions: string[] }[]): Set<Permission> {
  const known = new Set<string>(PERMISSIONS);
  const out = new Set<Permission>();
  for (const r of roles) {
    const list = r.builtin && r.code in BUILTIN_PERMISSIONS ? BUILTIN_PERMISSIONS[r.code as BuiltinRole] : r.permissions;
    for (const p of list) if (known.has(p)) out.add(p as Permission);
  }
  return out;
}
