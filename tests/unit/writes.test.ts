// The write path (architecture.md): the router runs a `mutates` method in one transaction, so a write and its
// audit entry commit together or not at all; a method that writes outside one says why (ownTransaction); a
// caller without a data scope gets an error from every method that consults it, never every agent's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type ErrorCode, type Input, type MethodName, type Reply } from '@contract';
import { createRouter, type Caller, type Handlers, type WriteFn } from '../../src-main/app/router';
import { handlers } from '../../src-main/app/handlers';
import { callerFromSession } from '../../src-main/app/session';
import { rawConnection } from '../../src-main/db/open';
import { call, openHandmadeApp } from './helpers/tempApp';

type App = Awaited<ReturnType<typeof openHandmadeApp>>;

/** Rows changed on the app's only connection since it opened (rolled-back statements count too). */
const changes = (app: App) => rawConnection(app.env.db, (c) => Number(c.prepare('SELECT total_changes()').pluck().get()));
const auditCount = async (app: App) => Number((await app.env.db('audit_log').count({ n: '*' }).first())!.n);
const anonymous: Caller = { transport: 'test', permissions: new Set() };
const PERIOD = { from: '2026-03-01', to: '2026-03-08' };
const PASSWORD = 'owner-pass-1';

/** A hand-made dataset, an owner signed in through the API, and what the samples below refer to. */
async function seeded() {
  const app = await openHandmadeApp();
  const owner = await app.router.call('auth.setupOwner', { login: 'owner', name: '老板', password: PASSWORD }, anonymous);
  if (!owner.ok) throw new Error(owner.error.message);
  const admin = await callerFromSession(app.env, 'test', (owner.data as { token: string }).token);
  const as = async <M extends MethodName>(m: M, input: Input<M>) => {
    const r = await app.router.call(m, input, admin);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.data as never;
  };
  const db = app.env.db;
  const s = {
    app,
    admin,
    kefu: (await as('users.create', { login: 'kefu', name: '客服', password: 'kefu-pass-1', roles: ['cs'], agentScope: 'assigned' })) as { id: string },
    role: (await as('roles.save', { name: '临时角色', permissions: ['system.view'] })) as { id: string },
    backups: [(await as('backup.create', {})) as { name: string }, (await as('backup.create', {})) as { name: string }],
    exported: (await as('reports.exportRanking', { ...PERIOD, jobId: 'seed-export' })) as { fileName: string },
    product: await db('products').orderBy('sku').first('id', 'updated_at'),
    agent: await db('agents').orderBy('code').first('id'),
    order: await db('orders').orderBy('order_no').first('id'),
  };
  return s;
}
type Seeded = Awaited<ReturnType<typeof seeded>>;

const csv = (text: string) => ({ name: 'products.csv', dataBase64: Buffer.from(text).toString('base64') });

/**
 * One call of every method, in an order that keeps the data the later ones need (the bulk and destructive ones
 * last); `expect` is the error code when success is not possible here. A new method fails to compile (and the
 * first test fails) until it has a sample, so its writes are checked too.
 */
