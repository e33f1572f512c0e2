import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, ERROR_CODES, METHOD_NAMES, PERMISSIONS } from '@contract';
import { handlers } from '../../src-main/app/handlers';
import { localCaller } from '../../src-main/app/open';
import { openTempApp } from './helpers/tempApp';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => (app = await openTempApp()));
afterAll(() => app.close());

describe('contract', () => {
  it('gives every method a handler, a known permission, known error codes and a summary', () => {
    for (const m of METHOD_NAMES) {
      const def = contract[m];
      const h = handlers[m] as unknown;
      // A handler, or a write whose slow step is prepared before its transaction (PreparedWrite).
      expect(typeof h === 'function' || (def.mutates === true && typeof (h as { prepare?: unknown }).prepare === 'function'), m).toBe(true);
      expect([...PERMISSIONS, 'public', 'signedIn'], m).toContain(def.permission);
      for (const c of def.errors) expect(ERROR_CODES, m).toContain(c);
      expect(def.summary.length, m).toBeGreaterThan(5);
    }
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });
});

describe('router', () => {
  const caller = localCaller('test');

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await app.router.call('nope.nothing', {}, caller)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('validates input with zod and names the failing field', async () => {
    const r = await app.router.call('products.list', { page: 0, pageSize: 'ten' }, caller);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    const paths = (r.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['page', 'pageSize']));
  });

  it('refuses a caller without the method permission with FORBIDDEN, before validating', async () => {
    const r = await app.router.call('products.create', { junk: true }, { transport: 'test', permissions: new Set(['catalog.view']), user: { id: 'u1', login: 'kefu' }, scope: ALL_AGENTS });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { permission: 'catalog.edit' } } });
  });

  it('returns NOT_FOUND for a missing row', async () => {
    expect(await app.router.call('products.get', { id: 'no-such-id' }, caller)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('turns an unexpected exception into INTERNAL without leaking a stack', async () => {
    const logged: unknown[] = [];
    const { createRouter } = await import('../../src-main/app/router');
    const broken = createRouter({ ...handlers, 'levels.list': async () => { throw new Error('disk on fire'); } }, app.env, (e) => logged.push(e));
    const r = await broken.call('levels.list', {}, caller);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(logged).toHaveLength(1);
  });

  it('strips fields a handler returns beyond the output schema', async () => {
    const { createRouter } = await import('../../src-main/app/router');
    const leaky = createRouter(
      { ...handlers, 'levels.list': async () => [{ id: 'x', code: 'L1', name: 'n', rank: 1, secret: 'cost' }] as never },
      app.env,
    );
    const r = await leaky.call('levels.list', {}, caller);
    expect(r).toEqual({ ok: true, data: [{ id: 'x', code: 'L1', name: 'n', rank: 1 }] });
  });
});
