import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, LOCK_MS, MAX_FAILED_ATTEMPTS, signIn } from '../../src-main/domain/accounts/users';
import { CLIENT_MAX_FAILURES, HASH_CONCURRENCY, HASH_QUEUE, hashSlots } from '../../src-main/domain/accounts/signInLimits';
import { openTempApp } from './helpers/tempApp';

// Replays of attacks on sign-in: parallel guesses past the lockout, LOCKED telling which logins exist, and
// a flood of anonymous attempts (each a 128 MiB scrypt) starving real sign-ins.

let app: Awaited<ReturnType<typeof openTempApp>>;
const db = () => app.env.db;
const RIGHT = 'kefu-pass-1';
beforeAll(async () => {
  app = await openTempApp();
  await createUser(db(), { login: 'kefu', name: '客服', password: RIGHT, roles: ['cs'] });
  await createUser(db(), { login: 'jingli', name: '经理', password: 'jingli-pass-1', roles: ['manager'] });
  await createUser(db(), { login: 'cangku', name: '仓库', password: 'cangku-pass-1', roles: ['warehouse'] });
});
afterAll(() => app.close());

const attempt = (login: string, password: string, now: number, client?: string) => signIn(db(), { login, password, persistent: false, client }, now);
const outcome = (p: Promise<unknown>): Promise<{ code: string; message?: string; details?: unknown }> =>
  p.then(
    () => ({ code: 'ok' }),
    (e: { code: string; message: string; details?: unknown }) => ({ code: e.code, message: e.message, details: e.details }),
  );
const failedChecks = async (login: string, at: number) =>
  Number((await db()('audit_log').where({ action: 'sign_in_failed', user_login: login, at }).count({ n: '*' }))[0].n);

describe('sign-in lockout', () => {
  it('holds against parallel attempts right after a lock expired: at most 5 passwords are checked, the right one is refused', async () => {
    const T0 = Date.parse('2026-11-25T02:00:00Z');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await outcome(attempt('kefu', 'wrong', T0 + i));
    expect((await outcome(attempt('kefu', RIGHT, T0 + 10))).code).toBe('LOCKED');

    // The lock is over; 24 attempts at once from 24 machines (so no per-client limit hides the lockout), the right one last.
    const after = T0 + MAX_FAILED_ATTEMPTS + LOCK_MS;
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => outcome(attempt('kefu', i === 23 ? RIGHT : `guess-${i}`, after, `bot-${i}`))));
    expect(await failedChecks('kefu', after)).toBe(MAX_FAILED_ATTEMPTS);
    expect(results.filter((r) => r.code === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILED_ATTEMPTS - 1);
    expect(results.filter((r) => r.code === 'LOCKED')).toHaveLength(24 - MAX_FAILED_ATTEMPTS + 1);
    expect(results[23].code).toBe('LOCKED');
    expect(await db()('audit_log').where({ action: 'sign_in', user_login: 'kefu' }).first('id')).toBeUndefined();
    expect(await db()('sessions').count({ n: '*' })).toEqual([{ n: 0 }]);
    // Once this lock is over, the right password works again.
    expect((await outcome(attempt('kefu', RIGHT, after + LOCK_MS))).code).toBe('ok');
  }, 120_000);

  it('locks an unknown login exactly like a known one, after one password check each time', async () => {
    const T1 = Date.parse('2026-11-26T02:00:00Z');
    const run = async (login: string) => {
      const started = hashSlots.started;
      const codes: { code: string; message?: string; details?: unknown }[] = [];
      for (let i = 0; i <= MAX_FAILED_ATTEMPTS; i++) codes.push(await outcome(attempt(login, 'wrong', T1 + i)));
      return { codes, hashes: hashSlots.started - started };
    };
    const known = await run('jingli');
    const unknown = await run('nobody-here');
    expect(unknown.codes).toEqual(known.codes);
    expect(known.codes.map((c) => c.code)).toEqual([...Array(MAX_FAILED_ATTEMPTS - 1).fill('UNAUTHENTICATED'), 'LOCKED', 'LOCKED']);
    expect(known.codes.at(-1)).toMatchObject({ message: 'too many failed attempts; try again shortly', details: { retryAfterMs: LOCK_MS - 1 } });
    // The same work for both: one scrypt per checked attempt, none while locked.
    expect(unknown.hashes).toBe(MAX_FAILED_ATTEMPTS);
    expect(known.hashes).toBe(MAX_FAILED_ATTEMPTS);
  }, 120_000);
});

describe('sign-in under a flood of anonymous attempts', () => {
  it('never runs more than a few password checks at once, refuses past the rate, and still lets a real sign-in from another client in', async () => {
    const now = Date.now();
    hashSlots.peak = 0;
    // One client fires 16 attempts at once for logins that do not exist, while a real user signs in elsewhere.
    const flood = Array.from({ length: 16 }, (_, i) => outcome(attempt(`ghost-${i}`, 'x', now, '10.0.0.66')));
    const real = outcome(attempt('cangku', 'cangku-pass-1', now, '10.0.0.7'));
    const results = await Promise.all(flood);
    expect((await real).code).toBe('ok');
    const refused = results.filter((r) => r.code === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThanOrEqual(16 - 2);
    expect(refused[0]).toMatchObject({ message: expect.stringMatching(/too many sign-in attempts .*; try again in \d+ s$/), details: { retryAfterMs: expect.any(Number) } });
    expect(hashSlots.peak).toBeLessThanOrEqual(HASH_CONCURRENCY);

    // One after the other, the same client gets at most CLIENT_MAX_FAILURES failures a minute, then RATE_LIMITED.
    const codes: string[] = [];
    for (let i = 0; i < CLIENT_MAX_FAILURES; i++) codes.push((await outcome(attempt(`ghost-seq-${i}`, 'x', now, '10.0.0.66'))).code);
    const first = codes.indexOf('RATE_LIMITED');
    expect(first).toBeGreaterThan(0);
    expect(codes.slice(first).every((c) => c === 'RATE_LIMITED')).toBe(true);
    expect(results.filter((r) => r.code === 'UNAUTHENTICATED').length + first).toBe(CLIENT_MAX_FAILURES);
    expect((await outcome(attempt('cangku', 'cangku-pass-1', now, '10.0.0.7'))).code).toBe('ok');
  }, 120_000);

  it('bounds the hashing queue across many clients: beyond it attempts are refused at once, not queued', async () => {
    hashSlots.peak = 0;
    const now = Date.now();
    const n = HASH_CONCURRENCY + HASH_QUEUE + 3;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => outcome(attempt(`wraith-${i}`, 'x', now, `10.1.0.${i}`))));
    expect(hashSlots.peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(results.filter((r) => r.code === 'RATE_LIMITED')).toHaveLength(3);
    expect(results.filter((r) => r.code === 'UNAUTHENTICATED')).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
    // A refused attempt was never checked, so it is no failure for its login.
    const refusedLogin = `wraith-${results.findIndex((r) => r.code === 'RATE_LIMITED')}`;
    expect(await db()('sign_in_attempts').where({ login: refusedLogin }).first('failures')).toEqual({ failures: 0 });
  }, 120_000);
});
