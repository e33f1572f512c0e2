import { ApiError, type Product, type ParsedInput } from '@contract';
import type { Db } from '../../db/open';
import { newId } from '../common/ids';
import { initialsOf } from '../common/pinyin';
import { pageSlice, parseJsonArray, wherePrefix } from '../common/sql';

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

/** The products with these SKUs (with level prices) by SKU, read in chunks (imports look up every row's SKU). */
export async function productsBySku(db: Db, skus: string[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  for (let i = 0; i < skus.length; i += 500) {
    const rows: ProductRow[] = await db('products').whereIn('sku', skus.slice(i, i + 500)).select('*');
    const prices = await pricesFor(db, rows.map((r) => r.id));
    for (const r of rows) out.set(r.sku, toProduct(r, prices.get(r.id) ?? []));
  }
  return out;
}

export async function listCategories(db: Db): Promise<string[]> {
  return (await db('products').distinct('category').orderBy('category')).map((r) => r.category);
}

function columnsOf(input: CreateInput | UpdateInput) {
  return {
    sku: input.sku,
    name: input.name,
    name_initials: initialsOf(input.name),
    category: input.category,
    spec: input.spec,
    usage_text: input.usageText,
    images: JSON.stringify(input.images),
    retail_price_fen: input.retailPriceFen,
    min_retail_price_fen: input.minRetailPriceFen,
    cost_fen: input.costFen,
    weight_g: input.weightG,
    status: input.status,
    return_policy_7d: input.returnPolicy7d,
  };
}

async function assertSkuFree(trx: Db, sku: string, exceptId?: string) {
  const taken = await trx('products')
    .where({ sku })
    .modify((q) => exceptId && q.whereNot('id', exceptId))
    .first('id');
  if (taken) throw new ApiError('CONFLICT', `SKU ${sku} is already used by another product`, { field: 'sku' });
}

/** Refuses a price for a level that does not exist (index `i` names the price in the message). */
async function checkLevels(trx: Db, prices: CreateInput['prices'][]) {
  const levelIds = new Set((await trx('agent_levels').select('id')).map((r) => r.id));
  for (const list of prices)
    list.forEach((p, i) => {
      if (!levelIds.has(p.levelId))
        throw new ApiError('VALIDATION_FAILED', `prices.${i}.levelId: unknown agent level`, {
          issues: [{ path: `prices.${i}.levelId`, message: 'unknown agent level' }],
        });
    });
}

async function writePrices(trx: Db, productId: string, prices: CreateInput['prices']) {
  await checkLevels(trx, [prices]);
  await trx('product_prices').where({ product_id: productId }).delete();
  if (prices.length)
    await trx('product_prices').insert(prices.map((p) => ({ product_id: productId, level_id: p.levelId, price_fen: p.priceFen })));
}

// Rows per multi-row INSERT: knex writes one as a compound SELECT, of at most 500 terms in SQLite.
const INSERT_CHUNK = 500;

/**
 * Inserts new products with their prices and initial stock movements, many rows a statement (an import
 * writes thousands). The caller has checked the SKUs are free (the unique index is the last word). Returns
 * the new ids in input order.
 */
export async function insertProducts(trx: Db, inputs: CreateInput[], now = Date.now()): Promise<string[]> {
  await checkLevels(trx, inputs.map((i) => i.prices));
  const ids = inputs.map(() => newId());
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
    const chunk = inputs.slice(i, i + INSERT_CHUNK);
    const chunkIds = ids.slice(i, i + INSERT_CHUNK);
    await trx('products').insert(chunk.map((input, j) => ({ id: chunkIds[j], ...columnsOf(input), stock_on_hand: input.initialStock, created_at: now, updated_at: now })));
    const prices = chunk.flatMap((input, j) => input.prices.map((p) => ({ product_id: chunkIds[j], level_id: p.levelId, price_fen: p.priceFen })));
    for (let k = 0; k < prices.length; k += INSERT_CHUNK) await trx('product_prices').insert(prices.slice(k, k + INSERT_CHUNK));
    const stock = chunk.flatMap((input, j) => (input.initialStock > 0 ? [{ id: newId(), product_id: chunkIds[j], delta: input.initialStock, cause: 'initial', created_at: now }] : []));
    if (stock.length) await trx('stock_movements').insert(stock);
  }
  return ids;
}

export async function createProduct(db: Db, input: CreateInput, now = Date.now()): Promise<Product> {
  const id = await db.transaction(async (trx) => {
    await assertSkuFree(trx, input.sku);
    return (await insertProducts(trx, [input], now))[0];
  });
  return getProduct(db, id);
}

export async function updateProduct(db: Db, input: UpdateInput, opts: { keepCost?: boolean } = {}, now = Date.now()): Promise<Product> {
  await db.transaction(async (trx) => {
    const cur = await trx('products').where({ id: input.id }).first('updated_at');
    if (!cur) throw new ApiError('NOT_FOUND', `product ${input.id} does not exist`);
    if (Number(cur.updated_at) !== input.expectedUpdatedAt)
      throw new ApiError('CONFLICT', 'this product was changed by someone else since you opened it; reload and edit again', {
        reason: 'stale',
      });
    await assertSkuFree(trx, input.sku, input.id);
    // updated_at strictly increases so a second save from a stale form is always caught.
    const updatedAt = Math.max(now, Number(cur.updated_at) + 1);
    const { cost_fen, ...cols } = columnsOf(input);
    await trx('products')
      .where({ id: input.id })
      .update({ ...cols, ...(opts.keepCost ? {} : { cost_fen }), updated_at: updatedAt });
    await writePrices(trx, input.id, input.prices);
  });
  return getProduct(db, input.id);
}
