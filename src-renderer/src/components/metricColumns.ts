// Table columns for metrics: the header is the metric's name with its definition as a tooltip (both from
// the contract's METRICS, in the current language), values formatted by unit, right-aligned. Cells are
// plain strings, so a page of rows renders without a component per cell.
import { h } from 'vue';
import { NTooltip, type DataTableColumn } from 'naive-ui';
import { METRICS, type MetricId } from '@contract';
import { formatMetric, metricDefinition, metricName, type Locale } from './metrics';

/** A header that explains itself: hover or focus shows the definition. */
export function metricTitle(id: MetricId, locale: Locale) {
  return () =>
    h(NTooltip, { trigger: 'hover', style: { maxWidth: '320px' } }, {
      trigger: () => h('span', { class: 'metric-title', tabindex: 0, 'data-testid': `metric-title-${id}` }, metricName(id, locale)),
      default: () => metricDefinition(id, locale),
    });
}

const WIDTH: Record<(typeof METRICS)[MetricId]['unit'], number> = { fen: 130, count: 90, ratio: 90, days: 110, perMonth: 100 };

export function metricColumn<R>(id: MetricId, locale: Locale, value: (row: R) => number | null, daysUnit: (n: string) => string): DataTableColumn<R> {
  return {
    key: id,
    title: metricTitle(id, locale),
    width: WIDTH[METRICS[id].unit] + (locale === 'en' ? 20 : 0),
    align: 'right',
    render: (row: R) => formatMetric(id, value(row), daysUnit),
  };
}
