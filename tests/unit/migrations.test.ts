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

  it('rebuild product_prices WITHOUT ROWID and back, keeping its rows and every foreign key valid', async () => {
    const sqlOf = async () => (await db.raw(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'product_prices'`))[0].sql as string;
    const prices = () => db('product_prices').orderBy(['product_id', 'level_id']).select();
    await db('agent_levels').insert([1, 2].map((r) => ({ id: `L${r}`, code: `c${r}`, name: `级${r}`, rank: r, created_at: 1, updated_at: 1 })));
    await db('products').insert({ id: 'P1', sku: 'S1', name: '品', category: '食品', retail_price_fen: 100, min_retail_price_fen: 90, created_at: 1, updated_at: 1 });
    await db('product_prices').insert([{ product_id: 'P1', level_id: 'L1', price_fen: 80 }, { product_id: 'P1', level_id: 'L2', price_fen: 70 }]);
    const rows = await prices();
    expect(await sqlOf()).toMatch(/WITHOUT ROWID$/);
    await db.migrate.down({ migrationSource });
    expect(await sqlOf()).not.toMatch(/WITHOUT ROWID/);
    expect(await prices()).toEqual(rows);
    expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
    await db.migrate.up({ migrationSource });
    expect(await sqlOf()).toMatch(/WITHOUT ROWID$/);
    expect(await prices()).toEqual(rows);
    expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
    // The foreign keys still hold on the rebuilt table: an orphan is refused, deleting the product cascades.
    await expect(db('product_prices').insert({ product_id: 'nope', level_id: 'L1', price_fen: 1 })).rejects.toThrow(/FOREIGN KEY/);
    await db('products').where({ id: 'P1' }).delete();
    expect(await prices()).toEqual([]);
    await db('agent_levels').delete();
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
