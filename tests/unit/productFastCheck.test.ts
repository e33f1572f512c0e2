import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productCreateInput } from '@contract';
import { acceptProductCreate } from '@contract/productFastCheck';

// The import decides plainly valid rows without zod; zod stays the one definition. Whatever the fast check
// accepts, zod must accept with the same output; and the rows an import really makes (valid) must be decided
// fast, or the import is slow again without anyone noticing.

/** Values near every bound of the schema, and of the wrong types. */
const oddValue = fc.oneof(
  fc.constantFrom(undefined, null, '', ' ', 0, -0, -1, 0.5, 1e12, 1e12 + 1, 1_000_000, 1_000_001, 10_000_000, 10_000_001, NaN, Infinity, true, false, [], {}, 'x'.repeat(101)),
  fc.string({ maxLength: 45 }),
  fc.integer({ min: -5, max: 2e12 }),
  fc.double(),
);
const text = (max: number) => fc.oneof(fc.string({ minLength: 0, maxLength: max + 2 }), fc.constantFrom('  带空格  ', '\u3000全角空格\u3000', ''), fc.string({ minLength: max - 1, maxLength: max + 1 }));
const sku = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,41}$/), fc.constantFrom(' A-1 ', '-A', 'A B', 'a'.repeat(40), 'a'.repeat(41), ''), fc.string({ maxLength: 5 }));
const fen = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0, 1e12, 1e12 + 1, -1, 12.5));
const price = fc.record({ levelId: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('', 'x'.repeat(64), 'x'.repeat(65), ' a ')), priceFen: fen }, { requiredKeys: [] });
const field = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: oddValue });

/** Rows of the kind an import builds (parsed cells, some missing), sometimes with a field gone wrong. */
const row = fc.record(
  {
    sku: field(sku),
    name: field(text(100)),
    category: field(text(30)),
    spec: field(text(50)),
    usageText: field(text(2000)),
    retailPriceFen: field(fen),
    minRetailPriceFen: field(fen),
    costFen: field(fc.option(fen)),
    weightG: field(fc.integer({ min: -1, max: 1_000_001 })),
    initialStock: field(fc.integer({ min: -1, max: 10_000_001 })),
    status: field(fc.constantFrom('listed', 'unlisted', 'Listed', '上架')),
    returnPolicy7d: field(fc.boolean()),
    prices: field(fc.array(fc.oneof({ weight: 6, arbitrary: price }, { weight: 1, arbitrary: oddValue }), { maxLength: 5 })),
    images: fc.constantFrom(undefined, undefined, undefined, [], ['a.png']),
    extra: fc.constantFrom(undefined, 1, 'x'),
  },
  { requiredKeys: [] },
);

/** Always valid: what a good import row looks like. */
const validRow = fc
  .record({
    sku: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
    name: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim().length > 0),
    category: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
    spec: fc.option(fc.string({ maxLength: 50 }), { nil: undefined }),
    retailPriceFen: fc.integer({ min: 0, max: 1e12 }),
    costFen: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }),
    weightG: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
    initialStock: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
    status: fc.option(fc.constantFrom('listed' as const, 'unlisted' as const), { nil: undefined }),
    returnPolicy7d: fc.option(fc.boolean(), { nil: undefined }),
    levels: fc.array(fc.string({ minLength: 1, maxLength: 64 }), { maxLength: 4 }),
    ratio: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ levels, ratio, ...r }) => {
    const cut = Math.floor(r.retailPriceFen * ratio);
    const out: Record<string, unknown> = { ...r, minRetailPriceFen: cut, prices: levels.map((levelId) => ({ levelId, priceFen: cut })) };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  });

/** A valid row with up to two fields taken from a random row (so most are near the line between valid and not). */
const KEYS = ['sku', 'name', 'category', 'spec', 'usageText', 'retailPriceFen', 'minRetailPriceFen', 'costFen', 'weightG', 'initialStock', 'status', 'returnPolicy7d', 'prices', 'images', 'extra'];
const nearlyValid = fc.tuple(validRow, row, fc.subarray(KEYS, { maxLength: 2 })).map(([good, odd, keys]) => {
  const out: Record<string, unknown> = { ...good };
  for (const k of keys) if (k in odd) out[k] = (odd as Record<string, unknown>)[k];
  else delete out[k];
  return out;
});

describe('product fast check', () => {
  it('accepts only what zod accepts, with the same output (random rows, valid and invalid)', () => {
    let decided = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(row, nearlyValid), (input) => {
        const fast = acceptProductCreate(input);
        const zod = productCreateInput.safeParse(input);
        if (!zod.success) refused++;
        if (fast === null) return;
        decided++;
        expect(zod.success).toBe(true);
        expect(fast).toStrictEqual(zod.data);
      }),
      { numRuns: 20_000 },
    );
    // The generator really exercises both sides.
    expect(decided).toBeGreaterThan(2_000);
    expect(refused).toBeGreaterThan(8_000);
    
  });

  it('decides every valid import-like row itself, as zod would', () => {
    fc.assert(
      fc.property(validRow, (input) => {
        const zod = productCreateInput.safeParse(input);
        expect(zod.success).toBe(true);
        expect(acceptProductCreate(input)).toStrictEqual(zod.data);
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves rows it cannot decide to zod', () => {
    const ok = { sku: 'A-1', name: '红茶', category: '食品', retailPriceFen: 1000, minRetailPriceFen: 900 };
    expect(acceptProductCreate(ok)).not.toBeNull();
    for (const bad of [
      { ...ok, sku: '-A' },
      { ...ok, name: '   ' },
      { ...ok, minRetailPriceFen: 1001 },
      { ...ok, prices: [{ levelId: 'l1', priceFen: 1001 }] },
      { ...ok, weightG: 1.5 },
      { ...ok, status: '上架' },
      { ...ok, images: ['a.png'] }, // valid, but images are zod's to check
      null,
      [ok],
    ])
      expect(acceptProductCreate(bad)).toBeNull();
  });
});
