// The read model counts days as whole days since 1970-01-01 (local days, already cut in the supplier's time
// zone when the rollups were written as yyyymmdd): plain subtraction gives intervals and recency, and they fit a
// Uint16Array until 2149.
import { dayToNumber, numberToDay } from '@contract/days';

const MS_PER_DAY = 86_400_000;
const cache = new Map<number, number>();

/** yyyymmdd → days since 1970-01-01. */
export function epochDay(yyyymmdd: number): number {
  let d = cache.get(yyyymmdd);
  if (d === undefined) {
    d = Date.UTC(Math.floor(yyyymmdd / 10000), (Math.floor(yyyymmdd / 100) % 100) - 1, yyyymmdd % 100) / MS_PER_DAY;
    cache.set(yyyymmdd, d);
  }
  return d;
}

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export const epochDayOf = (day: string): number => epochDay(dayToNumber(day));

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export const dayOfEpoch = (n: number): string => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

/** Days since 1970-01-01 → yyyymmdd (the rollups' day column). */
export const yyyymmddOf = (n: number): number => dayToNumber(dayOfEpoch(n));

/** A period [from, to) of local days as epoch days. */
export interface DayRange {
  from: number;
  to: number;
}
export const dayRange = (p: { from: string; to: string }): DayRange => ({ from: epochDayOf(p.from), to: epochDayOf(p.to) });

export { numberToDay };
