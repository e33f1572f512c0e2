import { setSetting } from '../../src-main/domain/system/settings';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@contract';
import { localCaller } from '../../src-main/app/open';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import { createUser, resolveSession, signIn } from '../../src-main/domain/accounts/users';
import { backupFileName, backupsDir, restoreBackup } from '../../src-main/domain/system/backups';
import { migrations } from '../../src-main/db/migrations';
import { openDb } from '../../src-main/db/open';
import { callerFromSession, takeSession } from '../../src-main/app/session';
import { call, openHandmadeApp, openTempApp, tempDir } from './helpers/tempApp';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

type App = Awaited<ReturnType<typeof openTempApp>>;
const apps: App[] = [];
afterAll(async () => {
  for (const a of apps) {
    await a.close();
    fs.rmSync(a.dir, { recursive: true, force: true });
  }
});
async function handmade(): Promise<App> {
  const app = await openHandmadeApp();
  apps.push(app);
  return app;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e as { body: { code: string } }).body.code);
const LAST_MIGRATION = Object.keys(migrations).at(-1);
const price = async (app: App, sku: string) => (await app.env.db('products').where({ sku }).first('retail_price_fen'))?.retail_price_fen;
const counts = async (app: App) =>
  Object.fromEntries(
    await Promise.all(['products', 'agents', 'orders', 'order_lines', 'users', 'settings'].map(async (t) => [t, Number((await app.env.db(t).count({ n: '*' }))[0].n)])),
  );
const auditOf = (app: App, action: string) => app.env.db('audit_log').where({ action }).orderBy('at').select('target', 'details', 'user_login');
const signInCall = (app: App, login: string, password: string) => call(app, 'auth.signIn', { login, password });
const backupFiles = (app: App) => fs.readdirSync(backupsDir(app.dir)).sort();

describe('backup file names', () => {
  it('carry the local time of the supplier and never overwrite an earlier backup', () => {
    const dir = tempDir();
    const at = Date.parse('2026-11-25T07:30:00Z'); // 15:30 in Shanghai
    expect(backupFileName(dir, at, 'Asia/Shanghai')).toBe('dropship-2026-11-25-153000.sqlite');
    expect(backupFileName(dir, at, 'Asia/Shanghai', 'before-restore')).toBe('dropship-2026-11-25-153000-before-restore.sqlite');
    fs.writeFileSync(path.join(dir, 'dropship-2026-11-25-153000.sqlite'), '');
    expect(backupFileName(dir, at, 'Asia/Shanghai')).toBe('dropship-2026-11-25-153000-2.sqlite');
  });
});

