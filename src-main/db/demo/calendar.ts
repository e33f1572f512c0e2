// The local days of the generated history, with their instants and how busy each one is.
import { addDays, dayStartMs, dayToNumber, daysBetween } from '@contract/days';
import { HOUR_WEIGHTS, SPRING_FESTIVAL } from './data';
import { type Random, WeightedPicker } from './random';

export interface Calendar {
  /** Number of days; day index 0 is the first, `days - 1` is `until`. */
  days: number;
  /** UTC ms at which each local day starts; entry `days` is the end of `until` ("now" for the demo). */
  startMs: Float64Array;
  /** yyyymmdd of each day. */
  dayNumber: Int32Array;
  /** Month 1–12 of each day. */
  month: Uint8Array;
  /** Demand multiplier of each day (shopping festivals, Spring Festival courier stop). */
  demand: Float64Array;
  /** An instant within day `d`, with the hour drawn from when people actually order. */
  instantIn(d: number, rng: Random): number;
}

export function historyCalendar(until: string, timeZone: string, days: number): Calendar {
  const startMs = new Float64Array(days + 1);
  const dayNumber = new Int32Array(days);
  const month = new Uint8Array(days);
  const demand = new Float64Array(days);
  for (let d = 0; d <= days; d++) {
    const day = addDays(until, d - days + 1);
    startMs[d] = dayStartMs(day, timeZone);
    if (d === days) break;
    dayNumber[d] = dayToNumber(day);
    month[d] = Number(day.slice(5, 7));
    demand[d] = demandOn(day);
  }
  const hours = new WeightedPicker(HOUR_WEIGHTS);
  return {
    days,
    startMs,
    dayNumber,
    month,
    demand,
    instantIn(d, rng) {
      const fraction = (hours.index(rng) + rng.float()) / 24;
      return startMs[d] + Math.floor(fraction * (startMs[d + 1] - startMs[d]));
    },
  };
}

/** 双11, 618 and 双12 lift sales; around Spring Festival people stock up, then couriers stop. */
function demandOn(day: string): number {
  for (const festival of SPRING_FESTIVAL) {
    const toFestival = daysBetween(day, festival);
    if (toFestival >= -7 && toFestival <= 7) return 0.3;
    if (toFestival > 7 && toFestival <= 21) return 1.4;
  }
  const md = Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
  if (md >= 1101 && md <= 1111) return 1.2 + 0.08 * (md - 1101);
  if (md >= 601 && md <= 618) return 1.3;
  if (md === 1212) return 1.5;
  return 1;
}
