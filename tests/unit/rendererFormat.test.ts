import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFen, yuanToFen } from '@/components/money';
import { periodToRange, rangeToPeriod } from '@/components/dates';

describe('renderer money and periods', () => {
  it('formats fen as ¥ with grouping, exactly', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-199)).toBe('-¥1.99');
    expect(formatFen(null)).toBe('—');
  });

  it('turns any 2-decimal yuan amount into the exact integer fen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (fen) => {
        const typed = Number((fen / 100).toFixed(2)); // what an input with precision 2 yields
        expect(yuanToFen(typed)).toBe(fen);
      }),
    );
  });

  it('a picked inclusive range maps to [from, day after last) and back', () => {
    const p = { from: '2026-03-01', to: '2026-03-08' };
    expect(rangeToPeriod(periodToRange(p))).toEqual(p);
  });
});