describe('backup and restore', () => {
  let app: App;
  let backup: string;
  let ownerToken: string;

  beforeAll(async () => {
    app = await handmade();
    await createUser(app.env.db, { login: 'owner', name: '老板', password: 'owner-pass-1', roles: ['admin'] });
    ownerToken = (await signIn(app.env.db, { login: 'owner', password: 'owner-pass-1', persistent: true })).token;
    await call(app, 'products.create', { sku: 'GONE-1', name: '临时商品', category: '食品', retailPriceFen: 1000, minRetailPriceFen: 900 });
  });

  it('makes a verified single-file copy, with progress, and lists it', async () => {
    const events: ProgressEvent[] = [];
    const off = app.env.events.on((e) => e.type === 'progress' && events.push(e));
    const info = await call(app, 'backup.create', { jobId: 'backup-job-1' });
    off();
    backup = info.name;
    expect(info.name).toMatch(/^dropship-\d{4}-\d\d-\d\d-\d{6}\.sqlite$/);
    expect(info).toMatchObject({ version: LAST_MIGRATION });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['backup', 'verify']));
    expect(backupFiles(app)).toEqual([info.name]); // no .part, -wal or -shm beside it

    const copy = new Database(path.join(backupsDir(app.dir), info.name), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare(`SELECT count(*) FROM products WHERE sku = 'GONE-1'`).pluck().get()).toBe(1);
    copy.close();

    expect(await call(app, 'backup.list', {})).toEqual([info]);
  });

  it('restores deleted and changed rows, keeps later audit entries and today’s accounts, and ends every session', async () => {
    const before = await counts(app);
    const oldPrice = await price(app, 'F-001');
    // After the backup: a price change, a deleted product, a new user signed in, an audit entry.
    await app.env.db('products').where({ sku: 'F-001' }).update({ retail_price_fen: 99_900 });
    await app.env.db('products').where({ sku: 'GONE-1' }).delete();
    await createUser(app.env.db, { login: 'temp', name: '临时工', password: 'temp-pass-1', roles: ['cs'] });
    const tempToken = (await signIn(app.env.db, { login: 'temp', password: 'temp-pass-1', persistent: true })).token;
    await call(app, 'settings.update', { sessionIdleMinutes: 45 });
    const auditBefore = Number((await app.env.db('audit_log').count({ n: '*' }))[0].n);

    const events: ProgressEvent[] = [];
    const off = app.env.events.on((e) => e.type === 'progress' && events.push(e));
    const r = await call(app, 'backup.restore', { name: backup, confirm: true, jobId: 'restore-job-1' });
    off();

    expect(await price(app, 'F-001')).toBe(oldPrice);
    expect(await app.env.db('products').where({ sku: 'GONE-1' }).first('id')).toBeTruthy();
    expect(await counts(app)).toEqual({ ...before, users: before.users + 1 }); // accounts stay as they are now
    expect((await call(app, 'settings.get', {})).sessionIdleMinutes).toBe(30); // settings are data too
    // Throttled to ~10 a second, so not every phase shows; the last event always does.
    expect(new Set(events.map((e) => e.phase))).toSatisfy((p: Set<string>) => [...p].every((x) => ['prepare', 'backup', 'verify', 'restore', 'indexes'].includes(x)));
    const last = events.at(-1)!;
    expect(last.done).toBe(last.total); // the last table and index done
    expect(r.tables).toBeGreaterThan(10);
    expect(r.rows).toBeGreaterThan(20);
    expect(r.safetyBackup).toMatch(/^dropship-.*-before-restore\.sqlite$/);

    // The audit log only grew: the settings change made after the backup is still there, then the restore.
    expect(Number((await app.env.db('audit_log').count({ n: '*' }))[0].n)).toBe(auditBefore + 1);
    expect((await auditOf(app, 'settings_change')).length).toBe(1);
    const [entry] = await auditOf(app, 'restore');
    expect(entry).toMatchObject({ target: backup, user_login: 'local' });
    expect(JSON.parse(entry.details)).toMatchObject({ tables: r.tables, rows: r.rows, safetyBackup: r.safetyBackup });

    // temp did not exist at backup time: still there (accounts are not restored); every session ended.
    expect(await app.env.db('users').where({ login: 'temp' }).first('id')).toBeTruthy();
    expect(await resolveSession(app.env.db, tempToken, 60_000)).toBeNull();
    expect(await resolveSession(app.env.db, ownerToken, 60_000)).toBeNull();
    expect(Number((await app.env.db('sessions').count({ n: '*' }))[0].n)).toBe(0);

    // The safety backup holds the data as it was just before: the changed price.
    const safety = new Database(path.join(backupsDir(app.dir), r.safetyBackup), { readonly: true });
    expect(safety.prepare(`SELECT retail_price_fen FROM products WHERE sku = 'F-001'`).pluck().get()).toBe(99_900);
    safety.close();
    expect((await call(app, 'backup.list', {})).map((b) => b.name).sort()).toEqual([backup, r.safetyBackup].sort());
  });

  it('rolls everything back when cancelled in the middle of the tables', async () => {
    ownerToken = (await signIn(app.env.db, { login: 'owner', password: 'owner-pass-1', persistent: true })).token;
    await app.env.db('products').where({ sku: 'F-001' }).update({ retail_price_fen: 77_700 });
    const before = await counts(app);
    const files = backupFiles(app);
    const ctrl = new AbortController();
    const phases: string[] = [];
    const job = {
      signal: ctrl.signal,
      progress: (done: number, _total: number, phase: string) => {
        phases.push(phase);
        if (phase === 'restore' && done === 3) ctrl.abort(); // tables 0–2 are already replaced by now
      },
    };
    await expect(restoreBackup(app.env, backup, job)).rejects.toMatchObject({ name: 'AbortError' });
    expect(phases.filter((p) => p === 'restore')).toHaveLength(4);
    expect(await price(app, 'F-001')).toBe(77_700);
    expect(await counts(app)).toEqual(before);
    expect(backupFiles(app)).toEqual(files); // the safety backup of unchanged data is not kept
    expect(await resolveSession(app.env.db, ownerToken, 60_000)).toMatchObject({ login: 'owner' });
  });

  it('deletes a backup by name (audited); unknown names and paths are refused', async () => {
    const { name } = await call(app, 'backup.create', {});
    await call(app, 'backup.delete', { name, confirm: true });
    expect(backupFiles(app)).not.toContain(name);
    expect((await auditOf(app, 'delete')).map((e) => e.target)).toContain(name);
    expect(await codeOf(call(app, 'backup.delete', { name, confirm: true }))).toBe('NOT_FOUND');
    expect(await codeOf(call(app, 'backup.delete', { name: '../dropship.sqlite', confirm: true }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(call(app, 'backup.restore', { name: 'dropship-nope.sqlite', confirm: true }))).toBe('NOT_FOUND');
  });
});

