/** A phone number found in a text: a mainland mobile (11 digits) or a landline (area code-number[-extension]). */
export interface PhoneFound {
  kind: 'mobile' | 'landline';
  /** Stored form: 13800138000; 0571-88886666 (-123 for an extension). */
  value: string;
  start: number;
  end: number;
}

// Digits may be split by spaces or dashes (138 0013 8000, 138-0013-8000), after +86 / 86 / 0086.
const MOBILE = /(?<![\d])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d){8})(?![\d])/g;
// (0571) 8888-6666, 0571-88886666-123, 021 6666 8888 转 12.
const LANDLINE = /(?<![\d])[(（]?(0\d{2,3})[)）]?[\s-]?(\d{3,4})[\s-]?(\d{4})(?:\s*(?:-|转|ext\.?)\s*(\d{1,6}))?(?![\d])/g;

const digits = (s: string) => s.replace(/\D/g, '');

/** Mainland mobiles first, then landlines in what is left (a mobile's digits never read as a landline). */
export function findPhones(text: string): PhoneFound[] {
  const out: PhoneFound[] = [];
  for (const m of text.matchAll(MOBILE)) out.push({ kind: 'mobile', value: digits(m[1]), start: m.index, end: m.index + m[0].length });
  const taken = (a: number, b: number) => out.some((p) => a < p.end && b > p.start);
  for (const m of text.matchAll(LANDLINE)) {
    const [, area, a, b, ext] = m;
    const number = a + b;
    if (number.length < 7 || number.length > 8 || taken(m.index, m.index + m[0].length)) continue;
    out.push({ kind: 'landline', value: `${area}-${number}${ext ? `-${ext}` : ''}`, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** A mainland mobile as stored (11 digits), from what people type (+86 138 0013 8000); null if it is none. */
export function normalizeMobile(text: string): string | null {
  const d = digits(text.normalize('NFKC')).replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}