const SAMPLES: { [M in MethodName]: { input: (s: Seeded) => Input<M>; expect?: ErrorCode; anonymous?: true } } = {
  'auth.status': { input: () => ({}) },
  'auth.setupOwner': { input: () => ({ login: 'owner2', name: '又一个', password: PASSWORD }), anonymous: true, expect: 'CONFLICT' },
  'auth.signIn': { input: () => ({ login: 'owner', password: PASSWORD }) },
  'users.list': { input: () => ({}) },
  'users.create': { input: () => ({ login: 'jingli', name: '经理', password: 'jingli-pass-1', roles: ['manager'] }) },
  'users.update': { input: (s) => ({ id: s.kefu.id, name: '客服小美', active: true, roles: ['cs'], agentScope: 'assigned' }) },
  'users.resetPassword': { input: (s) => ({ id: s.kefu.id, password: 'kefu-pass-2' }) },
  'roles.list': { input: () => ({}) },
  'roles.save': { input: () => ({ name: '只读', permissions: ['system.view', 'catalog.view'] }) },
  'roles.delete': { input: (s) => ({ id: s.role.id, confirm: true }) },
  'agents.list': { input: () => ({}) },
  'agents.assign': { input: (s) => ({ agentIds: [s.agent.id], csUserId: s.kefu.id }) },
  'audit.list': { input: () => ({}) },
  'audit.export': { input: () => ({ jobId: 'audit-export' }) },
  'levels.list': { input: () => ({}) },
  'products.list': { input: () => ({}) },
  'products.get': { input: (s) => ({ id: s.product.id }) },
  'products.categories': { input: () => ({}) },
  'products.create': { input: () => ({ sku: 'W-100', name: '新茶', category: '食品', retailPriceFen: 1000, minRetailPriceFen: 900 }) },
  'products.update': {
    input: (s) => ({ id: s.product.id, expectedUpdatedAt: Number(s.product.updated_at), sku: 'F-001', name: '燕麦片', category: '食品', retailPriceFen: 4100, minRetailPriceFen: 4000 }),
  },
  'products.import': { input: () => ({ jobId: 'import-1', file: csv('SKU编码,商品名称,类目,建议零售价（元）,控价（元）\nW-200,导入茶,食品,12,10\n') }) },
  'products.importTemplate': { input: () => ({}) },
  'orders.list': { input: () => ({}) },
  'orders.get': { input: (s) => ({ id: s.order.id }) },
  'pii.reveal': { input: (s) => ({ entity: 'agent', id: s.agent.id, field: 'name' }) },
  'reports.ranking': { input: () => PERIOD },
  'reports.exportRanking': { input: () => ({ ...PERIOD, jobId: 'ranking-export' }) },
  'reports.productRanking': { input: () => PERIOD },
  'reports.exportStatement': { input: (s) => ({ agentId: s.agent.id, month: PERIOD.from.slice(0, 7), jobId: 'statement-export' }) },
  'reports.exportDormant': { input: () => ({ asOf: PERIOD.from, jobId: 'dormant-export' }) },
  'reports.exportStockPiling': { input: () => ({ asOf: PERIOD.from, jobId: 'stock-piling-export' }) },
  'reports.exportProductSales': { input: () => ({ ...PERIOD, jobId: 'product-sales-export' }) },
  'reportSetups.list': { input: () => ({}) },
  'reportSetups.save': { input: () => ({ id: 'setup-sample-1', name: '月度前 100', spec: { metric: 'frequency', period: { kind: 'preset', preset: 'last-30-days' }, columns: ['orders', 'amount'] } }) },
  'reportSetups.delete': { input: () => ({ id: 'setup-sample-1', confirm: true }) },
  'agents.metrics': { input: (s) => ({ agentId: s.agent.id, ...PERIOD }) },
  'analytics.dashboard': { input: () => PERIOD },
  'system.info': { input: () => ({}) },
  'system.dismissDemoNotice': { input: () => ({}) },
  'jobs.cancel': { input: () => ({ jobId: 'no-such-job' }) },
  'files.saveAs': { input: (s) => ({ fileName: s.exported.fileName }), expect: 'UNSUPPORTED' },
  'backup.create': { input: () => ({}) },
  'backup.list': { input: () => ({}) },
  'backup.delete': { input: (s) => ({ name: s.backups[0].name, confirm: true }) },
  'settings.get': { input: () => ({}) },
  'settings.update': { input: () => ({ sessionIdleMinutes: 45 }) },
  'auth.changePassword': { input: () => ({ oldPassword: PASSWORD, newPassword: 'owner-pass-2' }) },
  'auth.signOut': { input: () => ({}) },
  'system.loadDemo': { input: () => ({ agents: 5, orders: 40, seed: 3, until: '2026-03-09' }) },
  'backup.restore': { input: (s) => ({ name: s.backups[1].name, confirm: true }) },
  'analytics.rebuild': { input: () => ({ jobId: 'analytics-rebuild' }) },
  'system.startEmpty': { input: () => ({ confirm: true }) },
};

