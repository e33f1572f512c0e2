import { dayOfEpoch } from '../analytics/epochDays';
import { isDormant } from '../analytics/alerts';
import { METRIC_VALUE, type AgentFigures } from '../analytics/figures';
import type { ExportResult, ReportLocale } from '@contract';
import type { JobControl } from '../common/job';
import type { AgentScope } from '../common/scope';
import type { Analytics } from '../analytics/service';
import { exportAgentList } from './agentList';
import { REPORT_LABELS, reportFileName } from './labels';
import { withHeaders, type ColumnSpec } from '../../excel/tableSheet';

export const dormantFileName = (locale: ReportLocale, asOf: string, now = Date.now()) => reportFileName(REPORT_LABELS[locale].dormant.file, [asOf], now);

interface Dormant {
  a: number;
  lastDay: number | null;
  recency: number;
  median: number | null;
  orders90: number;
  amount90: number;
  orders365: number;
  amount365: number;
  churnRisk: number | null;
}
type Key = keyof (typeof REPORT_LABELS)['zh-CN']['dormant']['columns'];
const SPECS: Omit<ColumnSpec<Key>, 'header'>[] = [
  { key: 'lastDay', kind: 'text', samples: ['2026-01-01'] },
  { key: 'recency', kind: 'int' },
  { key: 'median', kind: 'decimal' },
  { key: 'orders90', kind: 'int' },
  { key: 'amount90', kind: 'yuan', samples: ['¥00,000,000.00'] },
  { key: 'orders365', kind: 'int' },
  { key: 'amount365', kind: 'yuan', samples: ['¥00,000,000.00'] },
  { key: 'churnRisk', kind: 'percent' },
];

/**
 * 沉睡代理 for follow-up, as of the end of local day `asOf`: every agent in scope that is dormant by domain.md
 * (isDormant), longest-silent first, with what they bought in the last 90 and 365 days and their churn risk.
 */
export function exportDormantList(an: Analytics, q: { asOf: string; locale: ReportLocale }, file: string, job: JobControl & { masked: boolean; scope: AgentScope }): Promise<ExportResult> {
  const w = REPORT_LABELS[q.locale].dormant;
  return exportAgentList<Key, Dormant>(
    an,
    {
      sheet: w.sheet,
      windowDays: 90,
      columns: withHeaders(SPECS, w.columns),
      pick: (f: AgentFigures, a) => {
        if (!isDormant(f)) return null;
        const y = f.lastYear();
        return {
          a, lastDay: f.lastOrderDay(), recency: f.recency()!, median: f.medianInterval(),
          orders90: f.orders(), amount90: f.amount(), orders365: y.orders(), amount365: y.amount(), churnRisk: METRIC_VALUE.churnRisk(f),
        };
      },
      compare: (x, y) => y.recency - x.recency,
      cells: (d) => ({ ...d, lastDay: d.lastDay === null ? '' : dayOfEpoch(d.lastDay) }),
      summary: [
        { label: w.dormantBasis, value: w.dormantText },
        { label: w.churnBasis, value: w.churnText },
        { label: w.amountBasis, value: w.amountText },
      ],
    },
    q,
    file,
    job,
  );
}
