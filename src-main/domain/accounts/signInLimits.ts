// Sign-in under load: every attempt runs scrypt (128 MiB, about half a second), so attempts without any
// account could starve real ones (16 parallel attempts made a real sign-in wait 45 s). Hashing runs at most
// HASH_CONCURRENCY at a time with a short queue, and each client (web mode: its remote address) may have
// few attempts in flight and few failures a minute. Beyond that: RATE_LIMITED, answered before hashing.
import { ApiError } from '@contract';
import { Semaphore } from '../common/semaphore';

export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE = 8;
export const CLIENT_MAX_IN_FLIGHT = 2;
export const CLIENT_MAX_FAILURES = 10;
export const CLIENT_WINDOW_MS = 60_000;

/** The password checks of sign-ins. */
export const hashSlots = new Semaphore(HASH_CONCURRENCY, HASH_QUEUE);

export const rateLimited = (retryAfterMs: number, why: string) => {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError('RATE_LIMITED', `too many sign-in attempts ${why}; try again in ${s} s`, { retryAfterMs: s * 1000 });
};

/** Run a password check in a hashing slot, or RATE_LIMITED when too many are already waiting. */
export function inHashSlot<T>(task: () => Promise<T>): Promise<T> {
  return hashSlots.tryRun(task) ?? Promise.reject(rateLimited(1000, 'at once'));
}

interface ClientState {
  inFlight: number;
  /** When each failed attempt of the window started (attempts still in flight count until they succeed). */
  failures: number[];
}
const clients = new Map<string, ClientState>();

/**
 * Admit one attempt from `client`, or RATE_LIMITED. The returned `done(ok)` ends it; a success takes its
 * attempt back out of the failures.
 */
export function admitClient(client: string, now: number): { done(ok: boolean): void } {
  if (clients.size > 10_000) for (const [k, c] of clients) if (!c.inFlight && !c.failures.some((t) => t > now - CLIENT_WINDOW_MS)) clients.delete(k);
  const c = clients.get(client) ?? { inFlight: 0, failures: [] };
  c.failures = c.failures.filter((t) => t > now - CLIENT_WINDOW_MS);
  if (c.inFlight >= CLIENT_MAX_IN_FLIGHT) throw rateLimited(1000, 'at once from this client');
  if (c.failures.length >= CLIENT_MAX_FAILURES) throw rateLimited(c.failures[0] + CLIENT_WINDOW_MS - now, 'from this client');
  c.inFlight++;
  c.failures.push(now);
  clients.set(client, c);
  return {
    done(ok) {
      c.inFlight--;
      const i = c.failures.indexOf(now);
      if (ok && i >= 0) c.failures.splice(i, 1);
    },
  };
}
