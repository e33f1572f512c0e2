import { ApiError, type ImportRowErrors } from '@contract';
import { auditActor, type AreaHandlers, type Caller } from '../router';
import { listLevels } from '../../domain/catalog/levels';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from '../../domain/catalog/products';
import { importProducts, writeProductTemplate } from '../../domain/catalog/importProducts';
import { ChangeSet } from '../../domain/ledger/changes';
import { publishChanges } from '../events';
import { acceptUpload, importLimits } from '../../excel/importLimits';

const canCost = (caller: Caller) => caller.permissions.has('catalog.cost');

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
  'products.create': async (input, ctx) => createProduct(ctx, canCost(ctx.caller) ? input : { ...input, costFen: null }),
  'products.update': async (input, ctx) => updateProduct(ctx, input, { keepCost: !canCost(ctx.caller) }),
  // Not `mutates` (see its contract entry): the import owns its one transaction, price audits included.
  'products.import': async ({ jobId, file }, env, caller) =>
    env.jobs.run(jobId, caller, async (job) => {
      const limits = await importLimits(env.db);
      job.progress(0, 0, 'checking');
      const bytes = await acceptUpload(file, limits);
      const changes = new ChangeSet();
      try {
        const result = await importProducts(
          env.db,
          bytes,
          { limits, fileName: file.name, canCost: canCost(caller), actor: auditActor(caller), changes, exportsDir: env.exportsDir },
          job,
        );
        publishChanges(env.events, changes); // committed: the import returned
        return result;
      } catch (e) {
        // The error report is the importer's to download.
        if (e instanceof ApiError && e.code === 'IMPORT_ROW_INVALID') env.files.grant((e.details as ImportRowErrors).reportFile, caller);
        throw e;
      }
    }),
  'products.importTemplate': async (_i, env, caller) => {
    const result = await writeProductTemplate(env.db, env.exportsDir, { canCost: canCost(caller), limits: await importLimits(env.db) });
    env.files.grant(result.fileName, caller);
    return result;
  },
};
