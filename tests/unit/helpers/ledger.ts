// A small catalog and agents for the ledger tests, and the checks they share: rollups equal to a rebuild's,
// stock equal to the sum of movements.
import { expect } from 'vitest';
import type { Db } from '../../../src-main/db/open';
import { rawConnection } from '../../../src-main/db/open';
import { newId } from '../../../src-main/domain/common/ids';
import { inLedgerTransaction, type LedgerContext } from '../../../src-main/domain/ledger/context';
import type { ChangeSet } from '../../../src-main/domain/ledger/changes';
import { DERIVED_TABLES, rebuildRollups } from '../../../src-main/domain/ledger/rebuild';

export const TZ = 'Asia/Shanghai';
export const ACTOR = { userId: null, userLogin: 'tester' };

export interface LedgerSeed {
  levels: string[];
  agents: string[];
  products: string[];
  /** price[product][level] in fen */
  prices: number[][];
}

/**
 * `agents` agents over two levels (agent i on level i % 2), `products` products with a price per level and
 * `stock` units on hand each (as an 'initial' movement, so stock = the sum of movements from the start).
 */
export async function seedLedger(db: Db, opts: { agents: number; products: number; stock: number[]; at: number }): Promise<LedgerSeed> {
  const at = opts.at;
  const levels = [newId(), newId()];
  await db('agent_levels').insert(levels.map((id, i) => ({ id, code: `L${i + 1}`, name: `级别${i + 1}`, rank: i + 1, created_at: at, updated_at: at })));
  const agents = Array.from({ length: opts.agents }, () => newId());
  await db('agents').insert(
    agents.map((id, i) => ({ id, code: `A${String(i + 1).padStart(3, '0')}`, name: `代理${i + 1}`, level_id: levels[i % 2], status: 'active', joined_at: at, created_at: at, updated_at: at })),
  );
  const products = Array.from({ length: opts.products }, () => newId());
  const prices = products.map((_, i) => [3000 + 100 * i, 2800 + 100 * i]);
  await db('products').insert(
    products.map((id, i) => ({
      id, sku: `P-${String(i + 1).padStart(3, '0')}`, name: `商品${i + 1}`, category: '食品', retail_price_fen: 5000, min_retail_price_fen: 4000,
      stock_on_hand: opts.stock[i], created_at: at, updated_at: at,
    })),
  );
  await db('product_prices').insert(products.flatMap((p, i) => levels.map((l, j) => ({ product_id: p, level_id: l, price_fen: prices[i][j] }))));
  const moves = products.map((p, i) => ({ id: newId(), product_id: p, delta: opts.stock[i], cause: 'initial', created_at: at })).filter((m) => m.delta);
  if (moves.length) await db('stock_movements').insert(moves);
  return { levels, agents, products, prices };
}

/** One write (or several) in its own transaction at `now`, as a handler would run it. */
export function write<T>(db: Db, now: number, fn: (ctx: LedgerContext) => Promise<T>): Promise<{ value: T; changes: ChangeSet }> {
  return inLedgerTransaction(db, { actor: ACTOR, timeZone: TZ, now: () => now }, fn);
}

const ROLLUPS = DERIVED_TABLES.filter((t) => t !== 'rollup_changes');
const dumpOn = (db: Db, t: string) => rawConnection(db, (c) => c.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all());

/** Every rollup table, whole, in key order. */
export const dumpRollups = async (db: Db) => Object.fromEntries(await Promise.all(ROLLUPS.map(async (t) => [t, await dumpOn(db, t)] as const)));

class Rollback extends Error {}

/** What a rebuild would make of the facts now, without keeping it (the rebuild runs in a rolled-back transaction). */
export async function rebuiltRollups(db: Db): Promise<Record<string, unknown[]>> {
  let rebuilt: Record<string, unknown[]> = {};
  await db
    .transaction(async (trx) => {
      await rebuildRollups(trx);
      rebuilt = Object.fromEntries(await Promise.all(ROLLUPS.map(async (t) => [t, await trx.raw(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)] as const)));
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return rebuilt;
}

/** The incremental rollups are exactly what a rebuild computes, and every product's stock is the sum of its movements. */
export async function expectConsistent(db: Db): Promise<void> {
  expect(await dumpRollups(db)).toEqual(await rebuiltRollups(db));
  const drift = await db.raw(`SELECT p.sku, p.stock_on_hand, COALESCE((SELECT SUM(delta) FROM stock_movements m WHERE m.product_id = p.id), 0) AS moved
    FROM products p WHERE p.stock_on_hand <> COALESCE((SELECT SUM(delta) FROM stock_movements m WHERE m.product_id = p.id), 0)`);
  expect(drift).toEqual([]);
}

export const stockOf = async (db: Db, productId: string) => (await db('products').where({ id: productId }).first('stock_on_hand')).stock_on_hand as number;
export const count = async (db: Db, table: string, where: Record<string, unknown> = {}) => Number((await db(table).where(where).count({ n: '*' }).first())?.n ?? 0);

/** The ApiError body a write threw. */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details?: any }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string; details?: unknown };
    if (!err.code) throw e;
    return { code: err.code, message: err.message, details: err.details };
  }
  throw new Error('expected the write to be refused');
}
