// Staff users: creation, sign-in with lockout, sessions with hashed tokens, password change and reset.
import { createHash, randomBytes } from 'node:crypto';
import { ApiError, validationFailed, type AgentScopeKind, type Permission } from '@contract';
import type { Db } from '../../db/open';
import { newId } from '../common/ids';
import { parseJsonArray } from '../common/sql';
import type { WriteContext } from '../common/context';
import { appendAudit, audit } from './audit';
import { requireHeld, requireNotSelf, requireScope, type Grantor } from './grants';
import { clearAttempts, LOCK_MS, lockedError, recordFailure, releaseAttempt, reserveAttempt } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { admitClient, inHashSlot } from './signInLimits';
import { ensureBuiltinRoles, permissionsOf, rolesByCode } from './roles';

export { LOCK_MS, MAX_FAILED_ATTEMPTS } from './lockout';
/** A "stay signed in on this PC" session survives this long without use. */
export const PERSISTENT_IDLE_MS = 30 * 86_400_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function hasUsers(db: Db): Promise<boolean> {
  return !!(await db('users').first('id'));
}

type NewUser = { login: string; name: string; roles: string[]; agentScope?: AgentScopeKind };

/**
 * Create an account (the owner at first start, the demo ones, tests' seeds; staff use createStaffUser). `password`
 * is hashed here; `passwordHash` (a PHC string) is for accounts that share a documented password (the demo ones),
 * hashed once: each hash costs about half a second by design.
 */
