import { afterAll, describe, expect, it } from 'vitest';
import { migrations, migrationSource } from '../../src-main/db/migrations';
import { openDb, type Db } from '../../src-main/db/open';
import { tempDir } from './helpers/tempApp';
import { dayNumberOf } from '@contract/days';

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
        'after_sales', 'after_sales_lines', 'agent_day_stats', 'agent_levels', 'agent_sku_days', 'agents', 'audit_log', 'order_events', 'order_lines', 'orders',
        'product_agent_days', 'product_day_stats', 'product_documents', 'product_prices', 'products', 'report_setups', 'roles', 'rollup_changes', 'sellthrough_reports', 'sessions',
        'settings', 'sign_in_attempts', 'stock_movements', 'user_roles', 'users',
      ],
    );
    await db.migrate.rollback({ migrationSource }, true);
    expect(await tables(db)).toEqual([]);
    await db.migrate.latest({ migrationSource });
    expect((await tables(db)).length).toBe(25);
  });

  it('rebuild product_prices WITHOUT ROWID and back, keeping its rows and every foreign key valid', async () => {
    const sqlOf = async () => (await db.raw(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'product_prices'`))[0].sql as string;
    const prices = () => db('product_prices').orderBy(['product_id', 'level_id']).select();
    await db('agent_levels').insert([1, 2].map((r) => ({ id: `L${r}`, code: `c${r}`, name: `级${r}`, rank: r, created_at: 1, updated_at: 1 })));
    await db('products').insert({ id: 'P1', sku: 'S1', name: '品', category: '食品', retail_price_fen: 100, min_retail_price_fen: 90, created_at: 1, updated_at: 1 });
    await db('product_prices').insert([{ product_id: 'P1', level_id: 'L1', price_fen: 80 }, { product_id: 'P1', level_id: 'L2', price_fen: 70 }]);
    const rows = await prices();
    expect(await sqlOf()).toMatch(/WITHOUT ROWID$/);
    const name = '20261201210000_product_prices_without_rowid';
    await db.migrate.down({ migrationSource, name });
    expect(await sqlOf()).not.toMatch(/WITHOUT ROWID/);
    expect(await prices()).toEqual(rows);
    expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
    await db.migrate.up({ migrationSource, name });
    expect(await sqlOf()).toMatch(/WITHOUT ROWID$/);
    expect(await prices()).toEqual(rows);
    expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
    // The foreign keys still hold on the rebuilt table: an orphan is refused, deleting the product cascades.
    await expect(db('product_prices').insert({ product_id: 'nope', level_id: 'L1', price_fen: 1 })).rejects.toThrow(/FOREIGN KEY/);
    await db('products').where({ id: 'P1' }).delete();
    expect(await prices()).toEqual([]);
    await db('agent_levels').delete();
  });

  it('cuts the shipping day of existing orders in the supplier time zone, across a DST change', async () => {
    const old = await openDb(tempDir(), { migrate: false });
    try {
      while (!(await old.migrate.list({ migrationSource }))[1].length || (await old.migrate.list({ migrationSource }))[1][0] !== '20261202090000_analytics_rollups')
        await old.migrate.up({ migrationSource });
      const tz = 'America/New_York';
      await old('settings').insert({ key: 'timeZone', value: JSON.stringify(tz) });
      await old('agent_levels').insert({ id: 'L1', code: 'c', name: '级', rank: 1, created_at: 1, updated_at: 1 });
      await old('agents').insert({ id: 'A1', code: 'A1', name: '甲', level_id: 'L1', joined_at: 1, created_at: 1, updated_at: 1 });
      // New York goes from EST (−5) to EDT (−4) at 07:00 UTC on 2026-03-08: 04:30 UTC on the 9th is 00:30 on the 9th
      // there, where the winter offset would still give the 8th.
      const shipped = [Date.UTC(2026, 2, 8, 6, 30), Date.UTC(2026, 2, 8, 3, 30), Date.UTC(2026, 2, 9, 4, 30), Date.UTC(2026, 9, 1, 12)];
      await old('orders').insert(
        [...shipped, null].map((at, i) => ({
          id: `O${i}`, order_no: `N${i}`, agent_id: 'A1', kind: 'dropship', status: at ? 'shipped' : 'pending', goods_amount_fen: 100, units: 1,
          placed_at: 1, placed_day: 19700101, shipped_at: at, created_at: 1, updated_at: 1,
        })),
      );
      await old.migrate.latest({ migrationSource });
      const days = (await old('orders').orderBy('id').select('shipped_day')).map((r: { shipped_day: number | null }) => r.shipped_day);
      expect(days).toEqual([...shipped.map((ms) => dayNumberOf(ms, tz)), null]);
      expect(days.slice(0, 3)).toEqual([20260308, 20260307, 20260309]);
    } finally {
      await old.destroy();
    }
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
