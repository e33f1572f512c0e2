// What one session may see of an event (accounts issue: scoped staff never learn of agents outside their scope).
import type { AppEvent } from '@contract';
import { resolveSession } from '../domain/accounts/users';
import { scopeOfUser, type AgentScope } from '../domain/common/scope';
import { getSetting } from '../domain/system/settings';
import type { Env } from './env';

/** The session's agent scope, looked up without counting as activity (an event is not a call); null: it ended. */
async function sessionScope(env: Env, token: string): Promise<AgentScope | null> {
  const idleMs = (await getSetting(env.db, 'sessionIdleMinutes')) * 60_000;
  const s = await resolveSession(env.db, token, idleMs, Date.now(), false);
  return s ? scopeOfUser(s.userId, s.agentScope) : null;
}

/**
 * The event as session `token` gets it: a data.changed naming agents keeps, for a scoped clerk, only the ids of
 * agents assigned to them (the table names stay, so their lists still refresh); null when the session ended.
 * Everything else goes as it is: progress events are already only for the session that started the job.
 */
export async function eventForSession(env: Env, token: string, e: AppEvent): Promise<AppEvent | null> {
  if (e.type !== 'data.changed' || e.agentIds.length === 0 || e.agentIds.includes('*')) return e;
  const scope = await sessionScope(env, token);
  if (!scope) return null;
  if (!('csUserId' in scope)) return e;
  const own: string[] = await env.db('agents').whereIn('id', e.agentIds).where('cs_user_id', scope.csUserId).orderBy('id').pluck('id');
  return { ...e, agentIds: own };
}

/**
 * Deliver the events for session `token` through `send`, each as that session may see it. Progress events go at
 * once, in order; a data.changed that needs a look-up follows it.
 */
export function deliverTo(env: Env, token: string | undefined, send: (e: AppEvent) => void): (e: AppEvent) => void {
  return (e) => {
    if (!token) return;
    if (e.type !== 'data.changed') return send(e);
    void eventForSession(env, token, e).then(
      (x) => x && send(x),
      () => undefined, // the database went away (closing): nothing to tell
    );
  };
}
