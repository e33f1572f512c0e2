// Periods handed between screens: which preset a period is (else custom), and a period read from a link.
import { PERIOD_PRESETS, presetPeriod, type DayPeriod, type PeriodPreset } from '@contract';
import { todayIn } from './dates';

export type PeriodChoice = PeriodPreset | 'custom';

/** The preset that names `period` today, else 'custom' (a period handed over in a link). */
export function choiceFor(period: DayPeriod, timeZone: string): PeriodChoice {
  const today = todayIn(timeZone);
  return PERIOD_PRESETS.find((p) => {
    const q = presetPeriod(p, today);
    return q.from === period.from && q.to === period.to;
  }) ?? 'custom';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A period from a route's query (?from=&to=), or null when absent or malformed. */
export function periodFromQuery(q: Record<string, unknown>): DayPeriod | null {
  const { from, to } = q;
  return typeof from === 'string' && typeof to === 'string' && DAY.test(from) && DAY.test(to) && from < to ? { from, to } : null;
}
