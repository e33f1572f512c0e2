import { ApiError, validationFailed, type Product, type ParsedInput } from '@contract';
import { rawConnection, type Db } from '../../db/open';
import { newId } from '../common/ids';
import type { WriteContext } from '../common/context';
import { auditPriceChange } from './priceAudit';
import { initialsOf } from '../common/pinyin';
import { pageSlice, parseJsonArray, wherePrefix } from '../common/sql';
import { insertRows, placeholders, prepared } from '../common/prepared';
import { auditStockMoves, recordInitialStock, type StockContext } from '../ledger/stock';

type ListQuery = ParsedInput<'products.list'>;
type CreateInput = ParsedInput<'products.create'>;
type UpdateInput = ParsedInput<'products.update'>;

const SORT_COLUMNS: Record<ListQuery['sort'], string> = {
  sku: 'sku',
  name: 'name',
  category: 'category',
  retailPriceFen: 'retail_price_fen',
  stockOnHand: 'stock_on_hand',
  updatedAt: 'updated_at',
};

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  category: string;
  spec: string;
  usage_text: string;
  images: string;
  retail_price_fen: number;
  min_retail_price_fen: number;
  cost_fen: number | null;
  weight_g: number;
  stock_on_hand: number;
  status: Product['status'];
  return_policy_7d: number | boolean;
  created_at: number;
  updated_at: number;
}

function toProduct(r: ProductRow, prices: Product['prices']): Product {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    category: r.category,
    spec: r.spec,
    usageText: r.usage_text,
    images: parseJsonArray(r.images),
    retailPriceFen: Number(r.retail_price_fen),
    minRetailPriceFen: Number(r.min_retail_price_fen),
    costFen: r.cost_fen === null ? null : Number(r.cost_fen),
    weightG: r.weight_g,
    stockOnHand: r.stock_on_hand,
    status: r.status,
    returnPolicy7d: !!r.return_policy_7d,
    prices,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

async function pricesFor(db: Db, ids: string[]): Promise<Map<string, Product['prices']>> {
  const byProduct = new Map<string, Product['prices']>();
  if (!ids.length) return byProduct;
  const rows = await db('product_prices as p')
    .join('agent_levels as l', 'l.id', 'p.level_id')
    .whereIn('p.product_id', ids)
    .orderBy('l.rank')
    .select('p.product_id', 'p.level_id', 'p.price_fen');
  for (const r of rows) {
    const list = byProduct.get(r.product_id) ?? [];
    list.push({ levelId: r.level_id, priceFen: Number(r.price_fen) });
    byProduct.set(r.product_id, list);
  }
  return byProduct;
}

export async function listProducts(db: Db, q: ListQuery): Promise<{ rows: Product[]; total: number }> {
  const base = db('products').where((w) => {
    if (q.status) w.where('status', q.status);
    if (q.category) w.where('category', q.category);
    if (q.search) {
      const s = q.search;
      // SKU, name and pinyin-initial prefixes use their indexes; a catalog holds thousands of goods at
      // most, so a substring match on the name (instr) stays cheap and finds "普洱" inside "古树普洱茶".
      w.where((o) => {
        o.orWhere((x) => wherePrefix(x, 'sku', s))
          .orWhere((x) => wherePrefix(x, 'name_initials', s.toLowerCase()))
          .orWhereRaw('instr(name, ?) > 0', [s]);
      });
    }
  });
  const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
  const { limit, offset } = pageSlice(q.page, q.pageSize);
  const rows: ProductRow[] = await base
    .clone()
    .select('*')
    .orderBy([{ column: SORT_COLUMNS[q.sort], order: q.order }, { column: 'sku', order: 'asc' }])
    .limit(limit)
    .offset(offset);
  const prices = await pricesFor(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => toProduct(r, prices.get(r.id) ?? [])), total };
}

export async function getProduct(db: Db, id: string): Promise<Product> {
  const row: ProductRow | undefined = await db('products').where({ id }).first();
  if (!row) throw new ApiError('NOT_FOUND', `product ${id} does not exist`);
  return toProduct(row, (await pricesFor(db, [id])).get(id) ?? []);
}

type Conn = import('better-sqlite3').Database;

/** SKUs (or ids) per lookup: one fixed-size `IN (…)` statement, padded with NULL (which matches nothing). */
const LOOKUP = 100;
const BY_SKU = `SELECT * FROM products WHERE sku IN (${placeholders(LOOKUP)})`;
const PRICES_OF = `SELECT p.product_id, p.level_id, p.price_fen FROM product_prices p JOIN agent_levels l ON l.id = p.level_id
  WHERE p.product_id IN (${placeholders(LOOKUP)}) ORDER BY l.rank`;
