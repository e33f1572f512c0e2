import type { AreaHandlers } from '../router';
import { listLevels } from '../../domain/catalog/levels';
import type { Product } from '@contract';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from '../../domain/catalog/products';
import { appendAudit } from '../../domain/accounts/audit';

/** Price fields that changed, as { field: [before, after] } (level prices keyed by level id). */
function priceChanges(a: Product, b: Product): Record<string, [number | null, number | null]> {
  const out: Record<string, [number | null, number | null]> = {};
  for (const k of ['retailPriceFen', 'minRetailPriceFen', 'costFen'] as const) if (a[k] !== b[k]) out[k] = [a[k], b[k]];
  const levels = new Set([...a.prices, ...b.prices].map((p) => p.levelId));
  for (const id of levels) {
    const x = a.prices.find((p) => p.levelId === id)?.priceFen ?? null;
    const y = b.prices.find((p) => p.levelId === id)?.priceFen ?? null;
    if (x !== y) out[`price:${id}`] = [x, y];
  }
  return out;
}

export const catalogHandlers: AreaHandlers<
  'levels.list' | 'products.list' | 'products.get' | 'products.categories' | 'products.create' | 'products.update'
> = {
  'levels.list': async (_i, env) => listLevels(env.db),
  'products.list': async (q, env) => listProducts(env.db, q),
  'products.get': async ({ id }, env) => getProduct(env.db, id),
  'products.categories': async (_i, env) => listCategories(env.db),
  // Without catalog.cost the caller never saw the cost (null), so saving must not overwrite it.
  'products.create': async (input, env, caller) => createProduct(env.db, caller.permissions.has('catalog.cost') ? input : { ...input, costFen: null }),
  'products.update': async (input, env, caller) => {
    const before = await getProduct(env.db, input.id);
    const after = await updateProduct(env.db, input, { keepCost: !caller.permissions.has('catalog.cost') });
    const changes = priceChanges(before, after);
    if (Object.keys(changes).length)
      await appendAudit(env.db, { userId: caller.user?.id ?? null, userLogin: caller.user?.login ?? 'local', action: 'price_change', target: after.sku, details: changes });
    return after;
  },
};
