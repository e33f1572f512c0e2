import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFromSession } from '../../src-main/app/session';
import { createUser, signIn } from '../../src-main/domain/accounts/users';
import { DB_FILE } from '../../src-main/db/open';
import { openApp } from '../../src-main/app/open';
import { call, openTempApp } from './helpers/tempApp';

// Data files, backups and exports were created 0644 (readable by every account on the PC), and system.info
// told every role the absolute data directory.

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
let app: Awaited<ReturnType<typeof openTempApp>>;
let umask: number;

beforeAll(async () => {
  umask = process.umask(0o022); // the usual default, under which files come out 0644
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 30, orders: 500, seed: 2, until: '2026-06-30' });
}, 60_000);
afterAll(async () => {
  await app.close();
  process.umask(umask);
});

describe.skipIf(process.platform === 'win32')('files in the data directory are owner-only', () => {
  it('the data directory, the SQLite file and its -wal and -shm', () => {
    const db = path.join(app.dir, DB_FILE);
    expect(modeOf(app.dir).toString(8)).toBe('700');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect([f, modeOf(f).toString(8)]).toEqual([f, '600']);
  });

  it('backups, exports, the import template and audit exports', async () => {
    const backup = await call(app, 'backup.create', {});
    const backups = path.dirname(path.join(app.dir, 'backups', backup.name));
    expect(modeOf(backups).toString(8)).toBe('700');
    expect(modeOf(path.join(backups, backup.name)).toString(8)).toBe('600');

    const files = [
      (await call(app, 'reports.exportRanking', { from: '2026-01-01', to: '2026-07-01', jobId: 'perm-1' })).fileName,
      (await call(app, 'audit.export', { jobId: 'perm-2' })).fileName,
      (await call(app, 'products.importTemplate', {})).fileName,
    ];
    expect(modeOf(app.env.exportsDir).toString(8)).toBe('700');
    for (const f of files) expect([f, modeOf(path.join(app.env.exportsDir, f)).toString(8)]).toEqual([f, '600']);
  });

  it('tightens a data directory an older version left readable', async () => {
    const other = await openTempApp();
    await other.close();
    const db = path.join(other.dir, DB_FILE);
    fs.chmodSync(other.dir, 0o755);
    fs.chmodSync(db, 0o644);
    const again = await openApp({ dataDir: other.dir, demoOnEmpty: false, log: () => undefined });
    try {
      expect(modeOf(other.dir).toString(8)).toBe('700');
      expect(modeOf(db).toString(8)).toBe('600');
    } finally {
      await again.close();
    }
  });
});

describe('system.info', () => {
  it('shows the absolute data directory to admins only', async () => {
    await createUser(app.env.db, { login: 'boss', name: '老板', password: 'boss-pass-1', roles: ['admin'] });
    await createUser(app.env.db, { login: 'jingli2', name: '经理', password: 'jingli-pass-1', roles: ['manager'] });
    const as = async (login: string, password: string) => {
      const { token } = await signIn(app.env.db, { login, password, persistent: false });
      const reply = await app.router.call('system.info', {}, await callerFromSession(app.env, 'test', token));
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data as { dataDir: string | null; version: string };
    };
    expect((await as('boss', 'boss-pass-1')).dataDir).toBe(app.dir);
    const manager = await as('jingli2', 'jingli-pass-1');
    expect(manager.dataDir).toBeNull();
    expect(manager.version).toBeTruthy();
  });
});
