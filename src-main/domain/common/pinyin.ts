import { pinyin } from 'pinyin-pro';

/** Initials already computed, by text: imports and demo loads repeat names; cleared when full (memory stays bounded). */
const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/** Pinyin initials of a Chinese name, lower case ('张晓梅' → 'zxm'); other characters kept as typed. */
export function initialsOf(text: string): string {
  let s = cache.get(text);
  if (s !== undefined) return s;
  s = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/\s+/g, '')
    .toLowerCase();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, s);
  return s;
}
