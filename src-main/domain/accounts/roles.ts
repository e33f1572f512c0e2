import { randomBytes } from 'node:crypto';
import { ApiError, PERMISSIONS, type Permission, type StaffRole } from '@contract';
import type { Db } from '../../db/open';
import { newId } from '../common/ids';
import { parseJsonArray } from '../common/sql';
import type { WriteContext } from '../common/context';
import { audit } from './audit';
import { requireHeld, type Grantor } from './grants';

export const BUILTIN_ROLES = ['admin', 'cs', 'manager', 'warehouse'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

/**
 * What each built-in role may do (domain.md "People"). Custom roles are stored lists of permissions.
 * cs onboards agents and takes orders but sees no costs; personal data only masked, with a one-value
 * audited reveal for the phone call it needs; manager reads and exports reports but edits no prices;
 * warehouse ships, so it sees receivers' addresses in full.
 */
export const BUILTIN_PERMISSIONS: Record<BuiltinRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  cs: ['system.view', 'catalog.view', 'agents.view', 'orders.view', 'pii.reveal'],
  manager: ['system.view', 'catalog.view', 'agents.view', 'orders.view', 'reports.view', 'reports.export'],
  warehouse: ['system.view', 'catalog.view', 'orders.view', 'pii.view'],
};

export const BUILTIN_ROLE_NAMES: Record<BuiltinRole, string> = {
  admin: '管理员',
  cs: '客服',
  manager: '运营经理',
  warehouse: '仓库发货',
};

interface StoredRole {
  code: string;
  builtin: boolean;
  permissions: string[];
}

/** A role's permissions: built-in roles from the table above (never from the database), custom ones as stored. */
function rolePermissions(r: StoredRole): Permission[] {
  const known = new Set<string>(PERMISSIONS);
  const list = r.builtin && r.code in BUILTIN_PERMISSIONS ? BUILTIN_PERMISSIONS[r.code as BuiltinRole] : r.permissions;
  return PERMISSIONS.filter((p) => list.includes(p) && known.has(p));
}

/** Union of the permissions of a user's roles; unknown names in stored custom lists are ignored. */
export function permissionsOf(roles: StoredRole[]): Set<Permission> {
  return new Set(roles.flatMap(rolePermissions));
}

/** Roles by code with what they allow; NOT_FOUND names the codes that do not exist. */
export async function rolesByCode(db: Db, codes: string[]): Promise<{ id: string; code: string; permissions: Permission[] }[]> {
  const rows = await db('roles').whereIn('code', codes).select('id', 'code', 'builtin', 'permissions');
  const unknown = [...new Set(codes)].filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw new ApiError('NOT_FOUND', `unknown role: ${unknown.join(', ')}`, { field: 'roles' });
  return rows.map((r) => ({ id: r.id, code: r.code, permissions: rolePermissions({ code: r.code, builtin: !!r.builtin, permissions: parseJsonArray(r.permissions) }) }));
}

/** At start (app/open.ts) and before the first account: roles.list only reads. */
export async function ensureBuiltinRoles(db: Db, now = Date.now()): Promise<void> {
  const have = new Set((await db('roles').select('code')).map((r) => r.code));
  const missing = BUILTIN_ROLES.filter((c) => !have.has(c));
  if (missing.length)
    await db('roles').insert(missing.map((code) => ({ id: newId(), code, name: BUILTIN_ROLE_NAMES[code], builtin: true, created_at: now, updated_at: now })));
}

export async function listRoles(db: Db, ids?: string[]): Promise<StaffRole[]> {
  const rows = await db('roles as r')
    .leftJoin('user_roles as ur', 'ur.role_id', 'r.id')
    .modify((q) => ids && q.whereIn('r.id', ids))
    .groupBy('r.id')
    .orderBy([{ column: 'r.builtin', order: 'desc' }, { column: 'r.created_at' }, { column: 'r.code' }])
    .select('r.id', 'r.code', 'r.name', 'r.builtin', 'r.permissions')
    .count({ users: 'ur.user_id' });
  return (rows as Record<string, unknown>[]).map((r) => {
    const stored = { code: String(r.code), builtin: !!r.builtin, permissions: parseJsonArray(r.permissions as string) };
    return { id: String(r.id), code: stored.code, name: String(r.name), builtin: stored.builtin, permissions: rolePermissions(stored), users: Number(r.users) };
  });
}

async function getRole(db: Db, id: string): Promise<StaffRole> {
  const [r] = await listRoles(db, [id]);
  if (!r) throw new ApiError('NOT_FOUND', `role ${id} does not exist`);
  return r;
}


/**
 * Create a custom role or change one; built-in roles are fixed. Names are unique; changes are audited. The
 * grantor must hold every permission of the role, before and after.
 */
export async function saveRole(ctx: WriteContext, by: Grantor, r: { id?: string; name: string; permissions: Permission[] }): Promise<StaffRole> {
  const { trx: db } = ctx;
  const now = ctx.now();
  const before = r.id ? await getRole(db, r.id) : null;
  if (before?.builtin) throw new ApiError('CONFLICT', `the built-in role ${before.name} cannot be changed; create a custom role instead`);
  if (before) requireHeld(by, before.permissions, `changing the role ${before.name}`);
  requireHeld(by, r.permissions, `a role with these permissions`);
  const clash = await db('roles').where({ name: r.name }).modify((q) => r.id && q.whereNot('id', r.id)).first('id');
  if (clash) throw new ApiError('CONFLICT', `a role named ${r.name} already exists`, { field: 'name' });
  const permissions = PERMISSIONS.filter((p) => r.permissions.includes(p));
  const id = r.id ?? newId();
  if (before) await db('roles').where({ id }).update({ name: r.name, permissions: JSON.stringify(permissions), updated_at: now });
  else
    await db('roles').insert({
      id,
      // Codes of custom roles are generated: users refer to roles by code, names may change.
      code: `custom-${randomBytes(4).toString('hex')}`,
      name: r.name,
      builtin: false,
      permissions: JSON.stringify(permissions),
      created_at: now,
      updated_at: now,
    });
  const after = await getRole(db, id);
  await audit(ctx, {
    action: 'role_change',
    target: `role:${after.name}`,
    details: { role: after.code, from: before?.permissions ?? null, to: after.permissions, renamedFrom: before && before.name !== after.name ? before.name : undefined },
  });
  return after;
}

/** Delete a custom role that no account has any more (so nobody loses access by surprise); audited. */
export async function deleteRole(ctx: WriteContext, by: Grantor, id: string): Promise<void> {
  const role = await getRole(ctx.trx, id);
  if (role.builtin) throw new ApiError('CONFLICT', `the built-in role ${role.name} cannot be deleted`);
  requireHeld(by, role.permissions, `deleting the role ${role.name}`);
  if (role.users > 0) throw new ApiError('CONFLICT', `${role.users} staff account(s) still have the role ${role.name}; take it from them first`, { users: role.users });
  await ctx.trx('roles').where({ id }).delete();
  await audit(ctx, { action: 'delete', target: `role:${role.name}`, details: { role: role.code, permissions: role.permissions } });
}
