import type { AreaHandlers } from '../router';
import { listLevels } from '../../domain/catalog/levels';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from '../../domain/catalog/products';

export const catalogHandlers: AreaHandlers<
  'levels.list' | 'products.list' | 'products.get' | 'products.categories' | 'products.create' | 'products.update'
> = {
  'levels.list': async (_i, env) => listLevels(env.db),
  'products.list': async (q, env) => listProducts(env.db, q),
  'products.get': async ({ id }, env) => getProduct(env.db, id),
  'products.categories': async (_i, env) => listCategories(env.db),
  // Without catalog.cost the caller never saw the cost (null), so saving must not overwrite it.
  'products.create': async (input, env, caller) => createProduct(env.db, caller.permissions.has('catalog.cost') ? input : { ...input, costFen: null }),
  'products.update': async (input, env, caller) =>
    updateProduct(env.db, input, { keepCost: !caller.permissions.has('catalog.cost') }),
};
