// productCreateInput's answer for an input it certainly accepts, without running zod: an import checks each of
// up to 100,000 rows with the schema, and zod's parse was about 1 s of a 100,000-row import. The schema stays the
// one definition: bounds and defaults are read from it, the SKU pattern and price rules are its own; only plain
// valid values are decided here, and anything else (a wrong type, a bound crossed, images) returns null so
// that zod decides and names the issues. tests/unit/productFastCheck.test.ts checks on random inputs, valid and
// invalid, that whatever this accepts zod accepts with the same output.
import type { z } from 'zod';
import { brokenPriceRules, levelPriceSchema, productCreateInput, SKU_PATTERN } from './catalog';

type Output = z.output<typeof productCreateInput>;

const shape = productCreateInput.shape;
interface Length {
  minLength: number | null;
  maxLength: number | null;
}
interface Range {
  minValue: number | null;
  maxValue: number | null;
}
const length = (s: Length) => ({ min: s.minLength ?? 0, max: s.maxLength ?? Infinity });
const range = (s: Range) => ({ min: s.minValue ?? -Infinity, max: s.maxValue ?? Infinity });
const BOUNDS = {
  sku: length(shape.sku),
  name: length(shape.name),
  category: length(shape.category),
  spec: length(shape.spec.unwrap()),
  usageText: length(shape.usageText.unwrap()),
  retailPriceFen: range(shape.retailPriceFen),
  minRetailPriceFen: range(shape.minRetailPriceFen),
  costFen: range(shape.costFen.unwrap().unwrap()),
  weightG: range(shape.weightG.unwrap()),
  initialStock: range(shape.initialStock.unwrap()),
  levelId: length(levelPriceSchema.shape.levelId),
  priceFen: range(levelPriceSchema.shape.priceFen),
};
const STATUSES: readonly unknown[] = shape.status.unwrap().options;
/** The schema's defaults (what it gives for a missing field); lists are made anew per row. */
const DEFAULT = {
  spec: shape.spec.parse(undefined),
  usageText: shape.usageText.parse(undefined),
  costFen: shape.costFen.parse(undefined),
  weightG: shape.weightG.parse(undefined),
  status: shape.status.parse(undefined),
  returnPolicy7d: shape.returnPolicy7d.parse(undefined),
  initialStock: shape.initialStock.parse(undefined),
};

/** Not decided here: zod decides. */
const UNSURE = Symbol('unsure');
type Maybe<T> = T | typeof UNSURE;

/** A trimmed text within its length bounds (the schema trims, then counts). */
function text(v: unknown, b: { min: number; max: number }): Maybe<string> {
  if (typeof v !== 'string') return UNSURE;
  const t = v.trim();
  return t.length >= b.min && t.length <= b.max ? t : UNSURE;
}
/** A whole number within its bounds (every number field of the schema is an integer). */
const whole = (v: unknown, b: { min: number; max: number }): Maybe<number> =>
  typeof v === 'number' && Number.isInteger(v) && v >= b.min && v <= b.max ? v : UNSURE;
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function prices(v: unknown): Maybe<Output['prices']> {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return UNSURE;
  const out: Output['prices'] = [];
  for (const p of v) {
    if (!isPlain(p)) return UNSURE;
    const levelId = p.levelId;
    if (typeof levelId !== 'string' || levelId.length < BOUNDS.levelId.min || levelId.length > BOUNDS.levelId.max) return UNSURE; // no trim: ids are taken as given
    const priceFen = whole(p.priceFen, BOUNDS.priceFen);
    if (priceFen === UNSURE) return UNSURE;
    out.push({ levelId, priceFen });
  }
  return out;
}

/** What productCreateInput.parse(input) returns when it surely succeeds; null when zod must decide. */
export function acceptProductCreate(input: unknown): Output | null {
  if (!isPlain(input)) return null;
  const i = input;
  const sku = text(i.sku, BOUNDS.sku);
  if (sku === UNSURE || !SKU_PATTERN.test(sku)) return null;
  const name = text(i.name, BOUNDS.name);
  const category = text(i.category, BOUNDS.category);
  const spec = i.spec === undefined ? DEFAULT.spec : text(i.spec, BOUNDS.spec);
  const usageText = i.usageText === undefined ? DEFAULT.usageText : text(i.usageText, BOUNDS.usageText);
  if (name === UNSURE || category === UNSURE || spec === UNSURE || usageText === UNSURE || i.images !== undefined) return null;
  const retailPriceFen = whole(i.retailPriceFen, BOUNDS.retailPriceFen);
  const minRetailPriceFen = whole(i.minRetailPriceFen, BOUNDS.minRetailPriceFen);
  const costFen = i.costFen === undefined ? DEFAULT.costFen : i.costFen === null ? null : whole(i.costFen, BOUNDS.costFen);
  const weightG = i.weightG === undefined ? DEFAULT.weightG : whole(i.weightG, BOUNDS.weightG);
  const initialStock = i.initialStock === undefined ? DEFAULT.initialStock : whole(i.initialStock, BOUNDS.initialStock);
  if (retailPriceFen === UNSURE || minRetailPriceFen === UNSURE || costFen === UNSURE || weightG === UNSURE || initialStock === UNSURE) return null;
  const status = i.status === undefined ? DEFAULT.status : STATUSES.includes(i.status) ? (i.status as Output['status']) : null;
  const returnPolicy7d = i.returnPolicy7d === undefined ? DEFAULT.returnPolicy7d : typeof i.returnPolicy7d === 'boolean' ? i.returnPolicy7d : null;
  const levelPrices = prices(i.prices);
  if (status === null || returnPolicy7d === null || levelPrices === UNSURE) return null;
  const out: Output = {
    sku, name, category, spec, usageText, images: [], retailPriceFen, minRetailPriceFen, costFen, weightG, status, returnPolicy7d,
    prices: levelPrices, initialStock,
  };
  return brokenPriceRules(out).length ? null : out;
}
