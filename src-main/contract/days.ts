// Days are cut in the supplier's time zone (setting `timeZone`, default Asia/Shanghai).
// A day is carried as 'YYYY-MM-DD' across the API and stored as the integer yyyymmdd; a period is the
// half-open range [from, to) of local days. Shared by the main process and the renderer (no Node here).
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatter(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `ms`, in ms. Cached per hour (zones change offset on hour bounds). */
export function tzOffsetMs(ms: number, tz: string): number {
  let byHour = offsetCache.get(tz);
  if (!byHour) offsetCache.set(tz, (byHour = new Map()));
  const hour = Math.floor(ms / HOUR);
  let off = byHour.get(hour);
  if (off === undefined) {
    const p: Record<string, number> = {};
    for (const part of formatter(tz).formatToParts(hour * HOUR)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR;
    byHour.set(hour, off);
  }
  return off;
}

/** Local day of an instant as yyyymmdd. */
export function dayNumberOf(ms: number, tz: string): number {
  const d = new Date(ms + tzOffsetMs(ms, tz));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export const dayToNumber = (day: string): number => Number(day.replaceAll('-', ''));
export function numberToDay(n: number): string {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
export const dayOf = (ms: number, tz: string): string => numberToDay(dayNumberOf(ms, tz));

/** UTC ms of local midnight starting `day` in `tz`. */
export function dayStartMs(day: string, tz: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let guess = wall - tzOffsetMs(wall, tz);
  guess = wall - tzOffsetMs(guess, tz); // second pass settles days whose offset differs from the day before
  return guess;
}

export const addDays = (day: string, n: number): string => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number => dayjs.utc(b).diff(dayjs.utc(a), 'day');
export const todayIn = (tz: string, now = Date.now()): string => dayOf(now, tz);

/** A period [from, to) of local days as a half-open range of UTC ms. */
export function periodMs(from: string, to: string, tz: string): { fromMs: number; toMs: number } {
  return { fromMs: dayStartMs(from, tz), toMs: dayStartMs(to, tz) };
}

/** First day of the month `n` months after the month of `day`. */
export const monthStart = (day: string, n = 0): string => dayjs.utc(day).startOf('month').add(n, 'month').format('YYYY-MM-DD');

/** 'YYYY-MM-DD HH:mm' of an instant in `tz`. */
export function formatDateTime(ms: number, tz: string): string {
  const d = new Date(ms + tzOffsetMs(ms, tz));
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