export async function createUser(db: Db, u: NewUser & ({ password: string } | { passwordHash: string }), now = Date.now()): Promise<string> {
  await ensureBuiltinRoles(db, now);
  const roles = await rolesByCode(db, u.roles);
  if (await db('users').where({ login: u.login }).first('id'))
    throw new ApiError('CONFLICT', `login ${u.login} is already taken`, { field: 'login' });
  const id = newId();
  const hash = 'passwordHash' in u ? u.passwordHash : await hashPassword(u.password);
  await db.transaction(async (trx) => {
    await trx('users').insert({
      id,
      login: u.login,
      name: u.name,
      password_hash: hash,
      agent_scope: u.agentScope ?? 'all',
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await trx('user_roles').insert(roles.map((r) => ({ user_id: id, role_id: r.id })));
  });
  return id;
}

/** An account created by staff (`by`): they must hold every permission the roles give; audited with the creation. */
export async function createStaffUser(ctx: WriteContext, by: Grantor, u: NewUser & { passwordHash: string }): Promise<string> {
  const roles = await rolesByCode(ctx.trx, u.roles);
  requireHeld(by, roles.flatMap((r) => r.permissions), `an account with the roles ${u.roles.join(', ')}`);
  requireScope(by, [u.agentScope ?? 'all'], `the account ${u.login}`);
  const id = await createUser(ctx.trx, u, ctx.now());
  await audit(ctx, { action: 'account_create', target: u.login, details: { roles: u.roles, agentScope: u.agentScope ?? 'all' } });
  return id;
}

/** Staff may manage an account only if it can do nothing they cannot (else a reset password signs them in as more). */
async function requireManageable(db: Db, by: Grantor, user: { id: string; login: string; agentScope: AgentScopeKind }, what: string) {
  requireHeld(by, await userPermissions(db, user.id), `${what} ${user.login}`);
  requireScope(by, [user.agentScope], `${what} ${user.login}`);
}

export async function userPermissions(db: Db, userId: string): Promise<Set<Permission>> {
  const roles = await db('user_roles as ur').join('roles as r', 'r.id', 'ur.role_id').where('ur.user_id', userId).select('r.code', 'r.builtin', 'r.permissions');
  return permissionsOf(roles.map((r) => ({ code: r.code, builtin: !!r.builtin, permissions: parseJsonArray(r.permissions) })));
}

const INVALID = () => new ApiError('UNAUTHENTICATED', 'wrong login or password');

/** Verified against for unknown logins too, so the answer takes as long and tells nothing about who exists. */
let dummyHash: Promise<string> | undefined;

/**
 * Sign in: 5 failed attempts lock the login for 30 s (lockout.ts: counted before the password is checked,
 * unknown logins alike); a success clears the count, rehashes a password stored with older scrypt parameters,
 * and returns a new session token (only its hash is stored). `client` (where the attempt comes from) is
 * rate-limited, and password checks queue for a few hashing slots (signInLimits.ts).
 */
export async function signIn(
  db: Db,
  c: { login: string; password: string; persistent: boolean; client?: string },
  now = Date.now(),
): Promise<{ token: string; userId: string }> {
  const admitted = c.client === undefined ? null : admitClient(c.client, now);
  let ok = false;
  try {
    const result = await checkSignIn(db, c, now);
    ok = true;
    return result;
  } finally {
    admitted?.done(ok);
  }
}

async function checkSignIn(db: Db, c: { login: string; password: string; persistent: boolean }, now: number) {
  const attempt = await reserveAttempt(db, c.login, now);
  const user = await db('users').where({ login: c.login }).first();
  const account = user?.active ? user : null;
  let check: { ok: boolean; newHash: string | null };
  try {
    // One scrypt for an unknown or inactive login too: the same answer in the same time.
    check = await inHashSlot(async () => {
      const { ok, rehash } = await verifyPassword(c.password, account ? account.password_hash : await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
      return { ok: ok && !!account, newHash: ok && rehash && account ? await hashPassword(c.password) : null };
    });
  } catch (e) {
    await releaseAttempt(db, c.login); // refused before the check: no failure
    throw e;
  }
  // Not in a caller's transaction (auth.signIn is no `mutates` method): a failure is recorded, with its audit
  // entry, although the call then fails; a success commits its session with its entry.
  if (!check.ok) {
    const reason = account ? undefined : user ? 'inactive' : 'unknown';
    const locked = await db.transaction(async (trx) => {
      const locked = await recordFailure(trx, c.login, attempt, now);
      await appendAudit(trx, { userId: account?.id ?? null, userLogin: c.login, action: 'sign_in_failed', details: { attempt, locked, reason } }, now);
      return locked;
    });
    throw locked ? lockedError(LOCK_MS) : INVALID();
  }
  const token = randomBytes(32).toString('base64url'); // 256 bits
  await db.transaction(async (trx) => {
    if (check.newHash) await trx('users').where({ id: user.id }).update({ password_hash: check.newHash });
    await clearAttempts(trx, c.login);
    await trx('sessions').insert({ id: newId(), user_id: user.id, token_hash: sha256(token), persistent: c.persistent, created_at: now, last_seen_at: now });
    await appendAudit(trx, { userId: user.id, userLogin: user.login, action: 'sign_in', details: { persistent: c.persistent } }, now);
  });
  return { token, userId: user.id as string };
}

/** The user behind a token, or null when it is unknown, revoked or idle too long; touches the session. */
export async function resolveSession(
  db: Db,
  token: string,
  idleMs: number,
  now = Date.now(),
  /** false: only check (an open event stream is no activity that keeps a session from idling out). */
  touch = true,
): Promise<{ userId: string; login: string; name: string; permissions: Set<Permission>; agentScope: AgentScopeKind } | null> {
  const s = await db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', sha256(token))
    .first('s.id', 's.user_id', 's.persistent', 's.last_seen_at', 's.revoked_at', 'u.login', 'u.name', 'u.active', 'u.agent_scope');
  if (!s || s.revoked_at || !s.active) return null;
  if (now - Number(s.last_seen_at) > (s.persistent ? PERSISTENT_IDLE_MS : idleMs)) return null;
  if (touch) await db('sessions').where({ id: s.id }).update({ last_seen_at: now });
  return { userId: s.user_id, login: s.login, name: s.name, permissions: await userPermissions(db, s.user_id), agentScope: s.agent_scope };
}

export async function signOut(db: Db, token: string, now = Date.now()): Promise<void> {
  await db('sessions').where({ token_hash: sha256(token) }).whereNull('revoked_at').update({ revoked_at: now });
}

async function setPassword({ trx, now }: WriteContext, user: { id: string; login: string }, hash: string) {
  const at = now();
  await trx('users').where({ id: user.id }).update({ password_hash: hash, password_changed_at: at, updated_at: at });
  await clearAttempts(trx, user.login); // a new password unlocks
  // A password change ends every session of that user, on every PC.
  await trx('sessions').where({ user_id: user.id }).whereNull('revoked_at').update({ revoked_at: at });
}

/** A password change, checked and hashed before its transaction (each costs ~0.5 s): see preparePasswordChange. */
export interface PasswordChange {
  /** The stored hash the old password was checked against: the write refuses if it changed since. */
  checked: string;
  newHash: string;
}

/** The caller's current password checked and the new one hashed, outside any transaction. */
export async function preparePasswordChange(db: Db, userId: string, oldPassword: string, newPassword: string): Promise<PasswordChange> {
  const user = await db('users').where({ id: userId }).first('password_hash');
  if (!user) throw INVALID();
  // A field error, not UNAUTHENTICATED: the caller is signed in, only this input is wrong.
  const [{ ok }, newHash] = await Promise.all([verifyPassword(oldPassword, user.password_hash), hashPassword(newPassword)]);
  if (!ok) throw WRONG_PASSWORD();
  return { checked: user.password_hash, newHash };
}
const WRONG_PASSWORD = () => validationFailed([{ path: 'oldPassword', code: 'wrongPassword', message: 'the current password is wrong' }]);

/** The caller's own password (`userId`: theirs), as prepared; audited, in the caller's transaction like every write. */
export async function changePassword(ctx: WriteContext, userId: string, change: PasswordChange): Promise<void> {
  const user = await ctx.trx('users').where({ id: userId }).first('login', 'password_hash');
  if (!user) throw INVALID();
  // Changed in between (another PC, a reset): the old password was checked against a hash that is gone.
  if (user.password_hash !== change.checked) throw WRONG_PASSWORD();
  await setPassword(ctx, { id: userId, login: user.login }, change.newHash);
  await appendAudit(ctx.trx, { userId, userLogin: user.login, action: 'password_change' }, ctx.now());
}

/** `newHash`: the new password hashed before the transaction (hashPassword). */
export async function resetPassword(ctx: WriteContext, by: Grantor, userId: string, newHash: string): Promise<void> {
  const user = await ctx.trx('users').where({ id: userId }).first('login', 'agent_scope');
  if (!user) throw new ApiError('NOT_FOUND', `user ${userId} does not exist`);
  await requireManageable(ctx.trx, by, { id: userId, login: user.login, agentScope: user.agent_scope }, 'resetting the password of');
  await setPassword(ctx, { id: userId, login: user.login }, newHash);
  await audit(ctx, { action: 'password_reset', target: user.login });
}

export interface StaffUserRow {
  id: string;
  login: string;
  name: string;
  active: boolean;
  roles: string[];
  agentScope: AgentScopeKind;
  assignedAgents: number;
  lockedUntil: number | null;
}

export async function listUsers(db: Db, ids?: string[]): Promise<StaffUserRow[]> {
  const users = await db('users as u')
    .leftJoin('sign_in_attempts as a', 'a.login', 'u.login')
    .modify((q) => ids && q.whereIn('u.id', ids))
    .orderBy('u.login')
    .select('u.id', 'u.login', 'u.name', 'u.active', 'u.agent_scope', 'a.locked_until');
  const roles: { user_id: string; code: string }[] = await db('user_roles as ur')
    .join('roles as r', 'r.id', 'ur.role_id')
    .modify((q) => ids && q.whereIn('ur.user_id', ids))
    .select('ur.user_id', 'r.code')
    .orderBy('r.code');
  const assigned = (await db('agents')
    .whereIn('cs_user_id', users.map((u: { id: string }) => u.id))
    .groupBy('cs_user_id')
    .select('cs_user_id')
    .count({ n: '*' })) as { cs_user_id: string; n: number }[];
  const assignedOf = new Map(assigned.map((a) => [a.cs_user_id, Number(a.n)]));
  return users.map((u: { id: string; login: string; name: string; active: number | boolean; agent_scope: AgentScopeKind; locked_until: number | null }) => ({
    id: u.id,
    login: u.login,
    name: u.name,
    active: !!u.active,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.code),
    agentScope: u.agent_scope,
    assignedAgents: assignedOf.get(u.id) ?? 0,
    lockedUntil: u.locked_until === null ? null : Number(u.locked_until),
  }));
}

export async function getUser(db: Db, id: string): Promise<StaffUserRow> {
  const [u] = await listUsers(db, [id]);
  if (!u) throw new ApiError('NOT_FOUND', `user ${id} does not exist`);
  return u;
}

/** Who is signed in and what they may do, as the renderer needs it. */
export async function sessionUser(db: Db, userId: string) {
  const u = await getUser(db, userId);
  return { id: u.id, login: u.login, name: u.name, permissions: [...(await userPermissions(db, userId))], agentScope: u.agentScope };
}

/** What a sign-in hands the transport: the user and the session token. */
export const sessionResult = async (db: Db, userId: string, token: string) => ({ user: await sessionUser(db, userId), token });

/** First start only: the owner account, as admin, and its first session, together; refused once any account exists. */
export async function setupOwner({ trx, now }: WriteContext, o: { login: string; name: string; password: string }) {
  if (await hasUsers(trx)) throw new ApiError('CONFLICT', 'the owner account already exists; sign in instead');
  await createUser(trx, { ...o, roles: ['admin'] }, now());
  const { token, userId } = await signIn(trx, { login: o.login, password: o.password, persistent: false }, now());
  return sessionResult(trx, userId, token);
}

async function activeAdmins(db: Db, exceptUserId: string): Promise<number> {
  const r = await db('users as u')
    .join('user_roles as ur', 'ur.user_id', 'u.id')
    .join('roles as r', 'r.id', 'ur.role_id')
    .where({ 'r.code': 'admin', 'u.active': true })
    .whereNot('u.id', exceptUserId)
    .countDistinct({ n: 'u.id' })
    .first();
  return Number(r?.n ?? 0);
}

/**
 * Rename, (de)activate, change roles; one active admin must always remain. Role changes are audited. Staff
 * edit only accounts that can do nothing they cannot, grant only what they hold, and never their own roles.
 */
export async function updateUser(
  ctx: WriteContext,
  by: Grantor,
  u: { id: string; name: string; active: boolean; roles: string[]; agentScope: AgentScopeKind },
): Promise<StaffUserRow> {
  const { trx } = ctx;
  const now = ctx.now();
  const before = await getUser(trx, u.id);
  const roles = await rolesByCode(trx, u.roles);
  const sameRoles = [...new Set(u.roles)].sort().join() === before.roles.join();
  if (!sameRoles || u.agentScope !== before.agentScope) requireNotSelf(by, u.id, `changing the account ${before.login}`);
  await requireManageable(trx, by, before, 'changing the account');
  requireHeld(by, roles.flatMap((r) => r.permissions), `giving ${before.login} the roles ${u.roles.join(', ')}`);
  requireScope(by, [u.agentScope], `changing the account ${before.login}`);
  const stillAdmin = u.active && u.roles.includes('admin');
  if (!stillAdmin && before.roles.includes('admin') && (await activeAdmins(trx, u.id)) === 0)
    throw new ApiError('CONFLICT', 'at least one active admin must remain', { field: 'roles' });
  await trx('users').where({ id: u.id }).update({ name: u.name, active: u.active, agent_scope: u.agentScope, updated_at: now });
  await trx('user_roles').where({ user_id: u.id }).delete();
  await trx('user_roles').insert(roles.map((r) => ({ user_id: u.id, role_id: r.id })));
  if (!u.active) await trx('sessions').where({ user_id: u.id }).whereNull('revoked_at').update({ revoked_at: now });
  const after = await getUser(trx, u.id);
  if (before.roles.join() !== after.roles.join() || before.active !== after.active || before.agentScope !== after.agentScope)
    await audit(ctx, {
      action: 'role_change',
      target: after.login,
      details: { from: before.roles, to: after.roles, active: after.active, agentScope: after.agentScope },
    });
  return after;
}
