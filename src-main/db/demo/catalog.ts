// Agent levels, products with their level prices, and the stock movements that close the books.
import type { Database } from 'better-sqlite3';
import { DAY_MS } from '@contract/days';
import { initialsOf } from '../../domain/common/pinyin';
import type { Calendar } from './calendar';
import { LEVELS, PRODUCTS, type ProductSeed, noReturnCategories } from './data';
import { type Random, WeightedPicker } from './random';

/** Products taken off the shelf stop selling this many days before the end of the history. */
const UNLISTED_DAYS = 45;

export interface CatalogProduct {
  id: string;
  seed: ProductSeed;
  fresh: boolean;
  returns7d: boolean;
  /** Agent price in fen by level index (LEVELS order). */
  priceByLevel: number[];
}

export interface Catalog {
  levelIds: string[];
  products: CatalogProduct[];
  /** Draws a product index by popularity among the products on sale on day `d`. */
  pickProduct(d: number, rng: Random): number;
}

const yuanToFen = (yuan: number) => Math.round(yuan * 100);

const inSeason = (s: ProductSeed, month: number) =>
  !s.season || (s.season[0] <= s.season[1] ? month >= s.season[0] && month <= s.season[1] : month >= s.season[0] || month <= s.season[1]);

export function insertCatalog(conn: Database, cal: Calendar, newId: () => string, rng: Random): Catalog {
  const createdAt = cal.startMs[0] - 30 * DAY_MS; // the catalog exists before the first agent joins
  const unlistDay = Math.max(0, cal.days - UNLISTED_DAYS);

  const levelIds = LEVELS.map(() => newId());
  const insLevel = conn.prepare('INSERT INTO agent_levels (id, code, name, rank, created_at, updated_at) VALUES (?,?,?,?,?,?)');
  LEVELS.forEach((l, i) => insLevel.run(levelIds[i], l.code, l.name, l.rank, createdAt, createdAt));

  const insProduct = conn.prepare(
    `INSERT INTO products (id, sku, name, name_initials, category, spec, usage_text, images, retail_price_fen,
       min_retail_price_fen, cost_fen, weight_g, stock_on_hand, status, return_policy_7d, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,'[]',?,?,?,?,0,?,?,?,?)`,
  );
  const insPrice = conn.prepare('INSERT INTO product_prices (product_id, level_id, price_fen) VALUES (?,?,?)');
  const products = PRODUCTS.map((seed, i): CatalogProduct => {
    const id = newId();
    const retail = yuanToFen(seed.retail);
    const fresh = noReturnCategories.has(seed.category);
    const at = createdAt + i * 3_600_000;
    insProduct.run(
      id,
      seed.sku,
      seed.name,
      initialsOf(seed.name),
      seed.category,
      seed.spec,
      seed.usage,
      retail,
      Math.min(retail, Math.round((retail * 0.9) / 100) * 100), // 控价: about 90 % of retail, whole yuan
      Math.round(retail * rng.range(0.3, 0.45)),
      seed.weightG,
      seed.unlisted ? 'unlisted' : 'listed',
      fresh ? 0 : 1,
      at,
      seed.unlisted ? cal.startMs[unlistDay] : at,
    );
    const priceByLevel = LEVELS.map((l) => Math.round(retail * l.priceShare));
    priceByLevel.forEach((price, li) => insPrice.run(id, levelIds[li], price));
    return { id, seed, fresh, returns7d: !fresh, priceByLevel };
  });

  // One picker per (month, unlisted yet?) combination, built when first needed.
  const pickers = new Map<number, { picker: WeightedPicker; index: number[] }>();
  const pickProduct = (d: number, r: Random): number => {
    const gone = d >= unlistDay;
    const key = cal.month[d] * 2 + (gone ? 1 : 0);
    let entry = pickers.get(key);
    if (!entry) {
      const index = PRODUCTS.flatMap((s, i) => (inSeason(s, cal.month[d]) && !(gone && s.unlisted) ? [i] : []));
      entry = { picker: new WeightedPicker(index.map((i) => PRODUCTS[i].popularity)), index };
      pickers.set(key, entry);
    }
    return entry.index[entry.picker.index(r)];
  };

  return { levelIds, products, pickProduct };
}

/**
 * Stock on hand is the sum of movements: an initial stock large enough for the whole history, one
 * aggregated movement for all shipped units and one for restocked returns.
 */
export function insertStock(
  conn: Database,
  cal: Calendar,
  catalog: Catalog,
  shipped: Int32Array,
  restocked: Int32Array,
  newId: () => string,
  rng: Random,
): void {
  const insMove = conn.prepare('INSERT INTO stock_movements (id, product_id, delta, cause, ref_id, created_at) VALUES (?,?,?,?,NULL,?)');
  const setStock = conn.prepare('UPDATE products SET stock_on_hand = ? WHERE id = ?');
  const initialAt = cal.startMs[0] - DAY_MS;
  const now = cal.startMs[cal.days] - 1;
  catalog.products.forEach((p, i) => {
    const onShelf = rng.int(200, 3000);
    insMove.run(newId(), p.id, shipped[i] + onShelf, 'initial', initialAt);
    if (shipped[i] > 0) insMove.run(newId(), p.id, -shipped[i], 'order', now);
    if (restocked[i] > 0) insMove.run(newId(), p.id, restocked[i], 'return', now);
    setStock.run(onShelf + restocked[i], p.id);
  });
}
