import { ApiError, type Product, type ParsedInput } from '@contract';
import { rawConnection, type Db } from '../../db/open';
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

/** A row for better-sqlite3, which binds numbers, strings and null only. */
const bindable = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));

/** `INSERT INTO table (cols) VALUES (@cols)` prepared once for rows shaped like `sample`. */
const insertStatement = (conn: import('better-sqlite3').Database, table: string, sample: Record<string, unknown>) => {
  const cols = Object.keys(sample);
  return conn.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
};

/**
 * Inserts new products with their prices and initial stock movements through prepared statements (an
 * import writes a hundred thousand rows; knex would compile a statement per batch). Call it inside a
 * transaction (`trx`): the statements run on its connection. The caller has checked the SKUs are free
 * (the unique index is the last word). Returns the new ids in input order.
 */
export async function insertProducts(trx: Db, inputs: CreateInput[], now = Date.now()): Promise<string[]> {
  if (!inputs.length) return [];
  await checkLevels(trx, inputs.map((i) => i.prices));
  const ids = inputs.map(() => newId());
  const productRow = (input: CreateInput, id: string) =>
    bindable({ id, ...columnsOf(input), stock_on_hand: input.initialStock, created_at: now, updated_at: now });
  await rawConnection(trx, (conn) => {
    const product = insertStatement(conn, 'products', productRow(inputs[0], ids[0]));
    const price = conn.prepare('INSERT INTO product_prices (product_id, level_id, price_fen) VALUES (?, ?, ?)');
    const stock = conn.prepare("INSERT INTO stock_movements (id, product_id, delta, cause, created_at) VALUES (?, ?, ?, 'initial', ?)");
    inputs.forEach((input, i) => {
      product.run(productRow(input, ids[i]));
      for (const p of input.prices) price.run(ids[i], p.levelId, p.priceFen);
      if (input.initialStock > 0) stock.run(newId(), ids[i], input.initialStock, now);
    });
  });
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
