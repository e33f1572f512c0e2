// Chart options of the agent page: monthly purchase amount (bars) and how many days pass between orders
// (a histogram of the intervals). Built from the agents.metrics reply; labels come in from i18n.
import type { ChartOption } from '@/components/charts/echarts';
import { formatFen } from '@/components/money';

/** Interval bins in days, [min, max]; the last one is open-ended. */
export const INTERVAL_BINS: readonly [number, number][] = [
  [0, 3],
  [4, 7],
  [8, 14],
  [15, 30],
  [31, 60],
  [61, 90],
  [91, Infinity],
];

export const binLabel = ([min, max]: [number, number]): string => (max === Infinity ? `>${min - 1}` : `${min}–${max}`);

/** How many intervals fall into each bin. */
export function intervalHistogram(intervals: readonly number[]): number[] {
  const counts = INTERVAL_BINS.map(() => 0);
  for (const d of intervals) {
    const i = INTERVAL_BINS.findIndex(([min, max]) => d >= min && d <= max);
    if (i >= 0) counts[i]++;
  }
  return counts;
}

const yuanAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => `¥${Math.round(v / 100).toLocaleString('en-US')}` } };

export function monthlyOption(monthly: readonly { month: string; amount: number; orders: number }[], names: { amount: string; orders: string }): ChartOption {
  return {
    grid: { left: 64, right: 16, top: 16, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const p = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number };
        const m = monthly[p.dataIndex];
        return `${m.month}<br/>${names.amount}: ${formatFen(m.amount)}<br/>${names.orders}: ${m.orders}`;
      },
    },
    xAxis: { type: 'category', data: monthly.map((m) => m.month) },
    yAxis: yuanAxis,
    series: [{ type: 'bar', name: names.amount, data: monthly.map((m) => m.amount), itemStyle: { color: '#18a058' } }],
  };
}

export function intervalOption(intervals: readonly number[], names: { count: string; days: string }): ChartOption {
  return {
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: names.days, nameLocation: 'middle', nameGap: 26, data: INTERVAL_BINS.map(binLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: names.count, data: intervalHistogram(intervals), itemStyle: { color: '#2080f0' } }],
  };
}
