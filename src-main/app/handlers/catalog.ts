import { ApiError, type ImportRowErrors } from '@contract';
import { auditActor, type AreaHandlers, type Caller } from '../router';
import { listLevels } from '../../domain/catalog/levels';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from '../../domain/catalog/products';
import { auditPriceChange } from '../../domain/catalog/priceAudit';
import { importProducts, writeProductTemplate } from '../../domain/catalog/importProducts';
import { acceptUpload, importLimits } from '../../excel/importLimits';
import { ChangeSet } from '../../domain/ledger/changes';
import { publishChanges } from '../events';

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
  'products.create': async (input, env, caller) => {
    const changes = new ChangeSet();
    const product = await createProduct(env.db, canCost(caller) ? input : { ...input, costFen: null }, { actor: auditActor(caller), changes });
    publishChanges(env.events, changes);
    return product;
  },
  // The price audit is written with the change (as an import does it), never one without the other.
  'products.update': async (input, env, caller) =>
    env.db.transaction(async (trx) => {
      const before = await getProduct(trx, input.id);
      const after = await updateProduct(trx, input, { keepCost: !canCost(caller) });
      await auditPriceChange(trx, auditActor(caller), before, after);
      return after;
    }),
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