/** Runs every sample as `caller(s)`; per method: its reply and how many rows the call changed. */
async function runAll(s: Seeded, caller: (s: Seeded) => Caller, before?: (m: MethodName) => void) {
  const out = new Map<MethodName, { reply: Reply<unknown>; changed: number }>();
  for (const m of Object.keys(SAMPLES) as MethodName[]) {
    const sample = SAMPLES[m];
    before?.(m);
    const start = await changes(s.app);
    const reply = await s.app.router.call(m, sample.input(s), sample.anonymous ? anonymous : caller(s));
    out.set(m, { reply, changed: (await changes(s.app)) - start });
  }
  return out;
}

describe('every method that writes is marked', () => {
  let s: Seeded;
  let results: Awaited<ReturnType<typeof runAll>>;
  beforeAll(async () => {
    s = await seeded();
    results = await runAll(s, (x) => x.admin);
  }, 120_000);
  afterAll(() => s.app.close());

  it('has a sample for every method, and each sample ran as expected', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) {
      const { reply } = results.get(m)!;
      const want = SAMPLES[m].expect;
      expect(reply.ok ? 'ok' : reply.error.code, `${m}: ${reply.ok ? '' : reply.error.message}`).toBe(want ?? 'ok');
    }
  });

  it('writes only in methods marked mutates or ownTransaction (with a reason), never both', () => {
    const unmarked = METHOD_NAMES.filter((m) => results.get(m)!.changed > 0 && !contract[m].mutates && !contract[m].ownTransaction);
    expect(unmarked).toEqual([]);
    for (const m of METHOD_NAMES) {
      const def: { mutates?: true; ownTransaction?: string } = contract[m];
      expect(def.mutates && def.ownTransaction, m).toBeFalsy();
      if (def.ownTransaction !== undefined) expect(def.ownTransaction.length, m).toBeGreaterThan(20);
    }
    // The detection works: these write for sure.
    for (const m of ['settings.update', 'agents.assign', 'system.loadDemo', 'auth.signIn'] as const) expect(results.get(m)!.changed, m).toBeGreaterThan(0);
  });
});