// The attack: a restore brought back a password reset after the backup, re-activated deactivated accounts,
// and kept the sessions signed in. Accounts, roles and credentials are who may sign in now, not data.
describe('a restore and the accounts', () => {
  it('keeps accounts, roles and passwords as they are now, ends every session, and unassigns agents of accounts gone since', async () => {
    const app = await handmade();
    const db = app.env.db;
    await createUser(db, { login: 'owner', name: '老板', password: 'owner-pass-1', roles: ['admin'] });
    await createUser(db, { login: 'kefu', name: '客服', password: 'leaked-pass-1', roles: ['cs'] });
    await createUser(db, { login: 'fired', name: '离职', password: 'fired-pass-1', roles: ['manager'] });
    const ghost = await createUser(db, { login: 'ghost', name: '已删', password: 'ghost-pass-1', roles: ['cs'] });
    const agent = (await db('agents').orderBy('code').first('id')).id as string;
    await db('agents').where({ id: agent }).update({ cs_user_id: ghost });
    const { name } = await call(app, 'backup.create', {});

    // After the backup: kefu's leaked password is reset, fired is deactivated, ghost is deleted, a role is
    // widened, and the admin signs in (through the router, as a transport does) to restore.
    const admin = await callerFromSession(app.env, 'test', (await signIn(db, { login: 'owner', password: 'owner-pass-1', persistent: false })).token);
    const kefu = (await call(app, 'users.list', {})).find((u) => u.login === 'kefu')!;
    const fired = (await call(app, 'users.list', {})).find((u) => u.login === 'fired')!;
    await call(app, 'users.resetPassword', { id: kefu.id, password: 'fresh-pass-1' });
    await call(app, 'users.update', { id: fired.id, name: fired.name, active: false, roles: ['manager'] });
    const firedToken = (await signIn(db, { login: 'kefu', password: 'fresh-pass-1', persistent: true })).token;
    await db('users').where({ id: ghost }).delete();
    const role = await call(app, 'roles.save', { name: '临时', permissions: ['system.view'] });

    const reply = await app.router.call('backup.restore', { name, confirm: true }, admin);
    expect(reply.ok).toBe(true);
    expect(takeSession('backup.restore', { name, confirm: true }, reply).change).toEqual({ clear: true }); // the cookie / kept token goes

    expect(await codeOf(signInCall(app, 'kefu', 'leaked-pass-1'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(signInCall(app, 'kefu', 'fresh-pass-1'))).toBe('ok');
    expect(await codeOf(signInCall(app, 'fired', 'fired-pass-1'))).toBe('UNAUTHENTICATED');
    expect((await call(app, 'users.list', {})).find((u) => u.login === 'fired')).toMatchObject({ active: false });
    expect((await call(app, 'roles.list', {})).some((r) => r.id === role.id)).toBe(true);
    expect(await db('users').where({ id: ghost }).first('id')).toBeUndefined();
    expect(await db('agents').where({ id: agent }).first('cs_user_id')).toEqual({ cs_user_id: null });

    // Every session ended, the restoring admin's too: their next call is UNAUTHENTICATED (the renderer shows sign-in).
    expect(await resolveSession(db, firedToken, 60_000)).toBeNull();
    const after = await callerFromSession(app.env, 'test', admin.sessionToken);
    expect(await app.router.call('products.list', {}, after)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await db('sessions').count({ n: '*' })).toEqual([{ n: 1 }]); // kefu's sign-in above, after the restore
  });
});

describe('a restore and the time zone', () => {
  it('a backup made in another time zone gives the analytics that zone, so days are cut as the data says', async () => {
    const app = await handmade();
    const db = app.env.db;
    await setSetting(db, 'timeZone', 'America/New_York');
    const { name } = await call(app, 'backup.create', {});
    await setSetting(db, 'timeZone', 'Asia/Shanghai');
    app.env.timeZone = 'Asia/Shanghai';
    const before = app.env.analytics;
    expect(before.timeZone).toBe('Asia/Shanghai');
    expect((await app.router.call('backup.restore', { name, confirm: true }, localCaller('test'))).ok).toBe(true);
    expect(app.env.timeZone).toBe('America/New_York');
    expect(app.env.analytics.timeZone).toBe('America/New_York');
    expect(app.env.analytics).not.toBe(before);
    // The new read model answers, in that zone: an agent's join day is cut in New York.
    const m = await app.env.analytics.model.current();
    expect(m.agents.count).toBeGreaterThan(0);
  });
});

describe('restoring backups of other versions', () => {
  let app: App;
  beforeAll(async () => {
    app = await handmade();
    fs.mkdirSync(backupsDir(app.dir), { recursive: true });
  });

  it('brings a backup of an older schema up to date', async () => {
    // An old installation: only the first two migrations (no accounts yet), one product.
    const dir = tempDir();
    const old = await openDb(dir, { migrate: false });
    const firstTwo = Object.keys(migrations).slice(0, 2);
    await old.migrate.latest({
      migrationSource: { getMigrations: async () => firstTwo, getMigrationName: (n: string) => n, getMigration: async (n: string) => migrations[n] as never },
    });
    await old('products').insert({ id: 'p-old', sku: 'OLD-1', name: '老商品', category: '食品', retail_price_fen: 1234, min_retail_price_fen: 1000, created_at: 1, updated_at: 1 });
    await old.destroy();
    fs.copyFileSync(path.join(dir, 'dropship.sqlite'), path.join(backupsDir(app.dir), 'dropship-old.sqlite'));
    expect((await call(app, 'backup.list', {})).find((b) => b.name === 'dropship-old.sqlite')?.version).toBe(firstTwo[1]);

    const r = await call(app, 'backup.restore', { name: 'dropship-old.sqlite', confirm: true });
    expect(r.rows).toBe(1);
    expect((await call(app, 'products.list', {})).rows.map((p) => p.sku)).toEqual(['OLD-1']);
    expect(await app.env.db('agents').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect((await call(app, 'levels.list', {})).length).toBeGreaterThan(0); // an empty level list gets the defaults
    expect((await auditOf(app, 'restore')).map((e) => e.target)).toEqual(['dropship-old.sqlite']);
  });

  it('refuses a backup made by a newer version with CONFLICT and changes nothing', async () => {
    const { name } = await call(app, 'backup.create', {});
    const future = path.join(backupsDir(app.dir), 'dropship-future.sqlite');
    fs.copyFileSync(path.join(backupsDir(app.dir), name), future);
    const f = new Database(future);
    f.prepare('INSERT INTO knex_migrations (name, batch, migration_time) VALUES (?, 9, ?)').run('29990101000000_from_the_future', Date.now());
    f.prepare('DELETE FROM products').run();
    f.close();
    const before = await counts(app);
    const files = backupFiles(app);
    const audit = await app.env.db('audit_log').count({ n: '*' });

    const reply = await app.router.call('backup.restore', { name: 'dropship-future.sqlite', confirm: true }, localCaller('test'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { unknown: ['29990101000000_from_the_future'] } } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/newer version/);
    expect(await counts(app)).toEqual(before);
    expect(backupFiles(app)).toEqual(files);
    expect(await app.env.db('audit_log').count({ n: '*' })).toEqual(audit);
  });

  it('refuses a restore without confirm: true', async () => {
    expect(await codeOf(call(app, 'backup.restore', { name: 'dropship-old.sqlite' } as never))).toBe('VALIDATION_FAILED');
  });
});

describe('settings', () => {
  let app: App;
  beforeAll(async () => {
    app = await openTempApp();
    apps.push(app);
  });

  it('reads the defaults and changes some of them, audited with before and after', async () => {
    expect(await call(app, 'settings.get', {})).toEqual({
      sessionIdleMinutes: 30,
      importMaxFileMb: 20,
      importMaxUnzippedMb: 200,
      importMaxRows: 100_000,
      importMaxColumns: 60,
      churnDays: 180,
      stockPilingUnits: 50,
      stockPilingSellThrough: 0.3,
    });
    const after = await call(app, 'settings.update', { sessionIdleMinutes: 120, importMaxRows: 200_000 });
    expect(after).toMatchObject({ sessionIdleMinutes: 120, importMaxRows: 200_000, importMaxColumns: 60 });
    expect(await call(app, 'settings.get', {})).toEqual(after);
    const [entry] = await auditOf(app, 'settings_change');
    expect(JSON.parse(entry.details)).toEqual({ sessionIdleMinutes: [30, 120], importMaxRows: [100_000, 200_000] });
    await call(app, 'settings.update', { sessionIdleMinutes: 120 }); // no change: no entry
    expect(await auditOf(app, 'settings_change')).toHaveLength(1);
  });

  it('refuses values out of range, naming the field', async () => {
    for (const [field, value] of [['sessionIdleMinutes', 4], ['importMaxFileMb', 201], ['importMaxUnzippedMb', 9], ['importMaxRows', 50], ['importMaxColumns', 2.5], ['churnDays', 29], ['stockPilingUnits', 0], ['stockPilingSellThrough', -0.05], ['stockPilingSellThrough', 1.2], ['stockPilingSellThrough', 0.255]] as const) {
      const r = await app.router.call('settings.update', { [field]: value }, localCaller('test'));
      expect(r, field).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: field }] } } });
      expect(r.ok ? '' : r.error.message).toContain(field);
    }
    const r = await app.router.call('settings.update', { timeZone: 'UTC' }, localCaller('test'));
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await call(app, 'settings.get', {})).sessionIdleMinutes).toBe(120);
  });

  it('takes the analytics thresholds as whole numbers and shares of whole percents, audited', async () => {
    const after = await call(app, 'settings.update', { churnDays: 90, stockPilingSellThrough: 0.29 });
    expect(after).toMatchObject({ churnDays: 90, stockPilingSellThrough: 0.29, stockPilingUnits: 50 });
    const details = (await auditOf(app, 'settings_change')).map((e) => JSON.parse(e.details)).filter((d) => 'churnDays' in d);
    expect(details).toEqual([{ churnDays: [180, 90], stockPilingSellThrough: [0.3, 0.29] }]);
  });

  it('lets staff read the settings; changing them, backups and restores are for admins', async () => {
    const cs = { transport: 'test' as const, permissions: new Set(BUILTIN_PERMISSIONS.cs), user: { id: 'u-cs', login: 'kefu' }, scope: ALL_AGENTS };
    expect(await app.router.call('settings.get', {}, cs)).toMatchObject({ ok: true });
    for (const [method, input] of [
      ['settings.update', { sessionIdleMinutes: 60 }],
      ['backup.create', {}],
      ['backup.list', {}],
      ['backup.restore', { name: 'dropship-x.sqlite', confirm: true }],
      ['backup.delete', { name: 'dropship-x.sqlite', confirm: true }],
    ] as const)
      expect(await app.router.call(method, input, cs), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
