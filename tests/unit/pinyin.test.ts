import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { contextFreeInitial, initialsOf } from '../../src-main/domain/common/pinyin';

// initialsOf puts most names together character by character; it must give exactly what pinyin-pro gives for
// the whole text (which segments it into words: 银行 reads 行 as hang, 行走 as xing).
const direct = (text: string) =>
  pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').replace(/\s+/g, '').toLowerCase();

interface Pattern {
  zh: string;
  pinyin: string;
  priority: number;
}
/** pinyin-pro's own word lists (2–5 character words, number rules, surnames), as its segmenter uses them. */
const patterns = async () => ((await import('pinyin-pro/dist/esm/data/patterns.mjs' as string)) as { PatternsNormal: Pattern[] }).PatternsNormal;
/** A reading's first letter without its tone, as pinyin-pro's toneType 'none' makes it. */
const firstLetter = (reading: string) => (reading[0].normalize('NFD')[0] === 'ê' ? 'ê' : reading[0].normalize('NFD')[0]);

describe('pinyin initials', () => {
  it('no dictionary word reads a context-free character with another initial', async () => {
    const words = await patterns();
    expect(words.length).toBeGreaterThan(4_000);
    const wrong: string[] = [];
    let checked = 0;
    for (const w of words) {
      const readings = w.pinyin.split(' ');
      [...w.zh].forEach((c, i) => {
        const one = contextFreeInitial(c.charCodeAt(0));
        if (c.length > 1 || one === null) return; // astral characters and polyphones go through pinyin-pro whole
        checked++;
        if (firstLetter(readings[i] ?? '') !== one) wrong.push(`${w.zh} ${w.pinyin}: ${c} → ${one}`);
      });
    }
    expect(checked).toBeGreaterThan(5_000);
    expect(wrong).toEqual([]);
  });

  it('gives what pinyin-pro gives for every character alone', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // halves of astral characters: initialsOf leaves them to pinyin-pro
      const one = contextFreeInitial(code);
      const c = String.fromCharCode(code);
      if (one !== null && one !== pinyin(c, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('gives what pinyin-pro gives for every dictionary word, alone and inside text', async () => {
    const words = await patterns();
    const differ = words.flatMap((w) => [w.zh, `A${w.zh}b 2`, `${w.zh}${w.zh}`]).filter((t) => initialsOf(t) !== direct(t));
    expect(differ).toEqual([]);
  });

  it('handles the characters whose reading depends on their neighbours', () => {
    for (const t of ['银行', '行走', '长大', '重庆', '一个', '一样', '不对', '了解', '好了', '人々', '々', '傍若无人', '阿房宫', '房子', '合从连衡', '从来', '说一说', '乐乐', '音乐', '快乐'])
      expect(initialsOf(t)).toBe(direct(t));
    expect(initialsOf('张晓梅')).toBe('zxm');
    expect(initialsOf('茶ΟΔΟΣ')).toBe('cοδος'); // a final sigma: lower-cased as a whole, not letter by letter
    expect(initialsOf('ΟΔΟΣ 茶')).toBe(direct('ΟΔΟΣ 茶'));
    expect(initialsOf('𠀀茶 x')).toBe(direct('𠀀茶 x'));
  });

  it('agrees with pinyin-pro on random texts', () => {
    // Common and polyphonic characters, 一/不/了/々, letters, digits, spaces, punctuation, Greek, an astral character.
    const alphabet = [...'商品号茶叶红绿白普洱古树高山张王李赵晓梅行长重乐了一不々的得地还朝会调数为着干和觉便血薄藏处傍从房阿宫若无人 aAZz09-_.·（）/ΣΟ'];
    const text = fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom('𠀀', '\uD800'), fc.string({ maxLength: 2 })), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (t) => initialsOf(t) === direct(t)), { numRuns: 5000 });
  });
});