const padded = (keys: string[], from: number) => {
  const out: (string | null)[] = keys.slice(from, from + LOOKUP);
  while (out.length < LOOKUP) out.push(null);
  return out;
};

/**
 * The products with these SKUs (with level prices) by SKU, read LOOKUP at a time through prepared statements
 * on `db`'s connection (inside a transaction: the transaction's). Imports look up every row's SKU.
 */
export async function productsBySku(db: Db, skus: string[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  if (!skus.length) return out;
  await rawConnection(db, (conn) => {
    const bySku = prepared(conn, BY_SKU);
    const pricesOf = prepared(conn, PRICES_OF);
    for (let i = 0; i < skus.length; i += LOOKUP) {
      const rows = bySku.all(padded(skus, i)) as ProductRow[];
      if (!rows.length) continue;
      const prices = new Map<string, Product['prices']>(rows.map((r) => [r.id, []]));
      const ids = rows.map((r) => r.id);
      for (let j = 0; j < ids.length; j += LOOKUP)
        for (const p of pricesOf.all(padded(ids, j)) as { product_id: string; level_id: string; price_fen: number }[])
          prices.get(p.product_id)!.push({ levelId: p.level_id, priceFen: Number(p.price_fen) });
      for (const r of rows) out.set(r.sku, toProduct(r, prices.get(r.id)!));
    }
  });
  return out;
}

export async function listCategories(db: Db): Promise<string[]> {
  return (await db('products').distinct('category').orderBy('category')).map((r) => r.category);
}

async function assertSkuFree(trx: Db, sku: string, exceptId?: string) {
  const taken = await trx('products')
    .where({ sku })
    .modify((q) => exceptId && q.whereNot('id', exceptId))
    .first('id');
  if (taken) throw new ApiError('CONFLICT', `SKU ${sku} is already used by another product`, { field: 'sku' });
}

/** Product columns an insert sets, in the order `productParams` gives them. */
const PRODUCT_COLUMNS = [
  'id', 'sku', 'name', 'name_initials', 'category', 'spec', 'usage_text', 'images', 'retail_price_fen', 'min_retail_price_fen',
  'cost_fen', 'weight_g', 'status', 'return_policy_7d', 'stock_on_hand', 'created_at', 'updated_at',
];
const imagesJson = (images: string[]) => (images.length ? JSON.stringify(images) : '[]');

/** Appends one product's insert parameters (better-sqlite3 binds numbers, strings and null only). */
function pushProductParams(out: unknown[], id: string, input: CreateInput, now: number) {
  out.push(
    id, input.sku, input.name, initialsOf(input.name), input.category, input.spec, input.usageText, imagesJson(input.images),
    input.retailPriceFen, input.minRetailPriceFen, input.costFen, input.weightG, input.status, input.returnPolicy7d ? 1 : 0,
    input.initialStock, now, now,
  );
}

const PRODUCTS = `products (${PRODUCT_COLUMNS.join(', ')})`;
const PRODUCT_TUPLE = `(${placeholders(PRODUCT_COLUMNS.length)})`;
const PRICES = 'product_prices (product_id, level_id, price_fen)';

/** Refuses a price for a level that does not exist (index `i` names the price in the message). */
function checkLevelsOn(conn: Conn, prices: CreateInput['prices'][]) {
  const levelIds = new Set((prepared(conn, 'SELECT id FROM agent_levels').all() as { id: string }[]).map((r) => r.id));
  for (const list of prices)
    list.forEach((p, i) => {
      if (!levelIds.has(p.levelId))
        throw validationFailed([{ path: `prices.${i}.levelId`, code: 'unknownLevel', message: 'unknown agent level' }]);
    });
}

/**
 * Inserts new products with their prices through prepared multi-row statements (an import writes a hundred
 * thousand products; knex would compile a statement per batch), and their initial stock through the ledger: the
 * row is inserted with stock_on_hand = its initial stock, and recordInitialStock writes the matching 'initial'
 * movement (a second UPDATE per product would cost the import ~0.4 s per 100,000 rows). Call it inside a
 * transaction (`ctx.trx`): the statements run on its connection. The caller has checked the SKUs are free (the
 * unique index is the last word) and writes the stock's audit entry (auditStockMoves: one for a whole import).
 * Returns the new ids in input order.
 */
export async function insertProducts(ctx: StockContext, inputs: CreateInput[], now = ctx.now()): Promise<string[]> {
  if (!inputs.length) return [];
  const ids = inputs.map(() => newId());
  const stock: { productId: string; units: number }[] = [];
  await rawConnection(ctx.trx, (conn) => {
    checkLevelsOn(conn, inputs.map((i) => i.prices));
    const products: unknown[] = [];
    const prices: unknown[] = [];
    inputs.forEach((input, i) => {
      pushProductParams(products, ids[i], input, now);
      for (const p of input.prices) prices.push(ids[i], p.levelId, p.priceFen);
      if (input.initialStock > 0) stock.push({ productId: ids[i], units: input.initialStock });
    });
    insertRows(conn, PRODUCTS, PRODUCT_TUPLE, PRODUCT_COLUMNS.length, 50, products);
    insertRows(conn, PRICES, '(?, ?, ?)', 3, 200, prices);
  });
  await recordInitialStock(ctx, stock, now);
  ctx.changes.touch(['products', 'product_prices']);
  return ids;
}

const UPDATE_PRODUCT = `UPDATE products SET sku = ?, name = ?, name_initials = ?, category = ?, spec = ?, usage_text = ?, images = ?,
  retail_price_fen = ?, min_retail_price_fen = ?, weight_g = ?, status = ?, return_policy_7d = ?, updated_at = ?,
  cost_fen = CASE WHEN ? THEN cost_fen ELSE ? END WHERE id = ?`;

/**
 * Writes edits of existing products read inside the same transaction (`trx`; an import's matched SKUs), as
 * updateProduct would — fields, level prices replaced, updated_at strictly increasing (a second save from a stale form is always caught), cost kept with
 * `keepCost` — through prepared statements on its connection. No stale or SKU check: `current` was read in
 * this transaction and matched by this SKU. Returns each product as it now is (for the price audit).
 */
export async function updateProducts(
  trx: Db,
  edits: { input: CreateInput | UpdateInput; current: Product }[],
  opts: { keepCost?: boolean } = {},
  now = Date.now(),
): Promise<Product[]> {
  if (!edits.length) return [];
  return rawConnection(trx, (conn) => {
    checkLevelsOn(conn, edits.map((e) => e.input.prices));
    const update = prepared(conn, UPDATE_PRODUCT);
    const clear = prepared(conn, 'DELETE FROM product_prices WHERE product_id = ?');
    const prices: unknown[] = [];
    const after = edits.map(({ input, current }) => {
      const updatedAt = Math.max(now, current.updatedAt + 1);
      const keep = opts.keepCost ? 1 : 0;
      update.run(
        input.sku, input.name, initialsOf(input.name), input.category, input.spec, input.usageText, imagesJson(input.images),
        input.retailPriceFen, input.minRetailPriceFen, input.weightG, input.status, input.returnPolicy7d ? 1 : 0, updatedAt,
        keep, input.costFen, current.id,
      );
      clear.run(current.id);
      for (const p of input.prices) prices.push(current.id, p.levelId, p.priceFen);
      const product: Product = {
        ...current,
        sku: input.sku,
        name: input.name,
        category: input.category,
        spec: input.spec,
        usageText: input.usageText,
        images: input.images,
        retailPriceFen: input.retailPriceFen,
        minRetailPriceFen: input.minRetailPriceFen,
        costFen: opts.keepCost ? current.costFen : input.costFen,
        weightG: input.weightG,
        status: input.status,
        returnPolicy7d: input.returnPolicy7d,
        prices: input.prices.map((p) => ({ levelId: p.levelId, priceFen: p.priceFen })),
        updatedAt,
      };
      return product;
    });
    insertRows(conn, PRICES, '(?, ?, ?)', 3, 200, prices);
    return after;
  });
}

/** A product from the form; its initial stock is a movement through the ledger, audited with it. */
export async function createProduct(ctx: WriteContext, input: CreateInput): Promise<Product> {
  await assertSkuFree(ctx.trx, input.sku);
  const now = ctx.now();
  const [id] = await insertProducts(ctx, [input], now);
  if (input.initialStock > 0) await auditStockMoves(ctx, { causes: ['initial'], rows: 1, units: input.initialStock }, now, `product:${input.sku}`);
  return getProduct(ctx.trx, id);
}

/** An edit from the product form, refused when the form is stale; a price change is audited with it (as an import does). */
export async function updateProduct(ctx: WriteContext, input: UpdateInput, opts: { keepCost?: boolean } = {}): Promise<Product> {
  const { trx } = ctx;
  const current = await getProduct(trx, input.id);
  if (current.updatedAt !== input.expectedUpdatedAt)
    throw new ApiError('CONFLICT', 'this product was changed by someone else since you opened it; reload and edit again', {
      reason: 'stale',
    });
  await assertSkuFree(trx, input.sku, input.id);
  // The one way an edit is written (an import's batches go through it too).
  await updateProducts(trx, [{ input, current }], opts, ctx.now());
  const after = await getProduct(trx, input.id);
  await auditPriceChange(ctx, current, after);
  return after;
}
