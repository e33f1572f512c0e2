// A list's total is counted once and kept (src-main/domain/common/listTotals.ts) until a write touches what it
// counts: this process's committed writes (their data.changed event) or another connection's commit.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openHandmadeApp } from './helpers/tempApp';
import { write } from './helpers/ledger';
import { publishChanges } from '../../src-main/app/events';
import { DB_FILE } from '../../src-main/db/open';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
/** The count queries SQLite was asked, in order. */
const counts: string[] = [];
beforeAll(async () => {
  app = await openHandmadeApp();
  app.env.db.on('query', (q: { sql: string }) => /count\(\*\)/i.test(q.sql) && q.sql.includes('`orders`') && counts.push(q.sql));
});
afterAll(() => app.close());

/** An order not cancelled yet (the fixture's are completed but one). */
const notCancelled = async () => (await app.env.db('orders').whereNot({ status: 'cancelled' }).first('id')).id as string;

describe('orders.list totals', () => {
  it('are counted once per filter; another page or order of the same list counts nothing', async () => {
    const before = counts.length;
    const a = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    expect(counts.length).toBe(before + 1);
    const b = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1, page: 2, sort: 'orderNo', order: 'asc' });
    expect(b.total).toBe(a.total);
    expect(counts.length).toBe(before + 1);
    // Another filter is another count.
    await call(app, 'orders.list', { status: 'pending', pageSize: 1 });
    expect(counts.length).toBe(before + 2);
  });

  it('are counted again after a committed write announced its tables, and then show it', async () => {
    const a = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    const id = await notCancelled();
    const before = counts.length;
    // A write in a ledger transaction that says what it changed, as every write step does.
    const { changes } = await write(app.env.db, Date.now(), async (ctx) => {
      await ctx.trx('orders').where({ id }).update({ status: 'cancelled' });
      ctx.changes.touch(['orders']);
    });
    publishChanges(app.env.events, changes); // as the router does after the commit
    const b = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    expect(b.total).toBe(a.total + 1);
    expect(counts.length).toBe(before + 1);
  });

  it("see another connection's commit to the same file (the CLI's)", async () => {
    const a = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    const other = new Database(path.join(app.dir, DB_FILE));
    other.prepare("UPDATE orders SET status = 'cancelled' WHERE id = ?").run(await notCancelled());
    other.close();
    const b = await call(app, 'orders.list', { status: 'cancelled', pageSize: 1 });
    expect(b.total).toBe(a.total + 1);
  });
});
