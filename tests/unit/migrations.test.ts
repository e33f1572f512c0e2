import { afterAll, describe, expect, it } from 'vitest';
import { migrations, migrationSource } from '../../src-main/db/migrations';
import { openDb, type Db } from '../../src-main/db/open';
import { tempDir } from './helpers/tempApp';

const tables = async (db: Db) =>
  (await db.raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%' ORDER BY name`)).map(
    (r: { name: string }) => r.name,
  );

describe('migrations', () => {
  let db: Db;
  afterAll(() => db?.destroy());

  it('are named <yyyymmddHHMMSS>_<name>, unique and in order', () => {
    const names = Object.keys(migrations);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names.map((n) => n.slice(0, 14))).size).toBe(names.length);
  });

  it('run all up, all down, and up again on a real SQLite file', async () => {
    db = await openDb(tempDir(), { migrate: false });
    await db.migrate.latest({ migrationSource });
    expect(await tables(db)).toEqual(
      [
        'after_sales', 'after_sales_lines', 'agent_levels', 'agents', 'audit_log', 'order_lines', 'orders', 'product_documents',
        'product_prices', 'products', 'roles', 'sellthrough_reports', 'sessions', 'settings', 'sign_in_attempts', 'stock_movements', 'user_roles', 'users',
      ],
    );
    await db.migrate.rollback({ migrationSource }, true);
    expect(await tables(db)).toEqual([]);
    await db.migrate.latest({ migrationSource });
    expect((await tables(db)).length).toBe(18);
  });

  it('sets WAL, foreign keys, busy timeout and synchronous explicitly', async () => {
    const pragma = async (p: string) => Object.values((await db.raw(`PRAGMA ${p}`))[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('synchronous')).toBe(1); // NORMAL
  });

  it('keeps money as integers and rejects orphans', async () => {
    await expect(
      db('order_lines').insert({ id: 'x', order_id: 'missing', product_id: 'missing', quantity: 1, unit_price_fen: 100 }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
