// Money travels as integer fen (分); the UI edits yuan. The only place either conversion happens.
const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 123450 → '¥1,234.50'; null (e.g. no orders, so no order value) → '—'. Exact: no float division. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${grouping.format(yuan)}.${cents}`;
}

/** Yuan from a 2-decimal input → integer fen (19.99 → 1999 despite 19.99 × 100 = 1998.9999…). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuan = (fen: number): number => fen / 100;

export const formatCount = (n: number): string => grouping.format(n);
