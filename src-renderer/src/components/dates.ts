// Date helpers of the renderer: local-day arithmetic comes from the contract (the same code the main
// process uses); this file adds the mapping to and from naive-ui's date pickers.
import dayjs from 'dayjs';

export { addDays, dayOf, daysBetween, formatDateTime, monthStart, todayIn } from '@contract/days';
import { addDays } from '@contract/days';

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
