import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a Chinese name, lower case ('张晓梅' → 'zxm'); other characters kept as typed. */
export function initialsOf(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/\s+/g, '')
    .toLowerCase();
}
