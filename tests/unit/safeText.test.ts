import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertText } from '../../src-main/excel/safeText';

const DANGEROUS = /^[=+\-@\t\r]/;

describe('formula-injection-safe export text (property)', () => {
  it('never starts with a formula trigger, and only ever adds one leading apostrophe', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('=', '+', '-', '@', '\t', '\r').chain((c) => fc.string().map((s) => c + s)));
    fc.assert(
      fc.property(text, (s) => {
        const out = inertText(s);
        expect(DANGEROUS.test(out)).toBe(false);
        expect(out === s || out === `'${s}`).toBe(true);
        expect(out === s).toBe(!DANGEROUS.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('neutralises the classic payloads', () => {
    expect(inertText('=HYPERLINK("http://x","点我")')).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(inertText('@SUM(1+1)*cmd|" /C calc"!A0')).toMatch(/^'@/);
    expect(inertText('-2+3')).toBe("'-2+3");
    expect(inertText('张三')).toBe('张三');
  });
});
