// A period chosen on an analytics screen: a preset of the contract (last 30 days, this month…) or a custom
// range, kept as the API's half-open [from, to) of the supplier's local days. A preset is recomputed when
// the screen opens ("today" moves on) and when the supplier's time zone changes (e.g. after a restore).
import { watch } from 'vue';
import { presetPeriod, type DayPeriod, type PeriodPreset } from '@contract';
import { todayIn } from '@/components/dates';
import { useAppStore } from '@/stores/app';
import type { PeriodChoice } from '@/components/periods';

export type { PeriodChoice };

/** Brings a preset's period up to today (a custom range stays); also for a first page asked before the screen opens. */
export function refreshPeriod(state: { preset: PeriodChoice }, period: DayPeriod, timeZone: string, fallback: PeriodPreset = 'last-30-days') {
  if (state.preset === 'custom' && period.from) return;
  if (state.preset === 'custom') state.preset = fallback;
  Object.assign(period, presetPeriod(state.preset as PeriodPreset, todayIn(timeZone)));
}

export function usePeriod(state: { preset: PeriodChoice }, period: DayPeriod, fallback: PeriodPreset = 'last-30-days'): void {
  const app = useAppStore();
  const refresh = () => refreshPeriod(state, period, app.timeZone, fallback);
  refresh();
  watch(() => [app.timeZone, state.preset], refresh);
}

