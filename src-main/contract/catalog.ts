import { z } from 'zod';
import { fen, id, jobId, pageOf, paging, trimmed } from './common';
import { rule } from './fieldIssues';
import { importFile, importResultSchema } from './imports';
import { exportResultSchema } from './reports';
import { method } from './method';
import { restricted } from './pii';

export const productStatus = z.enum(['listed', 'unlisted']);

export const levelSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  rank: z.number().int(),
});
export type Level = z.infer<typeof levelSchema>;

export const levelPriceSchema = z.object({ levelId: id, priceFen: fen });

export const productSchema = z.object({
  id,
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  spec: z.string(),
  usageText: z.string(),
  images: z.array(z.string()),
  retailPriceFen: fen,
  minRetailPriceFen: fen,
  costFen: restricted(fen.nullable(), 'catalog.cost'),
  weightG: z.number().int(),
  stockOnHand: z.number().int(),
  status: productStatus,
  returnPolicy7d: z.boolean(),
  prices: z.array(levelPriceSchema),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Product = z.infer<typeof productSchema>;

/** A SKU as the schema accepts it (after trimming). */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

const productFields = {
  sku: z
    .string()
    .trim()
    .refine((s) => SKU_PATTERN.test(s), rule('skuFormat', 'SKU: 1–40 letters, digits, dot, dash or underscore')),
  name: trimmed(100).min(1, 'name is required'),
  category: trimmed(30).min(1, 'category is required'),
  spec: trimmed(50).default(''),
  usageText: trimmed(2000).default(''),
  images: z.array(z.string().trim().max(500)).max(6, 'at most 6 images').default([]),
  retailPriceFen: fen,
  minRetailPriceFen: fen,
  costFen: fen.nullable().default(null),
  weightG: z.number().int().min(0).max(1_000_000).default(0),
  status: productStatus.default('listed'),
  returnPolicy7d: z.boolean().default(true),
  prices: z.array(levelPriceSchema).default([]),
};

type PriceCheck = { retailPriceFen?: number; minRetailPriceFen?: number; prices?: { priceFen: number }[] };
/** Cross-field rules shared by create and update: 控价 ≤ 零售价, 代理价 ≤ 零售价; each one broken, at its field. */
export function brokenPriceRules(p: PriceCheck) {
  const broken: ({ path: (string | number)[] } & ReturnType<typeof rule>)[] = [];
  const retail = p.retailPriceFen;
  if (retail === undefined) return broken;
  if (p.minRetailPriceFen !== undefined && p.minRetailPriceFen > retail)
    broken.push({ path: ['minRetailPriceFen'], ...rule('minAboveRetail', 'minimum retail price must not exceed retail price') });
  p.prices?.forEach((lp, i) => {
    if (lp.priceFen > retail) broken.push({ path: ['prices', i, 'priceFen'], ...rule('agentAboveRetail', 'agent price must not exceed retail price') });
  });
  return broken;
}
function checkPrices(p: PriceCheck, ctx: z.RefinementCtx) {
  for (const b of brokenPriceRules(p)) ctx.addIssue({ code: 'custom', ...b });
}

export const productCreateInput = z
  .object({ ...productFields, initialStock: z.number().int().min(0).max(10_000_000).default(0) })
  .superRefine(checkPrices);
export type ProductCreateInput = z.input<typeof productCreateInput>;

export const productUpdateInput = z
  .object({
    id,
    /** Optimistic concurrency: the updatedAt the editor loaded; CONFLICT if the row changed since. */
    expectedUpdatedAt: z.number().int(),
    ...productFields,
  })
  .superRefine(checkPrices);
export type ProductUpdateInput = z.input<typeof productUpdateInput>;

export const productSortKeys = z.enum(['sku', 'name', 'category', 'retailPriceFen', 'stockOnHand', 'updatedAt']);

export const catalogMethods = {
  'levels.list': method({
    summary: 'Agent levels, lowest rank first',
    input: z.object({}).default({}),
    output: z.array(levelSchema),
    permission: 'catalog.view',
    errors: [],
  }),
  'products.list': method({
    summary: 'Products, paged, sorted and searched (SKU, name or pinyin initials) in SQL',
    input: z.object({
      ...paging,
      sort: productSortKeys.default('sku'),
      search: trimmed(100).default(''),
      status: productStatus.optional(),
      category: trimmed(30).optional(),
    }),
    output: pageOf(productSchema),
    permission: 'catalog.view',
    errors: [],
  }),
  'products.get': method({
    summary: 'One product with its level prices',
    input: z.object({ id }),
    output: productSchema,
    permission: 'catalog.view',
    errors: ['NOT_FOUND'],
  }),
  'products.categories': method({
    summary: 'Distinct product categories in use',
    input: z.object({}).default({}),
    output: z.array(z.string()),
    permission: 'catalog.view',
    errors: [],
  }),
  'products.create': method({
    summary: 'Create a product (with initial stock as a stock movement)',
    input: productCreateInput,
    output: productSchema,
    permission: 'catalog.edit',
    errors: ['CONFLICT', 'NOT_FOUND'],
    mutates: true,
  }),
  'products.update': method({
    summary: 'Edit a product and its level prices',
    input: productUpdateInput,
    output: productSchema,
    permission: 'catalog.edit',
    errors: ['CONFLICT', 'NOT_FOUND'],
    mutates: true,
  }),
  'products.import': method({
    summary:
      'Create or update products from an .xlsx, matched by SKU, in one transaction; with any bad row nothing is written and the rows come back with an error report',
    input: z.object({ jobId, file: importFile }),
    output: importResultSchema,
    permission: 'catalog.edit',
    errors: ['IMPORT_ROW_INVALID', 'IMPORT_TOO_LARGE', 'IMPORT_FILE_INVALID', 'CANCELLED'],
    job: true,
    upload: true,
    ownTransaction: 'streams the workbook and writes it batch by batch in one transaction of its own, with its price-change audit entries',
  }),
  'products.importTemplate': method({
    summary: 'Write the product import template (columns per agent level, an example row, a 说明 sheet) to the exports folder',
    input: z.object({}).default({}),
    output: exportResultSchema,
    permission: 'catalog.edit',
    errors: [],
  }),
};
