// The product editor's model: yuan numbers and per-level prices as the form edits them, and the
// exact conversion to the contract's inputs (integer fen; prices only for levels with a value).
import type { FieldIssue, Input, Level, Product } from '@contract';
import { fenToYuan, yuanToFen } from '@/components/money';
import type { IssueField } from '@/components/fieldIssue';

export interface ProductForm {
  sku: string;
  name: string;
  category: string;
  spec: string;
  usageText: string;
  images: string[];
  retail: number | null;
  minRetail: number | null;
  cost: number | null;
  weightG: number | null;
  initialStock: number | null;
  status: Product['status'];
  returnPolicy7d: boolean;
  /** levelId → agent price in yuan. */
  prices: Record<string, number | null>;
}

export const MAX_IMAGES = 6;

export function emptyForm(): ProductForm {
  return {
    sku: '',
    name: '',
    category: '',
    spec: '',
    usageText: '',
    images: [],
    retail: null,
    minRetail: null,
    cost: null,
    weightG: 0,
    initialStock: 0,
    status: 'listed',
    returnPolicy7d: true,
    prices: {},
  };
}

export function formFromProduct(p: Product): ProductForm {
  return {
    sku: p.sku,
    name: p.name,
    category: p.category,
    spec: p.spec,
    usageText: p.usageText,
    images: [...p.images],
    retail: fenToYuan(p.retailPriceFen),
    minRetail: fenToYuan(p.minRetailPriceFen),
    cost: p.costFen === null ? null : fenToYuan(p.costFen),
    weightG: p.weightG,
    initialStock: null,
    status: p.status,
    returnPolicy7d: p.returnPolicy7d,
    prices: Object.fromEntries(p.prices.map((lp) => [lp.levelId, fenToYuan(lp.priceFen)])),
  };
}

/** Field keys used for error messages: contract paths' first segment, or `price.<levelId>`. */
export type FieldKey = keyof ProductForm | `price.${string}`;

/** Client-side checks: only what must be filled in; the server checks the rest (one set of rules). */
export function missingFields(f: ProductForm): FieldKey[] {
  const missing: FieldKey[] = [];
  if (!f.sku.trim()) missing.push('sku');
  if (!f.name.trim()) missing.push('name');
  if (!f.category.trim()) missing.push('category');
  if (f.retail === null) missing.push('retail');
  if (f.minRetail === null) missing.push('minRetail');
  return missing;
}

type Fields = Omit<Input<'products.create'>, 'initialStock'>;

/** The common fields in contract form; `levels` orders the prices (and maps issue paths back). */
function toFields(f: ProductForm, levels: Level[]): Fields {
  return {
    sku: f.sku.trim(),
    name: f.name.trim(),
    category: f.category.trim(),
    spec: f.spec.trim(),
    usageText: f.usageText.trim(),
    images: f.images.map((s) => s.trim()).filter(Boolean),
    retailPriceFen: yuanToFen(f.retail ?? 0),
    minRetailPriceFen: yuanToFen(f.minRetail ?? 0),
    costFen: f.cost === null ? null : yuanToFen(f.cost),
    weightG: f.weightG ?? 0,
    status: f.status,
    returnPolicy7d: f.returnPolicy7d,
    prices: pricedLevels(f, levels).map((l) => ({ levelId: l.id, priceFen: yuanToFen(f.prices[l.id] as number) })),
  };
}

/** Levels that got a price, in the order they are sent (issue path prices.N refers to this order). */
export const pricedLevels = (f: ProductForm, levels: Level[]): Level[] =>
  levels.filter((l) => f.prices[l.id] !== null && f.prices[l.id] !== undefined);

export const toCreateInput = (f: ProductForm, levels: Level[]): Input<'products.create'> => ({
  ...toFields(f, levels),
  initialStock: f.initialStock ?? 0,
});

export const toUpdateInput = (f: ProductForm, levels: Level[], p: Product): Input<'products.update'> => ({
  id: p.id,
  expectedUpdatedAt: p.updatedAt,
  ...toFields(f, levels),
});

// Contract field → form field where the names differ.
const FIELD_OF_PATH: Record<string, FieldKey> = {
  retailPriceFen: 'retail',
  minRetailPriceFen: 'minRetail',
  costFen: 'cost',
};

/** Server issue path → the form field it belongs to (null: show it above the form). */
export function fieldOfIssue(issue: FieldIssue, sentLevels: Level[]): FieldKey | null {
  const [head, index] = issue.path.split('.');
  if (!head) return null;
  if (head === 'prices') {
    const level = index === undefined ? undefined : sentLevels[Number(index)];
    return level ? `price.${level.id}` : null;
  }
  if (head in FIELD_OF_PATH) return FIELD_OF_PATH[head] ?? null;
  return head in emptyForm() ? (head as FieldKey) : null;
}

// Form field → its label under product.fields where the names differ.
const LABEL_OF_FIELD: Partial<Record<keyof ProductForm, string>> = { usageText: 'usage', weightG: 'weight', returnPolicy7d: 'return7d' };
const MONEY_FIELDS = new Set<FieldKey>(['retail', 'minRetail', 'cost']);

/** How an issue's message names a field: its label as the drawer shows it; money limits in yuan. */
export function issueField(key: FieldKey, levels: Level[], t: (k: string, named?: Record<string, unknown>) => string): IssueField {
  if (key.startsWith('price.')) {
    const level = levels.find((l) => l.id === key.slice(6));
    return { label: t('product.levelPrice', { level: level?.name ?? '' }), money: true };
  }
  const f = key as keyof ProductForm;
  return { label: t(`product.fields.${LABEL_OF_FIELD[f] ?? f}`), money: MONEY_FIELDS.has(f) };
}
