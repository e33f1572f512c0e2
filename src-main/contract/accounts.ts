import { z } from 'zod';
import { id, trimmed } from './common';
import { method } from './method';
import { PERMISSIONS } from './permissions';

/** Accounts the demo data comes with (documented in README); the sign-in screen lists them while they exist. */
export const DEMO_LOGINS = [
  { login: 'admin', name: '演示管理员', role: 'admin' },
  { login: 'kefu', name: '演示客服', role: 'cs' },
  { login: 'jingli', name: '演示经理', role: 'manager' },
  { login: 'cangku', name: '演示仓库', role: 'warehouse' },
] as const;
export const DEMO_PASSWORD = 'demo-1234';

const login = z.string().trim().regex(/^[A-Za-z0-9._-]{2,32}$/, 'login: 2–32 letters, digits, dot, dash or underscore');
const password = z.string().min(8, 'password: at least 8 characters').max(128);
const roleCodes = z.array(z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/)).min(1, 'choose at least one role');

export const userSchema = z.object({
  id,
  login: z.string(),
  name: z.string(),
  active: z.boolean(),
  roles: z.array(z.string()),
  lockedUntil: z.number().int().nullable(),
});
export type StaffUser = z.infer<typeof userSchema>;

export const sessionUserSchema = z.object({ id, login: z.string(), name: z.string(), permissions: z.array(z.enum(PERMISSIONS)) });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResultSchema = z.object({
  user: sessionUserSchema,
  /** Session token (≥ 256 bits); the transport keeps it (HTTP: an HttpOnly cookie) and never shows it to the page. */
  token: z.string(),
});

export const accountsMethods = {
  'auth.status': method({
    summary: 'Who is signed in on this transport (null: nobody), whether the owner account still has to be created, and whether demo logins exist',
    input: z.object({}).default({}),
    output: z.object({ needsOwner: z.boolean(), demoLogins: z.boolean(), user: sessionUserSchema.nullable() }),
    permission: 'public',
    errors: [],
  }),
  'auth.setupOwner': method({
    summary: 'First start: create the owner (admin) account and sign in',
    input: z.object({ login, name: trimmed(50).min(1), password }),
    output: sessionResultSchema,
    permission: 'public',
    errors: ['CONFLICT'],
  }),
  'auth.signIn': method({
    summary: 'Sign in; 5 failed attempts lock the account for 30 s',
    input: z.object({ login: z.string().trim().min(1).max(32), password: z.string().min(1).max(128), persistent: z.boolean().default(false) }),
    output: sessionResultSchema,
    permission: 'public',
    errors: ['UNAUTHENTICATED', 'LOCKED'],
  }),
  'auth.signOut': method({
    summary: 'End this session',
    input: z.object({}).default({}),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    errors: ['UNAUTHENTICATED'],
  }),
  'auth.changePassword': method({
    summary: 'Change one’s own password; ends every session of the user',
    input: z.object({ oldPassword: z.string().min(1).max(128), newPassword: password }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    errors: [], // a wrong old password is VALIDATION_FAILED at oldPassword
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
    input: z.object({ login, name: trimmed(50).min(1), password, roles: roleCodes }),
    output: userSchema,
    permission: 'accounts.manage',
    errors: ['CONFLICT', 'NOT_FOUND'],
  }),
  'users.update': method({
    summary: 'Rename, (de)activate or change the roles of a staff account (role changes are audited)',
    input: z.object({ id, name: trimmed(50).min(1), active: z.boolean(), roles: roleCodes }),
    output: userSchema,
    permission: 'accounts.manage',
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'users.resetPassword': method({
    summary: 'Set a new password for a staff account; ends its sessions',
    input: z.object({ id, password }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'accounts.manage',
    errors: ['NOT_FOUND'],
  }),
};
