// Imported cell values → typed values, exactly: money as integer fen from its decimal text, never from
// float arithmetic. Each parser returns the value or an issue code the import reports at the cell.
import type { ImportIssueCode } from '@contract';
import { isDateCell, isErrorCell, type Cell } from './sheetReader';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ImportIssueCode; params?: Record<string, string | number> };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(code: ImportIssueCode, params?: Record<string, string | number>): Parsed<T> => ({ ok: false, code, params });

/**
 * Text as typed: numbers as Excel shows them (10086, not 10086.0), a date as 2026-03-01 (with the time when
 * it has one), an error as it shows (#DIV/0!), trimmed.
 */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (isDateCell(c)) return c.date.endsWith('T00:00:00') ? c.date.slice(0, 10) : c.date.replace('T', ' ');
  if (isErrorCell(c)) return c.error;
  return String(c).trim();
}

/** Whether the cell shows nothing (as `cellText(c) === ''`, without making the text of a number). */
export const isBlank = (c: Cell): boolean =>
  c === null ? true : typeof c === 'number' || typeof c === 'boolean' ? false : typeof c === 'string' ? c.trim() === '' : cellText(c) === '';

/**
 * A cell through its parser, except that a cell showing a formula error is reported as such ("fix the
 * formula"), never parsed as text nor taken for an empty cell.
 */
export function parseCell<T>(c: Cell, parse: (c: Cell) => Parsed<T>): Parsed<T> {
  return isErrorCell(c) ? bad('cellError', { error: c.error }) : parse(c);
}

const YUAN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * Yuan → fen. Text like "12.50", "¥1,299", "8元" is read digit by digit. A number cell is read from its
 * shortest decimal form (12.5 → "12.5"); one off a fen value only by float noise (a formula's
 * 30.299999999999997) is taken as that fen value. More than two decimals or a negative amount is refused.
 */
export function yuanToFen(c: Cell): Parsed<number> {
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 0) return bad('money');
    if (Number.isInteger(c) && c < 1e10) return ok(c * 100); // what fenOfText(String(c)) gives, without the text
    const exact = fenOfText(String(c));
    if (exact !== null) return ok(exact);
    const fen = Math.round(c * 100);
    return Math.abs(c * 100 - fen) < 1e-6 ? ok(fen) : bad('money');
  }
  const fen = fenOfText(cellText(c).replace(/^[¥￥]\s*/, '').replace(/元$/, '').replace(/[,，\s]/g, ''));
  return fen === null ? bad('money') : ok(fen);
}

function fenOfText(s: string): number | null {
  const m = YUAN.exec(s);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** A whole number ≥ 0 ("1,200" and 1200 alike). */
export function wholeNumber(c: Cell): Parsed<number> {
  const s = typeof c === 'number' ? String(c) : cellText(c).replace(/[,，\s]/g, '');
  return /^\d{1,15}$/.test(s) ? ok(Number(s)) : bad('int');
}

/** Each options object's words in lower case → value (the first word wins), built once: imports ask per row. */
const lowered = new WeakMap<object, Map<string, unknown>>();

/** One of a few words (compared case-insensitively), e.g. 上架/下架, 是/否. */
export function choice<T>(c: Cell, options: Record<string, T>): Parsed<T> {
  let words = lowered.get(options);
  if (!words) {
    words = new Map();
    for (const [word, value] of Object.entries(options)) if (!words.has(word.toLowerCase())) words.set(word.toLowerCase(), value);
    lowered.set(options, words);
  }
  const s = cellText(c).toLowerCase();
  if (words.has(s)) return ok(words.get(s) as T);
  return bad('choice', { options: Object.keys(options).slice(0, 2).join(' / ') });
}

export const YES_NO: Record<string, boolean> = { 是: true, 否: false, yes: true, no: false, y: true, n: false, true: true, false: false, '1': true, '0': false };

/** A header made comparable: case, spaces, punctuation and bracketed units (元, 克, g) ignored. */
export const headerKey = (h: string): string =>
  h
    .toLowerCase()
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s_\-–—·:：/／.]/g, '');
