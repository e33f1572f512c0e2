import { addDays, monthStart } from './days';

/**
 * Period presets (analytics issue), as half-open ranges [from, to) of the supplier's local days. "Last N days"
 * ends with today (today included); months, quarters and years are calendar ones, cut at today's end when
 * current. Shared by the renderer, the CLI (`--period last-30-days`) and saved report setups.
 */
export const PERIOD_PRESETS = [
  'today',
  'yesterday',
  'last-7-days',
  'last-30-days',
  'last-90-days',
  'last-365-days',
  'this-month',
  'last-month',
  'this-quarter',
  'this-year',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export interface DayPeriod {
  from: string;
  to: string;
}

export const isPeriodPreset = (s: string): s is PeriodPreset => (PERIOD_PRESETS as readonly string[]).includes(s);

/** The period `preset` names on local day `today` (YYYY-MM-DD). */
export function presetPeriod(preset: PeriodPreset, today: string): DayPeriod {
  const tomorrow = addDays(today, 1);
  const lastDays = (n: number) => ({ from: addDays(today, 1 - n), to: tomorrow });
  switch (preset) {
    case 'today':
      return { from: today, to: tomorrow };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case 'last-7-days':
      return lastDays(7);
    case 'last-30-days':
      return lastDays(30);
    case 'last-90-days':
      return lastDays(90);
    case 'last-365-days':
      return lastDays(365);
    case 'this-month':
      return { from: monthStart(today), to: tomorrow };
    case 'last-month':
      return { from: monthStart(today, -1), to: monthStart(today) };
    case 'this-quarter': {
      const month = Number(today.slice(5, 7));
      return { from: monthStart(today, -((month - 1) % 3)), to: tomorrow };
    }
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow };
  }
}

/** The equal-length period just before `p` (growth, previous ranks, the dashboard's comparison). */
export function previousPeriod(p: DayPeriod): DayPeriod {
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
  return { from: addDays(p.from, -days), to: p.from };
}
