import { ApiError } from '@contract';
import { auditActor, type AreaHandlers } from '../router';
import { listLevels } from '../../domain/catalog/levels';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from '../../domain/catalog/products';
import { auditPriceChange } from '../../domain/catalog/priceAudit';
import { importProducts, writeProductTemplate } from '../../domain/catalog/importProducts';
import { acceptUpload, importLimits } from '../../excel/importLimits';

export const catalogHandlers: AreaHandlers<
  | 'levels.list'
  | 'products.list'
  | 'products.get'
  | 'products.categories'
  | 'products.create'
  | 'products.update'
  | 'products.import'
  | 'products.importTemplate'
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
    await auditPriceChange(env.db, auditActor(caller), before, after);
    return after;
  },
  'products.import': async ({ jobId, file }, env, caller) =>
    env.jobs.run(jobId, async (job) => {
      const limits = await importLimits(env.db);
      job.progress(0, 0, 'checking');
      const workbook = await acceptUpload(file, limits);
      try {
        return await importProducts(
          env.db,
          workbook,
          { limits, canCost: caller.permissions.has('catalog.cost'), actor: auditActor(caller), exportsDir: env.exportsDir },
          job,
        );
      } catch (e) {
        // The error report is the importer's to download.
        const report = e instanceof ApiError && e.code === 'IMPORT_ROW_INVALID' ? (e.details as { reportFile?: string } | undefined)?.reportFile : undefined;
        if (report) env.files.grant(report, caller);
        throw e;
      }
    }),
  'products.importTemplate': async (_i, env, caller) => {
    const result = await writeProductTemplate(env.db, env.exportsDir, { canCost: caller.permissions.has('catalog.cost'), limits: await importLimits(env.db) });
    env.files.grant(result.fileName, caller);
    return result;
  },
};
