import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@contract';
import { startHttpServer } from '../../src-main/http/server';
import { createUser } from '../../src-main/domain/accounts/users';
import { openHandmadeApp, tempDir } from './helpers/tempApp';

// Jobs belong to the session that started them: a system.view user saw the admin's job ids and progress on
// the event stream and cancelled the admin's job; the stream also went on after sign-out. Over real HTTP.

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
let server: http.Server;
let base: string;
const JSON_H = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };

async function signIn(login: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/call/auth.signIn`, { method: 'POST', headers: JSON_H, body: JSON.stringify({ login, password }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0];
}

async function post(cookie: string, method: string, input: unknown) {
  const r = await fetch(`${base}/api/call/${method}`, { method: 'POST', headers: { ...JSON_H, Cookie: cookie }, body: JSON.stringify(input) });
  return (await r.json()) as { ok: boolean; data?: unknown; error?: { code: string } };
}

/** An open /api/events stream: the events it got, a wait for one, and whether the server ended it. */
async function eventStream(cookie: string) {
  const res = await fetch(`${base}/api/events`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const events: ProgressEvent[] = [];
  const waiting: { pred: (e: ProgressEvent) => boolean; resolve: (e: ProgressEvent) => void }[] = [];
  const reader = res.body!.getReader();
  const ended = (async () => {
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return true;
      buf += dec.decode(value, { stream: true });
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines.filter((x) => x.startsWith('data: '))) {
        const e = JSON.parse(l.slice(6)) as ProgressEvent;
        events.push(e);
        for (const w of waiting.filter((x) => x.pred(e))) (waiting.splice(waiting.indexOf(w), 1), w.resolve(e));
      }
    }
  })();
  const next = (pred: (e: ProgressEvent) => boolean) => new Promise<ProgressEvent>((resolve) => waiting.push({ pred, resolve }));
  return { events, next, ended, close: () => reader.cancel() };
}

let admin: string;
let manager: string;
beforeAll(async () => {
  app = await openHandmadeApp();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = await startHttpServer(app, { port: 0, rendererDir, eventStreamCheckMs: 20 });
  server = s.server;
  base = s.url.replace(/\/$/, '');
  await createUser(app.env.db, { login: 'boss', name: '老板', password: 'boss-pass-1', roles: ['admin'] });
  await createUser(app.env.db, { login: 'jingli', name: '经理', password: 'jingli-pass-1', roles: ['manager'] });
  admin = await signIn('boss', 'boss-pass-1');
  manager = await signIn('jingli', 'jingli-pass-1');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.close();
});

const RANKING = { from: '2026-03-01', to: '2026-03-08' };

describe('jobs belong to the session that started them', () => {
  it("sends a job's progress only to its own session's event stream", async () => {
    const mine = await eventStream(admin);
    const theirs = await eventStream(manager);
    expect((await post(admin, 'reports.exportRanking', { ...RANKING, jobId: 'admin-export' })).ok).toBe(true);
    // The manager's own job is the barrier: events arrive in order, so the admin's would have come first.
    const barrier = theirs.next((e) => e.jobId === 'manager-export' && e.phase === 'done');
    expect((await post(manager, 'reports.exportRanking', { ...RANKING, jobId: 'manager-export' })).ok).toBe(true);
    await barrier;
    expect(new Set(theirs.events.map((e) => e.jobId))).toEqual(new Set(['manager-export']));
    expect(mine.events.some((e) => e.jobId === 'admin-export' && e.phase === 'done')).toBe(true);
    expect(mine.events.some((e) => e.jobId === 'manager-export')).toBe(false);
    await mine.close();
    await theirs.close();
  });

  it('sends data.changed, ids and table names only, to every signed-in session once the write committed', async () => {
    const mine = await eventStream(admin);
    const theirs = await eventStream(manager);
    const isChange = (e: unknown) => (e as { type: string }).type === 'data.changed';
    const got = [mine.next(isChange), theirs.next(isChange)];
    expect((await post(admin, 'analytics.rebuild', { jobId: 'admin-rebuild' })).ok).toBe(true);
    const expected = { type: 'data.changed', tables: ['agent_day_stats', 'agent_sku_days', 'product_agent_days', 'product_day_stats', 'rollup_changes'], agentIds: ['*'] };
    expect(await Promise.all(got)).toEqual([expected, expected]);
    // The job's progress still went to the admin's session only.
    expect(theirs.events.some((e) => e.jobId === 'admin-rebuild')).toBe(false);
    expect(mine.events.some((e) => e.jobId === 'admin-rebuild')).toBe(true);
    // Nobody signed out gets a stream at all.
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    await mine.close();
    await theirs.close();
  });

  it('a scoped clerk\'s data.changed names only agents assigned to them; others see every id', async () => {
    const kefuId = await createUser(app.env.db, { login: 'kefu', name: '客服', password: 'kefu-pass-1', roles: ['cs'], agentScope: 'assigned' });
    const kefu = await signIn('kefu', 'kefu-pass-1');
    const [a, b] = (await app.env.db('agents').orderBy('id').limit(2).pluck('id')) as string[];
    const isAssign = (e: unknown) => (e as { type: string; tables: string[] }).type === 'data.changed' && (e as { tables: string[] }).tables.includes('agents');
    const assign = async (agentIds: string[], csUserId: string | null) => {
      const mine = await eventStream(admin);
      const theirs = await eventStream(kefu);
      const got = Promise.all([mine.next(isAssign), theirs.next(isAssign)]);
      expect((await post(admin, 'agents.assign', { agentIds, csUserId })).ok).toBe(true);
      const [m, t] = (await got) as unknown as { agentIds: string[] }[];
      await mine.close();
      await theirs.close();
      return [m.agentIds, t.agentIds];
    };
    // Both given to the clerk: the clerk learns of both.
    expect(await assign([a, b], kefuId)).toEqual([[a, b].sort(), [a, b].sort()]);
    // One taken away again: the admin hears of it, the clerk no longer of that agent (its list still refreshes).
    expect(await assign([b], null)).toEqual([[b], []]);
    expect(await assign([a, b], null)).toEqual([[a, b].sort(), []]);
  });

  it("lets nobody but the owner (or an admin) cancel a job: another user's cancel answers like an unknown job", async () => {
    // Somebody signing in (kefu, from the test above) must not make the others' sessions forgotten: a cancel
    // would then wait for the database, i.e. for the very load it cancels.
    await signIn('kefu', 'kefu-pass-1');
    const mine = await eventStream(admin);
    const started = mine.next((e) => e.jobId === 'admin-demo' && e.phase === 'orders');
    const load = post(admin, 'system.loadDemo', { agents: 300, orders: 200_000, seed: 4, until: '2026-06-30', jobId: 'admin-demo' });
    await started;
    // Answered from the remembered session while the load holds the database.
    expect(await post(manager, 'jobs.cancel', { jobId: 'admin-demo' })).toEqual({ ok: true, data: { cancelled: false } });
    expect(await post(manager, 'jobs.cancel', { jobId: 'no-such-job' })).toEqual({ ok: true, data: { cancelled: false } });
    // Still running after that: its owner stops it.
    expect(await post(admin, 'jobs.cancel', { jobId: 'admin-demo' })).toEqual({ ok: true, data: { cancelled: true } });
    expect(await load).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await mine.close();
  }, 60_000);

  it('remembers an early cancel only for the user who sent it', async () => {
    expect(await post(manager, 'jobs.cancel', { jobId: 'early-export' })).toEqual({ ok: true, data: { cancelled: false } });
    expect((await post(admin, 'reports.exportRanking', { ...RANKING, jobId: 'early-export' })).ok).toBe(true);
    expect(await post(admin, 'jobs.cancel', { jobId: 'own-early-export' })).toEqual({ ok: true, data: { cancelled: false } });
    expect(await post(admin, 'reports.exportRanking', { ...RANKING, jobId: 'own-early-export' })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('the event stream ends with its session', () => {
  it('on sign-out', async () => {
    const cookie = await signIn('jingli', 'jingli-pass-1');
    const stream = await eventStream(cookie);
    expect((await post(cookie, 'auth.signOut', {})).ok).toBe(true);
    expect(await stream.ended).toBe(true);
    expect((await fetch(`${base}/api/events`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('on a password change, in every session of that user', async () => {
    const one = await signIn('jingli', 'jingli-pass-1');
    const other = await eventStream(await signIn('jingli', 'jingli-pass-1'));
    expect((await post(one, 'auth.changePassword', { oldPassword: 'jingli-pass-1', newPassword: 'jingli-pass-2' })).ok).toBe(true);
    expect(await other.ended).toBe(true);
  });

  it('when the session idles out', async () => {
    const cookie = await signIn('jingli', 'jingli-pass-2');
    const stream = await eventStream(cookie);
    const idleMs = 60 * 60_000;
    // As if the last call was long ago: the stream's own checks must not count as activity.
    const jingli = app.env.db('users').where({ login: 'jingli' }).select('id');
    await app.env.db('sessions').whereIn('user_id', jingli).whereNull('revoked_at').update({ last_seen_at: Date.now() - 100 * idleMs });
    expect(await stream.ended).toBe(true);
  });
});
