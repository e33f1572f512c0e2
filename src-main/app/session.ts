// Sessions on the transports that have them (web mode: a cookie; Electron: the window's main process).
import type { Reply } from '@contract';
import { resolveSession } from '../domain/accounts/users';
import { getSetting } from '../domain/system/settings';
import { scopeOfUser } from '../domain/common/scope';
import type { Env } from './env';
import type { Caller } from './router';

/**
 * Resolved sessions, for a few seconds: a call must not wait for the database just to learn who is calling
 * (a cancel request arrives while an export holds the connection). Cleared whenever accounts change.
 */
const recent = new Map<string, { caller: Caller; until: number }>();
const RECENT_MS = 5_000;
/** Told whenever sessions may have ended (sign-out, password or role change, restore): open event streams re-check theirs. */
const watchers = new Set<() => void>();
export const forgetSessions = () => {
  recent.clear();
  for (const fn of watchers) fn();
};
export function onSessionsChanged(fn: () => void): () => void {
  watchers.add(fn);
  return () => watchers.delete(fn);
}

/**
 * Answered from a remembered session of any age (until accounts change): a long job holds the only database
 * connection until it ends, and its cancel must not wait for it. Cancelling can do no harm.
 */
const ANSWERED_WHILE_BUSY = new Set(['jobs.cancel']);

/** The caller behind a session token: nobody (no permissions) when it is missing, unknown or idle too long. */
export async function callerFromSession(env: Env, transport: Caller['transport'], token: string | undefined, method?: string): Promise<Caller> {
  const anonymous: Caller = { transport, permissions: new Set() };
  if (!token) return anonymous;
  const hit = recent.get(token);
  const fresh = hit && (hit.until > Date.now() || (method !== undefined && ANSWERED_WHILE_BUSY.has(method)));
  if (hit && fresh && hit.caller.transport === transport) return hit.caller;
  const idleMs = (await getSetting(env.db, 'sessionIdleMinutes')) * 60_000;
  const s = await resolveSession(env.db, token, idleMs);
  if (!s) return anonymous;
  const caller: Caller = {
    transport,
    permissions: s.permissions,
    user: { id: s.userId, login: s.login },
    sessionToken: token,
    scope: scopeOfUser(s.userId, s.agentScope),
  };
  if (recent.size > 1000) recent.clear();
  recent.set(token, { caller, until: Date.now() + RECENT_MS });
  return caller;
}

/**
 * Methods after which a cached session may be wrong: sign-out, password and role changes, data wipes, restores,
 * idle time. Not a sign-in or a read: forgetting every session then would make an owner's jobs.cancel wait for
 * the very job it cancels whenever somebody else had just signed in.
 */
const CHANGES_ACCOUNTS =
  /^auth\.(signOut|changePassword|setupOwner)$|^users\.(create|update|resetPassword)$|^roles\.(save|delete)$|^system\.(startEmpty|loadDemo)$|^backup\.restore$|^settings\.update$/;

export type SessionChange = { set: { token: string; persistent: boolean } } | { clear: true } | null;

/**
 * What a reply does to the transport's session: sign-in methods hand over a token, which the transport
 * keeps and takes out of the reply (the page never sees it); sign-out drops it.
 */
export function takeSession(method: string, input: unknown, reply: Reply<unknown>): { reply: Reply<unknown>; change: SessionChange } {
  if (CHANGES_ACCOUNTS.test(method)) forgetSessions();
  if (!reply.ok) return { reply, change: method === 'auth.signOut' && reply.error.code === 'UNAUTHENTICATED' ? { clear: true } : null };
  if (method === 'auth.signIn' || method === 'auth.setupOwner') {
    const { token, ...rest } = reply.data as { token: string };
    const persistent = !!(input as { persistent?: boolean } | null)?.persistent;
    return { reply: { ok: true, data: { ...rest, token: '' } }, change: { set: { token, persistent } } };
  }
  // A restore ended every session (db/restore.ts), this one's too.
  if (method === 'auth.signOut' || method === 'auth.changePassword' || method === 'backup.restore') return { reply, change: { clear: true } };
  return { reply, change: null };
}

/** Whether a session still stands (not signed out or revoked, not idle too long), without counting as activity. */
export async function sessionStands(env: Env, token: string): Promise<boolean> {
  const idleMs = (await getSetting(env.db, 'sessionIdleMinutes')) * 60_000;
  return (await resolveSession(env.db, token, idleMs, Date.now(), false)) !== null;
}
