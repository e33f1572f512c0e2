// How a metric of the contract's METRICS reads on screen: its name and definition in the current language,
// its value in its unit (¥, %, days…), a rank's movement and a change against the previous period. Pure
// functions: what needs words takes them as arguments (from i18n), so they are testable without a page.
import { METRICS, movementOf, type MetricId, type MetricInfo, type MovementTone } from '@contract';
import { formatCount, formatFen } from './money';

/** The languages METRICS are written in (the app's locales; kept apart from i18n/index.ts, which needs vite). */
export type Locale = keyof MetricInfo['name'];

export const metricName = (id: MetricId, locale: Locale): string => METRICS[id].name[locale];
export const metricDefinition = (id: MetricId, locale: Locale): string => METRICS[id].definition[locale];

const decimals = (max: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: max });
const oneDecimal = decimals(1);
const twoDecimals = decimals(2);

/** Fractions as percent with one decimal: 0.2534 → '25.3%'. */
export const formatRatio = (r: number): string => `${oneDecimal.format(r * 100)}%`;

/** How a figure is shown and judged: a metric of the contract, or a figure of the same kind (funnel factors). */
export type FigureKind = MetricId | Pick<MetricInfo, 'unit' | 'better'>;
const kindOf = (k: FigureKind) => (typeof k === 'string' ? METRICS[k] : k);

/** A figure's value as shown: null (empty, e.g. no orders) is '—', never 0. `daysUnit` e.g. '{n} 天'. */
export function formatMetric(kind: FigureKind, value: number | null | undefined, daysUnit: (n: string) => string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (kindOf(kind).unit) {
    case 'fen':
      return formatFen(value);
    case 'count':
      return formatCount(value);
    case 'ratio':
      return formatRatio(value);
    case 'days':
      return daysUnit(oneDecimal.format(value));
    case 'perMonth':
      return twoDecimals.format(value);
  }
}

export type Tone = MovementTone;
export interface Badge {
  text: string;
  tone: Tone;
}

/** A ranking row's movement against the previous period: ↑3, ↓2, 新上榜, 持平, as the export writes it (contract's movementOf). */
export const formatMovement = (movement: number | null, prevRank: number | null, locale: Locale): Badge => movementOf(movement, prevRank, locale);

export interface Change {
  /** '↑ ¥1,200.00 (+12.5%)', '↓ 2', or '' when there is nothing to compare. */
  text: string;
  tone: Tone;
  /** Whether the move is for the better by the metric's `better` direction; null when unchanged or unknown. */
  good: boolean | null;
}

/**
 * The change of a value against the previous period, in the metric's unit, with the relative change where
 * the previous value is not 0 (ratios change in points, so no relative change for them).
 */
export function formatChange(kind: FigureKind, current: number | null, prior: number | null, daysUnit: (n: string) => string): Change {
  if (current === null || prior === null) return { text: '', tone: 'same', good: null };
  const delta = current - prior;
  if (delta === 0) return { text: '=', tone: 'same', good: null };
  const info = kindOf(kind);
  const up = delta > 0;
  const abs = formatMetric(info, Math.abs(delta), daysUnit);
  const relative = info.unit !== 'ratio' && prior !== 0 ? ` (${up ? '+' : '-'}${formatRatio(Math.abs(delta / prior))})` : '';
  return { text: `${up ? '↑' : '↓'} ${abs}${relative}`, tone: up ? 'up' : 'down', good: up === (info.better === 'high') };
}
