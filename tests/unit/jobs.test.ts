import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@contract';
import { localCaller } from '../../src-main/app/open';
import { call, openTempApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => (app = await openTempApp()));
afterAll(() => app.close());

describe('long jobs through the router', () => {
  it('loads demo data with progress events for its job id', async () => {
    const events: ProgressEvent[] = [];
    const off = app.env.events.on((e) => e.type === 'progress' && events.push(e));
    const r = await call(app, 'system.loadDemo', { agents: 200, orders: 60_000, seed: 3, until: '2026-06-30', jobId: 'demo-job-1' });
    off();
    expect(r).toMatchObject({ agents: 200, lines: 60_000 });
    expect(new Set(events.map((e) => e.jobId))).toEqual(new Set(['demo-job-1']));
    expect(events.map((e) => e.phase)).toContain('orders');
    expect((await call(app, 'system.info', {})).demoLoaded).toBe(true);
  });

  it('cancels a running demo load from another call; the previous data stays', async () => {
    const before = await call(app, 'system.info', {});
    let cancelled: Promise<unknown> | undefined;
    const off = app.env.events.on((e) => {
      // Cancel as a second caller would: through the router, while the load yields between days.
      if (e.type === 'progress' && e.phase === 'orders' && !cancelled) cancelled = app.router.call('jobs.cancel', { jobId: 'demo-job-2' }, localCaller('test'));
    });
    const reply = await app.router.call('system.loadDemo', { agents: 300, orders: 200_000, seed: 4, jobId: 'demo-job-2' }, localCaller('test'));
    off();
    expect(await cancelled).toEqual({ ok: true, data: { cancelled: true } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await call(app, 'system.info', {})).counts).toEqual(before.counts);
  });

  it('by default ends the demo history yesterday: no order lies in the future', async () => {
    await call(app, 'system.loadDemo', { agents: 50, orders: 2_000, seed: 9 });
    const { last } = (await app.env.db('orders').max({ last: 'placed_at' }).first()) as { last: number };
    expect(last).toBeLessThan(Date.now());
  });

  it('answers cancelled: false for a job that is not running', async () => {
    expect(await call(app, 'jobs.cancel', { jobId: 'no-such-job' })).toEqual({ cancelled: false });
  });

  it('stops a job whose cancel arrived before the job itself started', async () => {
    const before = await call(app, 'system.info', {});
    await call(app, 'jobs.cancel', { jobId: 'demo-job-3' }); // overtook the call that starts it
    const reply = await app.router.call('system.loadDemo', { agents: 100, orders: 5_000, seed: 6, jobId: 'demo-job-3' }, localCaller('test'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await call(app, 'system.info', {})).counts).toEqual(before.counts);
    // Remembered once: the same id runs normally next time.
    expect(await app.router.call('system.loadDemo', { agents: 20, orders: 500, seed: 6, jobId: 'demo-job-3' }, localCaller('test'))).toMatchObject({ ok: true });
  });
});
