import { z } from 'zod';
import { id, trimmed } from './common';
import { rule } from './fieldIssues';
import { method } from './method';
import { PERMISSIONS } from './permissions';

/** Accounts the demo data comes with (documented in README); the sign-in screen lists them while they exist. */
export const DEMO_LOGINS = [
  { login: 'admin', name: '演示管理员', role: 'admin' },
  { login: 'kefu', name: '演示客服', role: 'cs' }, // limited to the agents assigned to them (every fourth agent)
  { login: 'jingli', name: '演示经理', role: 'manager' },
  { login: 'cangku', name: '演示仓库', role: 'warehouse' },
] as const;
export const DEMO_PASSWORD = 'demo-1234';

const login = z
  .string()
  .trim()
  .refine((s) => /^[A-Za-z0-9._-]{2,32}$/.test(s), rule('loginFormat', 'login: 2–32 letters, digits, dot, dash or underscore'));
const password = z.string().min(8, 'password: at least 8 characters').max(128);
const roleCodes = z.array(z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/)).min(1, 'choose at least one role');

/** Data scope: `assigned` limits a user to the agents assigned to them (and those agents' orders and ranks). */
export const agentScope = z.enum(['all', 'assigned']);
export type AgentScopeKind = z.infer<typeof agentScope>;

export const roleSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  /** What the role allows (built-in roles: fixed in the main process; custom roles: as saved). */
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Staff accounts that have this role. */
  users: z.number().int(),
});
export type StaffRole = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id,
  login: z.string(),
  name: z.string(),
  active: z.boolean(),
  roles: z.array(z.string()),
  agentScope,
  /** Agents assigned to this user (their cs staff). */
  assignedAgents: z.number().int(),
  lockedUntil: z.number().int().nullable(),
});
export type StaffUser = z.infer<typeof userSchema>;

export const sessionUserSchema = z.object({
  id,
  login: z.string(),
  name: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
  agentScope,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResultSchema = z.object({
  user: sessionUserSchema,
  /** Session token (≥ 256 bits); the transport keeps it (HTTP: an HttpOnly cookie) and never shows it to the page. */
  token: z.string(),
});

export const accountsMethods = {
  'auth.status': method({
    summary:
      "Who is signed in on this transport (null: nobody), whether the owner account still has to be created, whether demo logins exist, and the supplier's time zone (the page cuts days in it from its first screen on)",
    input: z.object({}).default({}),
    output: z.object({ needsOwner: z.boolean(), demoLogins: z.boolean(), timeZone: z.string(), user: sessionUserSchema.nullable() }),
    permission: 'public',
    errors: [],
  }),
  'auth.setupOwner': method({
    summary: 'First start: create the owner (admin) account and sign in',
    input: z.object({ login, name: trimmed(50).min(1), password }),
    output: sessionResultSchema,
    permission: 'public',
    errors: ['CONFLICT'],
    mutates: true,
  }),
  'auth.signIn': method({
    summary: 'Sign in; 5 failed attempts lock the login for 30 s (unknown logins alike); too many attempts from one client are RATE_LIMITED',
    input: z.object({ login: z.string().trim().min(1).max(32), password: z.string().min(1).max(128), persistent: z.boolean().default(false) }),
    output: sessionResultSchema,
    permission: 'public',
    errors: ['UNAUTHENTICATED', 'LOCKED', 'RATE_LIMITED'],
    ownTransaction: 'a failed attempt is counted and audited although the call fails; a success writes its session and audit entry in one transaction',
  }),
  'auth.signOut': method({
    summary: 'End this session',
    input: z.object({}).default({}),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    errors: ['UNAUTHENTICATED'],
    mutates: true,
  }),
  'auth.changePassword': method({
    summary: 'Change one’s own password; ends every session of the user',
    input: z.object({ oldPassword: z.string().min(1).max(128), newPassword: password }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    errors: [], // a wrong old password is VALIDATION_FAILED at oldPassword
    mutates: true,
  }),
  'users.list': method({
    summary: 'Staff accounts with their roles',
    input: z.object({}).default({}),
    output: z.array(userSchema),
    permission: 'accounts.manage',
    errors: [],
  }),
  'users.create': method({
    summary: 'Create a staff account with roles',
    input: z.object({ login, name: trimmed(50).min(1), password, roles: roleCodes, agentScope: agentScope.default('all') }),
    output: userSchema,
    permission: 'accounts.manage',
    errors: ['CONFLICT', 'NOT_FOUND'],
    mutates: true,
  }),
  'users.update': method({
    summary: 'Rename, (de)activate or change the roles and data scope of a staff account (audited)',
    input: z.object({ id, name: trimmed(50).min(1), active: z.boolean(), roles: roleCodes, agentScope: agentScope.default('all') }),
    output: userSchema,
    permission: 'accounts.manage',
    errors: ['NOT_FOUND', 'CONFLICT'],
    mutates: true,
  }),
  'users.resetPassword': method({
    summary: 'Set a new password for a staff account; ends its sessions',
    input: z.object({ id, password }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'accounts.manage',
    errors: ['NOT_FOUND'],
    mutates: true,
  }),
  'roles.list': method({
    summary: 'Built-in and custom roles with their permissions and how many staff have each',
    input: z.object({}).default({}),
    output: z.array(roleSchema),
    permission: 'accounts.manage',
    errors: [],
  }),
  'roles.save': method({
    summary: 'Create a custom role, or rename it and change its permissions (built-in roles are fixed); audited',
    input: z.object({
      id: id.optional(),
      name: trimmed(30).min(1, 'name: give the role a name'),
      permissions: z.array(z.enum(PERMISSIONS)).min(1, 'permissions: choose at least one permission'),
    }),
    output: roleSchema,
    permission: 'accounts.manage',
    errors: ['NOT_FOUND', 'CONFLICT'],
    mutates: true,
  }),
  'roles.delete': method({
    summary: 'Delete a custom role no staff account has any more; audited',
    input: z.object({ id, confirm: z.literal(true) }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'accounts.manage',
    errors: ['NOT_FOUND', 'CONFLICT'],
    mutates: true,
  }),
};
