import type http from 'node:http';
import type { Env } from '../app/env';
import { EventBus } from '../app/events';
import type { Caller } from '../app/router';
import { onSessionsChanged, sessionStands } from '../app/session';
import { deliverTo } from '../app/eventsForSession';

/** How often an open stream pings (keeps proxies from closing it) and checks that its session still stands. */
export const EVENT_STREAM_CHECK_MS = 15_000;

/**
 * GET /api/events for a signed-in caller: Server-Sent Events of the jobs this session started, nobody
 * else's. The stream ends with its session: at once after a sign-out or password change (any account
 * change makes every stream re-check), and within a check interval once the session idled out.
 */
export function openEventStream(env: Env, caller: Caller, req: http.IncomingMessage, res: http.ServerResponse, checkMs = EVENT_STREAM_CHECK_MS): void {
  const token = caller.sessionToken;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const deliver = deliverTo(env, token, (e) => !closed && res.write(`data: ${JSON.stringify(e)}\n\n`));
  const off = env.events.on((e, to) => {
    if (EventBus.isFor(to, token)) deliver(e);
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    off();
    offSessions();
    clearInterval(ping);
    res.end();
  };
  const check = () =>
    void (token ? sessionStands(env, token) : Promise.resolve(false)).then(
      (stands) => stands || close(),
      () => close(),
    );
  const offSessions = onSessionsChanged(check);
  const ping = setInterval(() => {
    res.write(': ping\n\n');
    check();
  }, checkMs);
  req.on('close', close);
}
