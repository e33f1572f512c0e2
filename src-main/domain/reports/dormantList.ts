import { dayOfEpoch } from '../analytics/epochDays';
import { isDormant } from '../analytics/alerts';
import { METRIC_VALUE, type AgentFigures } from '../analytics/figures';
import type { ExportResult } from '@contract';
import type { JobControl } from '../common/job';
import type { AgentScope } from '../common/scope';
import type { Analytics } from '../analytics/service';
import { exportAgentList } from './agentList';

export const dormantFileName = (asOf: string, now = Date.now()) => `沉睡代理_${asOf}_${now.toString(36)}.xlsx`;

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

/**
 * 沉睡代理 for follow-up, as of the end of local day `asOf`: every agent in scope that is dormant by domain.md
 * (isDormant), longest-silent first, with what they bought in the last 90 and 365 days and their churn risk.
 */
export function exportDormantList(an: Analytics, asOf: string, file: string, job: JobControl & { masked: boolean; scope: AgentScope }): Promise<ExportResult> {
  return exportAgentList<'lastDay' | 'recency' | 'median' | 'orders90' | 'amount90' | 'orders365' | 'amount365' | 'churnRisk', Dormant>(
    an,
    {
      sheet: '沉睡代理',
      windowDays: 90,
      columns: [
        { key: 'lastDay', header: '最近下单日', kind: 'text', samples: ['2026-01-01'] },
        { key: 'recency', header: '距今天数', kind: 'int' },
        { key: 'median', header: '下单间隔中位数（天）', kind: 'decimal' },
        { key: 'orders90', header: '近90天订单数', kind: 'int' },
        { key: 'amount90', header: '近90天进货额', kind: 'yuan', samples: ['¥00,000,000.00'] },
        { key: 'orders365', header: '近365天订单数', kind: 'int' },
        { key: 'amount365', header: '近365天进货额', kind: 'yuan', samples: ['¥00,000,000.00'] },
        { key: 'churnRisk', header: '流失风险', kind: 'percent' },
      ],
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
        { label: '沉睡口径', value: '距最近一次计入订单 ≥ max(2 × 下单间隔中位数, 30 天)；只有一单的代理按 30 天间隔；从未下单的代理不计' },
        { label: '流失风险口径', value: 'min(距今天数 ÷ (2 × 下单间隔), 1)' },
        { label: '进货额口径', value: '计入订单（未取消）的货款 − 期间内售后退款；运费另计' },
      ],
    },
    asOf,
    file,
    job,
  );
}
