/** Display width of text in Excel column units: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** Column width fitted to the widest text it will hold, with padding, within sane bounds. */
export const fitWidth = (texts: string[], min = 6, max = 60): number =>
  Math.min(max, Math.max(min, ...texts.map(displayWidth)) + 2);
