// The Excel reports' words (domain/reports/labels.ts), one table per language: en has exactly zh-CN's keys (the
// types check the shape, not that a table written later for a third language has every key), every word is
// filled in and en holds no Chinese; order statuses and kinds say what the renderer's message files say.
import { describe, expect, it } from 'vitest';
import { REPORT_LOCALES } from '@contract';
import { REPORT_LABELS } from '../../src-main/domain/reports/labels';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';

const MESSAGES = { 'zh-CN': zhCN, en };

/** Every leaf of a table as 'a.b.c' → its value. */
function leaves(o: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}
/** What a leaf says: a string, or a function's text for sample arguments. */
const say = (v: unknown) => (typeof v === 'function' ? String(v(...Array.from({ length: v.length }, (_, i) => `x${i}`))) : v);

describe('report labels', () => {
  const zh = leaves(REPORT_LABELS['zh-CN']);

  it('every language has exactly the keys of zh-CN, and functions take the same arguments', () => {
    expect(zh.size).toBeGreaterThan(100);
    for (const locale of REPORT_LOCALES) {
      const words = leaves(REPORT_LABELS[locale]);
      expect([...words.keys()].sort(), locale).toEqual([...zh.keys()].sort());
      for (const [k, v] of zh) {
        expect(typeof words.get(k), `${locale} ${k}`).toBe(typeof v);
        if (typeof v === 'function') expect((words.get(k) as (...a: unknown[]) => string).length, `${locale} ${k}`).toBe(v.length);
      }
    }
  });

  it('every word is filled in; en says nothing in Chinese', () => {
    for (const locale of REPORT_LOCALES)
      for (const [k, v] of leaves(REPORT_LABELS[locale])) {
        const text = say(v);
        expect(typeof text === 'string' && text.trim().length > 0, `${locale} ${k}`).toBe(true);
        if (locale === 'en') expect(text, k).not.toMatch(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/);
      }
  });

  for (const locale of REPORT_LOCALES)
    it(`${locale}: order statuses and kinds as the screens name them`, () => {
      expect(REPORT_LABELS[locale].orderStatus).toEqual(MESSAGES[locale].status.order);
      expect(REPORT_LABELS[locale].orderKind).toEqual(MESSAGES[locale].status.kind);
    });
});
