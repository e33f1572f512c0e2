import { pinyin, polyphonic } from 'pinyin-pro';

const OPTIONS = { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;

/** pinyin-pro itself: segments the whole text (a word's reading can decide a character's). */
const byPinyinPro = (text: string) => pinyin(text, OPTIONS).join('').replace(/\s+/g, '').toLowerCase();

/** Initials already computed, by text: imports and demo loads repeat names; cleared when full (memory stays bounded). */
const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/**
 * What each character (UTF-16 unit) gives wherever it stands, or null when that depends on its neighbours.
 * A character gives the same initial in any text when every reading pinyin-pro knows for it starts with the
 * same letter (tones aside): then no segmentation into words can change it. Most characters qualify (商, 品,
 * 茶, letters, digits); polyphonic ones with different initials (行 xing/hang, 长 chang/zhang) do not, nor
 * 々 (it repeats the character before it), nor the few that a dictionary word reads otherwise (OTHER_IN_WORDS).
 * tests/unit/pinyin.test.ts checks this against every word in pinyin-pro's dictionaries and on random texts.
 */
const perChar = new Map<number, string | null>(); // at most one entry per UTF-16 unit
/** Read with another initial inside a dictionary word than any reading of their own (傍若无人 páng, 合从连衡 zòng, 阿房宫 páng). */
const OTHER_IN_WORDS = '傍从房';
export function contextFreeInitial(code: number): string | null {
  let s = perChar.get(code);
  if (s !== undefined) return s;
  const c = String.fromCharCode(code);
  s = null;
  if (c !== '々' && !OTHER_IN_WORDS.includes(c)) {
    // Every reading of its own (polyphonic reads the character table only: no word segmenter to build).
    const readings = new Set(polyphonic(c, { pattern: 'first', toneType: 'none', type: 'array' })[0]);
    if (readings.size === 1) s = [...readings][0];
  }
  perChar.set(code, s);
  return s;
}

/**
 * Pinyin initials of a Chinese name, lower case ('张晓梅' → 'zxm'); other characters kept as typed. A text
 * whose characters are all context-free is put together character by character (an import of 100,000
 * distinct names: ~0.2 s instead of ~1 s); the rest goes through pinyin-pro whole. Same result either way.
 */
export function initialsOf(text: string): string {
  let s = cache.get(text);
  if (s !== undefined) return s;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const one = code >= 0xd800 && code <= 0xdfff ? null : contextFreeInitial(code); // surrogates: pinyin-pro pairs them
    if (one === null) {
      out = byPinyinPro(text);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(text, out);
      return out;
    }
    out += one;
  }
  // Stripped and lower-cased as a whole, as byPinyinPro does (lower case can depend on the next letter: Σ).
  return out.replace(/\s+/g, '').toLowerCase();
}