describe('a caller without a scope', () => {
  it('gets an error from every method that consults the scope, and nothing changes', async () => {
    const s = await seeded();
    try {
      let current: MethodName | undefined;
      const consulted = new Set<MethodName>();
      // The admin with the scope left out: each read of it is noted for the method being called.
      const scopeless = (x: Seeded): Caller => {
        const c = { ...x.admin } as Caller;
        Object.defineProperty(c, 'scope', { get: () => (consulted.add(current!), undefined), enumerable: true });
        return c;
      };
      const results = await runAll(s, scopeless, (m) => (current = m));
      for (const m of consulted) {
        const { reply, changed } = results.get(m)!;
        expect(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`, m).toMatch(/^INTERNAL: scope missing/);
        expect(changed, m).toBe(0);
      }
      expect([...consulted].sort()).toEqual(
        expect.arrayContaining([
          'agents.assign',
          'agents.list',
          'agents.metrics',
          'analytics.dashboard',
          'orders.get',
          'orders.list',
          'pii.reveal',
          'reports.exportRanking',
          'reports.ranking',
          'roles.delete',
          'roles.save',
          'system.info',
          'users.create',
          'users.resetPassword',
          'users.update',
        ]),
      );
    } finally {
      await s.app.close();
    }
  }, 120_000);
});

describe('one transaction per mutating call', () => {
  let s: Seeded;
  beforeAll(async () => (s = await seeded()), 60_000);
  afterAll(() => s.app.close());

  /** settings.update's own handler, a plain write. */
  const updateSettings = handlers['settings.update'] as WriteFn<'settings.update'>;
  /** The router with one handler replaced. */
  const routerWith = (override: Partial<Handlers>) => createRouter({ ...handlers, ...override } as Handlers, s.app.env, () => undefined);

  it('rolls back the write and its audit entry when the handler throws after both', async () => {
    const audits = await auditCount(s.app);
    const broken = routerWith({
      'settings.update': async (patch, ctx, env) => {
        await updateSettings(patch, ctx, env);
        expect(Number((await ctx.trx('audit_log').count({ n: '*' }).first())!.n)).toBe(audits + 1); // written, inside
        throw new Error('failed after the write');
      },
    });
    const r = await broken.call('settings.update', { importMaxRows: 5_000 }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'failed after the write' } });
    expect((await call(s.app, 'settings.get', {})).importMaxRows).not.toBe(5_000);
    expect(await auditCount(s.app)).toBe(audits);
  });

  it('rolls back when the output check fails, too: an error reply means nothing changed', async () => {
    const audits = await auditCount(s.app);
    const drifting = routerWith({ 'settings.update': async (patch, ctx, env) => ({ ...(await updateSettings(patch, ctx, env)), importMaxRows: -1 }) });
    expect(await drifting.call('settings.update', { importMaxRows: 6_000 }, s.admin)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((await call(s.app, 'settings.get', {})).importMaxRows).not.toBe(6_000);
    expect(await auditCount(s.app)).toBe(audits);
  });

  /** While audit entries cannot be written, the call must fail and leave its write undone. */
  async function withAuditRefused<T>(fn: () => Promise<T>): Promise<T> {
    await s.app.env.db.raw(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    try {
      return await fn();
    } finally {
      await s.app.env.db.raw('DROP TRIGGER test_refuse_audit');
    }
  }

  it('products.update: the price change and its audit entry commit together', async () => {
    const p = await call(s.app, 'products.get', { id: s.product.id });
    const edit = { ...p, expectedUpdatedAt: p.updatedAt, retailPriceFen: p.retailPriceFen + 100 };
    expect(await withAuditRefused(() => s.app.router.call('products.update', edit, s.admin))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await call(s.app, 'products.get', { id: p.id })).toEqual(p);
    const after = await call(s.app, 'products.update', edit);
    expect(after.retailPriceFen).toBe(p.retailPriceFen + 100);
    const entry = await s.app.env.db('audit_log').where({ action: 'price_change', target: p.sku }).orderBy('at', 'desc').first('details', 'at');
    expect(JSON.parse(entry.details)).toMatchObject({ retailPriceFen: [p.retailPriceFen, p.retailPriceFen + 100] });
  });

  it('agents.assign: the assignment and its audit entry commit together', async () => {
    const assigned = () => s.app.env.db('agents').where({ id: s.agent.id }).first('cs_user_id').then((r) => r.cs_user_id);
    const before = await assigned();
    const input = { agentIds: [s.agent.id], csUserId: before === s.kefu.id ? null : s.kefu.id };
    expect(await withAuditRefused(() => s.app.router.call('agents.assign', input, s.admin))).toMatchObject({ ok: false });
    expect(await assigned()).toBe(before);
    const audits = await auditCount(s.app);
    expect(await call(s.app, 'agents.assign', input)).toEqual({ updated: 1 });
    expect(await assigned()).toBe(input.csUserId);
    expect(await auditCount(s.app)).toBe(audits + 1);
  });

  it('settings.update: the change and its audit entry commit together, stamped by the app clock', async () => {
    expect(await withAuditRefused(() => s.app.router.call('settings.update', { importMaxColumns: 77 }, s.admin))).toMatchObject({ ok: false });
    expect((await call(s.app, 'settings.get', {})).importMaxColumns).not.toBe(77);
    const at = Date.parse('2030-01-02T03:04:05Z');
    const fixed = createRouter(handlers, { ...s.app.env, clock: () => at });
    expect(await fixed.call('settings.update', { importMaxColumns: 77 }, s.admin)).toMatchObject({ ok: true, data: { importMaxColumns: 77 } });
    const entry = await s.app.env.db('audit_log').where({ action: 'settings_change' }).orderBy('at', 'desc').first('at', 'details', 'user_login');
    expect(entry).toMatchObject({ at, user_login: 'owner' });
    expect(JSON.parse(entry.details)).toMatchObject({ importMaxColumns: [expect.any(Number), 77] });
  });

  it('system.startEmpty is one transaction: failing midway changes nothing', async () => {
    const db = s.app.env.db;
    const counts = async () => ({
      ...(await call(s.app, 'system.info', {})).counts,
      audit: await auditCount(s.app),
      users: Number((await db('users').count({ n: '*' }).first())!.n),
      levels: Number((await db('agent_levels').count({ n: '*' }).first())!.n),
    });
    await call(s.app, 'system.loadDemo', { agents: 5, orders: 40, seed: 2, until: '2026-03-09' });
    const before = await counts();
    expect(before.agents).toBeGreaterThan(0);
    // Fail it after the wipe and the audit entry, where it puts the default levels back.
    await db.raw(`CREATE TRIGGER test_refuse_levels BEFORE INSERT ON agent_levels BEGIN SELECT RAISE(ABORT, 'no levels'); END`);
    try {
      const r = await s.app.router.call('system.startEmpty', { confirm: true }, s.admin);
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/no levels/) } });
    } finally {
      await db.raw('DROP TRIGGER test_refuse_levels');
    }
    expect(await counts()).toEqual(before);
    expect((await call(s.app, 'system.info', {})).demoLoaded).toBe(true);
    expect(await call(s.app, 'system.startEmpty', { confirm: true })).toEqual({ ok: true });
    expect(await counts()).toMatchObject({ agents: 0, orders: 0, products: 0, audit: before.audit + 1, users: before.users, levels: 4 });
    expect((await call(s.app, 'system.info', {})).demoLoaded).toBe(false);
  });

  it('the bulk jobs (demo load, restore) commit their audit entry inside their own transaction', async () => {
    const before = (await call(s.app, 'system.info', {})).counts;
    const backups = (await call(s.app, 'backup.list', {})).length;
    const demo = await withAuditRefused(() => s.app.router.call('system.loadDemo', { agents: 7, orders: 30, seed: 9, until: '2026-03-09' }, s.admin));
    expect(demo).toMatchObject({ ok: false, error: { message: expect.stringMatching(/audit refused/) } });
    const backup = await call(s.app, 'backup.create', {});
    const restore = await withAuditRefused(() => s.app.router.call('backup.restore', { name: backup.name, confirm: true }, s.admin));
    expect(restore).toMatchObject({ ok: false, error: { message: expect.stringMatching(/audit refused/) } });
    expect((await call(s.app, 'system.info', {})).counts).toEqual(before);
    expect((await call(s.app, 'backup.list', {})).length).toBe(backups + 1); // no safety backup left behind
  });

  it('other calls wait for a write’s transaction instead of interleaving with it', async () => {
    let release!: () => void;
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const slow = routerWith({
      'settings.update': async (patch, ctx, env) => {
        const out = await updateSettings(patch, ctx, env);
        written();
        await new Promise<void>((r) => (release = r));
        return out;
      },
    });
    const update = slow.call('settings.update', { importMaxRows: 7_000 }, s.admin);
    await wrote;
    let read: number | undefined;
    const get = call(s.app, 'settings.get', {}).then((r) => (read = r.importMaxRows));
    await new Promise((r) => setTimeout(r, 200));
    expect(read).toBeUndefined(); // waiting for the connection the transaction holds
    release();
    expect(await update).toMatchObject({ ok: true });
    await get;
    expect(read).toBe(7_000);
  });

  it('a mutating handler has no root handle: the one connection is the transaction’s', async () => {
    const seen: unknown[] = [];
    const probing = routerWith({
      'system.dismissDemoNotice': async (_i, ctx, env) => {
        seen.push((env as { db?: unknown }).db, ctx.trx.isTransaction);
        return { ok: true as const };
      },
    });
    expect(await probing.call('system.dismissDemoNotice', {}, s.admin)).toEqual({ ok: true, data: { ok: true } });
    expect(seen).toEqual([undefined, true]);
  });
});
