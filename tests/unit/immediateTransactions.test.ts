import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, openDb, type Db } from '../../src-main/db/open';
import { tempDir } from './helpers/tempApp';

// A second process (the CLI beside the app) is played by a second connection to the same file.
describe('transactions take the write lock when they begin (BEGIN IMMEDIATE)', () => {
  const dir = tempDir();
  let db: Db;
  let other: Database.Database;
  afterAll(async () => {
    other?.close();
    await db?.destroy();
  });

  it('a transaction that has only read yet already keeps another connection from writing, and its own write succeeds after the other committed before it began', async () => {
    db = await openDb(dir);
    await db.schema.createTable('t', (t) => t.integer('n'));
    other = new Database(path.join(dir, DB_FILE), { timeout: 0 });
    other.prepare('INSERT INTO t (n) VALUES (1)').run();

    await db.transaction(async (trx) => {
      expect((await trx('t').count({ c: '*' }))[0].c).toBe(1);
      // With a deferred BEGIN this write would succeed here, and the transaction's own write below would then
      // fail with SQLITE_BUSY_SNAPSHOT (its read snapshot is older than the other's commit).
      expect(() => other.prepare('INSERT INTO t (n) VALUES (2)').run()).toThrow(/SQLITE_BUSY|database is locked/);
      await trx('t').insert({ n: 3 });
    });
    other.prepare('INSERT INTO t (n) VALUES (4)').run();
    expect((await db('t').orderBy('n').pluck('n'))).toEqual([1, 3, 4]);
  });

  it('nested transactions are savepoints inside the outer one, rolled back alone', async () => {
    await db.transaction(async (trx) => {
      await trx('t').insert({ n: 5 });
      await expect(trx.transaction(async (sp) => {
        await sp('t').insert({ n: 6 });
        throw new Error('undo the savepoint');
      })).rejects.toThrow('undo the savepoint');
    });
    expect((await db('t').orderBy('n').pluck('n'))).toEqual([1, 3, 4, 5]);
  });
});
