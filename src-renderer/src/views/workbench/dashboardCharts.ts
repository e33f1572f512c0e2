// Chart options of the dashboard: the daily purchase amount (line) and purchase amount by province (bars,
// largest on top). A category index maps back to the day or province a click opens.
import type { ChartOption } from '@/components/charts/echarts';
import { formatFen } from '@/components/money';

const yuan = (v: number) => `¥${Math.round(v / 100).toLocaleString('en-US')}`;
/** Tooltip text is built from our own figures; names are escaped all the same (the tooltip renders HTML). */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const first = (ps: unknown) => (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number };

export function dailyOption(daily: readonly { day: string; amount: number; orders: number }[], names: { amount: string; orders: string }): ChartOption {
  return {
    grid: { left: 64, right: 16, top: 16, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const d = daily[first(ps).dataIndex];
        return `${d.day}<br/>${esc(names.amount)}: ${formatFen(d.amount)}<br/>${esc(names.orders)}: ${d.orders}`;
      },
    },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: yuan } },
    // Points big enough to click (a day opens its orders); 'emphasis' shows which one the pointer is on.
    series: [{ type: 'line', name: names.amount, data: daily.map((d) => d.amount), symbolSize: 8, itemStyle: { color: '#18a058' }, emphasis: { scale: 1.6 } }],
  };
}

/** `rows` bottom-up, as a horizontal bar chart draws its categories (pass the largest last to show it on top). */
export function provinceOption(rows: readonly { province: string; amount: number; agents: number }[], names: { amount: string; agents: string }): ChartOption {
  return {
    grid: { left: 110, right: 24, top: 8, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const r = rows[first(ps).dataIndex];
        return `${esc(r.province)}<br/>${esc(names.amount)}: ${formatFen(r.amount)}<br/>${esc(names.agents)}: ${r.agents}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: yuan } },
    yAxis: { type: 'category', data: rows.map((r) => r.province), axisTick: { show: false } },
    series: [{ type: 'bar', name: names.amount, data: rows.map((r) => r.amount), itemStyle: { color: '#2080f0' } }],
  };
}
