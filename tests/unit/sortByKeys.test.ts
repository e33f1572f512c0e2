import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByKeys } from '../../src-main/domain/analytics/sorted';

// The ranking's radix sort against the comparator it replaces: key ascending, amount descending, then the
// tie-break order, on values with many ties, both zeros, empty (Infinity) keys, negatives, fractions and huge ones.

const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, Infinity, 0.5, -0.5, 1 / 3, 2 ** 52, -(2 ** 52), Number.MIN_VALUE, -Number.MAX_VALUE),
  fc.double({ noNaN: true }),
);
const amount = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constantFrom(0, -0, 2 ** 53 - 1, -(2 ** 53 - 1)));

describe('sortByKeys', () => {
  it('orders slots as the comparator (key, then amount descending, then tie order) does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: value, amount, ranked: fc.boolean() }), { minLength: 1, maxLength: 300 }),
        fc.integer(),
        (agents, seed) => {
          const n = agents.length;
          const key = Float64Array.from(agents, (a) => a.key);
          const amounts = Float64Array.from(agents, (a) => a.amount);
          // A tie-break order that is not the slots' own: a seeded shuffle.
          const tieSlots = Int32Array.from({ length: n }, (_, i) => i);
          let s = seed >>> 0;
          for (let i = n - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            const j = s % (i + 1);
            [tieSlots[i], tieSlots[j]] = [tieSlots[j], tieSlots[i]];
          }
          const tie = new Int32Array(n);
          tieSlots.forEach((a, i) => (tie[a] = i));
          const ranked = agents.flatMap((a, i) => (a.ranked ? [i] : []));
          const expected = [...ranked].sort((x, y) => key[x] - key[y] || amounts[y] - amounts[x] || tie[x] - tie[y]);
          const order = new Int32Array(n);
          order.set(ranked);
          expect(sortByKeys(order, ranked.length, key, amounts, tieSlots)).toBe(true);
          expect([...order.subarray(0, ranked.length)]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('declines keys without an order (NaN), leaving the slots as they were', () => {
    const order = Int32Array.from([2, 0, 1]);
    expect(sortByKeys(order, 3, Float64Array.from([1, NaN, 0]), new Float64Array(3), Int32Array.from([0, 1, 2]))).toBe(false);
    expect([...order]).toEqual([2, 0, 1]);
  });
});
