import { ApiError, stockMoveInput, validationFailed, type StockCause, type StockMoveInput } from '@contract';
import { rawConnection } from '../../db/open';
import { newId } from '../common/ids';
import { insertRows, placeholders, prepared } from '../common/prepared';
import { getSetting } from '../system/settings';
import { ledgerAudit } from './audit';
import { atomically, type LedgerContext } from './context';
import { notFound, parseInput } from './validate';

/** What stock writes need (no days are cut): an import has no time zone at hand. */
export type StockContext = Pick<LedgerContext, 'trx' | 'actor' | 'now' | 'changes'>;

export interface Movement {
  productId: string;
  delta: number;
  cause: StockCause;
  /** The order or after-sales case that moved the goods. */
  refId?: string | null;
  note?: string;
}

const STOCK_TABLES = ['stock_movements', 'products'] as const;
const MOVEMENTS = 'stock_movements (id, product_id, delta, cause, ref_id, created_at, note)';
const MOVE_TUPLE = '(?, ?, ?, ?, ?, ?, ?)';
const ADD_STOCK = 'UPDATE products SET stock_on_hand = stock_on_hand + ? WHERE id = ?';
const LOOKUP = 100;
const STOCK_OF = `SELECT id, sku, stock_on_hand FROM products WHERE id IN (${placeholders(LOOKUP)})`;

/**
 * The one place stock changes: the movements are inserted and products.stock_on_hand moves by their sum (so it
 * always equals the sum of its movements). A product's stock may not end below zero unless the allowBackorders
 * setting says so; `pathOf` names the input field behind a product in that refusal. Multi-row prepared statements:
 * an import moves the initial stock of a hundred thousand products through here.
 */
export async function writeMovements(ctx: StockContext, moves: Movement[], at: number, pathOf?: (productId: string) => string): Promise<void> {
  if (!moves.length) return;
  const net = new Map<string, number>();
  for (const m of moves) net.set(m.productId, (net.get(m.productId) ?? 0) + m.delta);
  const taking = [...net].filter(([, d]) => d < 0).map(([id]) => id);
  const backorders = taking.length > 0 && (await getSetting(ctx.trx, 'allowBackorders'));
  await rawConnection(ctx.trx, (conn) => {
    if (taking.length && !backorders)
      for (let i = 0; i < taking.length; i += LOOKUP) {
        const ids: (string | null)[] = taking.slice(i, i + LOOKUP);
        while (ids.length < LOOKUP) ids.push(null);
        for (const p of prepared(conn, STOCK_OF).all(ids) as { id: string; sku: string; stock_on_hand: number }[]) {
          const requested = -net.get(p.id)!;
          if (p.stock_on_hand >= requested) continue;
          const path = pathOf?.(p.id);
          throw new ApiError(
            'STOCK_INSUFFICIENT',
            `${path ? `${path}: ` : ''}only ${Math.max(p.stock_on_hand, 0)} of ${p.sku} in stock, ${requested} needed (back-orders are off)`,
            { productId: p.id, sku: p.sku, onHand: p.stock_on_hand, requested, ...(path ? { path } : {}) },
          );
        }
      }
    const params: unknown[] = [];
    for (const m of moves) params.push(newId(), m.productId, m.delta, m.cause, m.refId ?? null, at, m.note ?? '');
    insertRows(conn, MOVEMENTS, MOVE_TUPLE, 7, 100, params);
    const add = prepared(conn, ADD_STOCK);
    for (const [id, d] of net) if (d !== 0 && add.run(d, id).changes !== 1) throw notFound('product', id, pathOf?.(id) ?? 'productId');
  });
  ctx.changes.touch(STOCK_TABLES);
}

/** A person moves stock (goods received, a count, an adjustment): one movement, audited with before and after. */
export const moveStock = (ctx: StockContext, input: StockMoveInput) => atomically(ctx, (c) => move(c, input));

async function move(ctx: StockContext, input: StockMoveInput): Promise<{ productId: string; stockOnHand: number }> {
  const m = parseInput(stockMoveInput, input);
  const at = ctx.now();
  const before = await ctx.trx('products').where({ id: m.productId }).first('sku', 'stock_on_hand');
  if (!before) throw notFound('product', m.productId, 'productId');
  await writeMovements(ctx, [{ productId: m.productId, delta: m.delta, cause: m.cause, note: m.reason }], at, () => 'delta');
  const stockOnHand = before.stock_on_hand + m.delta;
  await ledgerAudit(ctx, at, 'stock_move', `product:${before.sku}`, {
    productId: m.productId, cause: m.cause, delta: m.delta, stock: [before.stock_on_hand, stockOnHand], ...(m.reason ? { reason: m.reason } : {}),
  });
  return { productId: m.productId, stockOnHand };
}

export type BulkMovement = { productId: string; delta: number; cause: 'initial' | 'receipt' | 'adjust' | 'count'; note?: string };

/**
 * Many movements at once (an import's initial stock, a stock-count sheet): checked row by row without a schema
 * parse each (the rows come from a checked import), written in multi-row statements. One audit entry sums them up
 * unless `audit: false` (the caller then writes one for the whole job with auditStockMoves).
 */
export const moveStockBulk = (ctx: StockContext, rows: BulkMovement[], opts: { audit?: boolean } = {}) => atomically(ctx, (c) => moveBulk(c, rows, opts));

async function moveBulk(ctx: StockContext, rows: BulkMovement[], opts: { audit?: boolean }): Promise<{ rows: number; units: number }> {
  const moves: Movement[] = [];
  let units = 0;
  rows.forEach((r, i) => {
    if (!Number.isInteger(r.delta) || r.delta === 0 || Math.abs(r.delta) > 10_000_000)
      throw validationFailed([{ path: `${i}.delta`, code: 'invalid', message: 'expected a whole number of units other than 0, at most 10000000 either way' }]);
    moves.push({ productId: r.productId, delta: r.delta, cause: r.cause, note: r.note });
    units += r.delta;
  });
  const at = ctx.now();
  await writeMovements(ctx, moves, at, (id) => `${rows.findIndex((r) => r.productId === id)}.delta`);
  const summary = { rows: moves.length, units };
  if (opts.audit !== false && moves.length) await auditStockMoves(ctx, { causes: [...new Set(rows.map((r) => r.cause))], ...summary }, at);
  return summary;
}

/**
 * The 'initial' movements of products inserted in this transaction with stock_on_hand already set to `units` (the
 * product import writes it in the INSERT, since an UPDATE per new product costs ~0.4 s per 100,000): only the
 * movements are written, so stock stays the sum of movements. Anything else moves stock through writeMovements.
 * No audit entry: the caller writes one for its whole job (auditStockMoves).
 */
export async function recordInitialStock(ctx: StockContext, rows: { productId: string; units: number }[], at = ctx.now()): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  for (const r of rows) params.push(newId(), r.productId, r.units, 'initial', null, at, '');
  await rawConnection(ctx.trx, (conn) => insertRows(conn, MOVEMENTS, MOVE_TUPLE, 7, 100, params));
  ctx.changes.touch(STOCK_TABLES);
}

/** One audit entry for many movements (an import's initial stock); `target` names the product when there is one. */
export const auditStockMoves = (ctx: StockContext, summary: { causes: string[]; rows: number; units: number }, at = ctx.now(), target = 'products') =>
  ledgerAudit(ctx, at, 'stock_move', target, summary);
