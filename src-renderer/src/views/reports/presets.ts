// Period presets of the ranking, as half-open ranges of the supplier's local days ending today.
import { addDays, monthStart, todayIn, type Period } from '@/components/dates';

export const PRESETS = ['7', '30', 'month', 'lastMonth', '365'] as const;
export type PresetId = (typeof PRESETS)[number] | 'custom';

export function presetPeriod(id: Exclude<PresetId, 'custom'>, timeZone: string): Period {
  const today = todayIn(timeZone);
  const tomorrow = addDays(today, 1);
  switch (id) {
    case '7':
      return { from: addDays(today, -6), to: tomorrow };
    case '30':
      return { from: addDays(today, -29), to: tomorrow };
    case 'month':
      return { from: monthStart(today), to: tomorrow };
    case 'lastMonth':
      return { from: monthStart(today, -1), to: monthStart(today) };
    case '365':
      return { from: addDays(today, -364), to: tomorrow };
  }
}
