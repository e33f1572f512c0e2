// Days are cut in the supplier's time zone (system.info.timeZone); days travel as 'YYYY-MM-DD'
// and periods are half-open [from, to). Day arithmetic runs on UTC dates so DST never shifts a day.
import dayjs from 'dayjs';

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(ms: number, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return p;
}

/** Local day of an instant in the supplier's time zone. */
export function dayOf(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
/** 'YYYY-MM-DD HH:mm' in the supplier's time zone. */
export function formatDateTime(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
export const todayIn = (timeZone: string): string => dayOf(Date.now(), timeZone);

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
export function addDays(day: string, n: number): string {
  const d = utcDay(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}
export const daysBetween = (from: string, to: string): number => Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / 86_400_000);
/** First day of the month `n` months after the month of `day`. */
export function monthStart(day: string, n = 0): string {
  const d = utcDay(day);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

export interface Period {
  from: string;
  to: string;
}

// NDatePicker works in browser-local timestamps of the chosen calendar days.
const pickerToDay = (ms: number): string => dayjs(ms).format('YYYY-MM-DD');
const dayToPicker = (day: string): number => dayjs(day).valueOf();

/** A picked inclusive day range → the API's half-open period (to = day after the last chosen day). */
export function rangeToPeriod(range: [number, number]): Period {
  return { from: pickerToDay(range[0]), to: addDays(pickerToDay(range[1]), 1) };
}
export function periodToRange(p: Period): [number, number] {
  return [dayToPicker(p.from), dayToPicker(addDays(p.to, -1))];
}
