import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallingCuts, fallingScore, risingCuts, risingScore } from '../../src-main/domain/analytics/rfm';
import { SortedNumbers } from '../../src-main/domain/analytics/sorted';

// RFM scores from four cut values must equal the definition's 1 + ⌊5k ÷ n⌋ over the sorted population, ties
// and small populations included (the export scores every ranked agent through the cuts).
describe('RFM quintile cuts', () => {
  it('score as 1 + ⌊5 × worse ÷ n⌋ for every value, rising (F, M) and falling (R)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: -8, max: 45 }), (xs, x) => {
        const s = SortedNumbers.of(Float64Array.from(xs));
        const n = s.length;
        expect(risingScore(risingCuts(s), x)).toBe(1 + Math.floor((5 * s.below(x)) / n));
        expect(fallingScore(fallingCuts(s), x)).toBe(1 + Math.floor((5 * (n - s.atMost(x))) / n));
        // Members of the population too (the values agents hold).
        for (const v of xs) {
          expect(risingScore(risingCuts(s), v)).toBe(1 + Math.floor((5 * s.below(v)) / n));
          expect(fallingScore(fallingCuts(s), v)).toBe(1 + Math.floor((5 * (n - s.atMost(v))) / n));
        }
      }),
      { numRuns: 500 },
    );
  });
});
