import type { ExportResult, ReportLocale } from '@contract';
import { dayToNumber, numberToDay, addDays } from '@contract/days';
import { rawConnection } from '../../db/open';
import { alertSettings, stockPiling } from '../analytics/alerts';
import { STOCK_WINDOW_DAYS, type AgentFigures } from '../analytics/figures';
import type { Analytics } from '../analytics/service';
import type { JobControl } from '../common/job';
import type { AgentScope } from '../common/scope';
import { exportAgentList } from './agentList';
import { REPORT_LABELS, reportFileName } from './labels';
import { withHeaders, type ColumnSpec } from '../../excel/tableSheet';

export const stockPilingFileName = (locale: ReportLocale, asOf: string, now = Date.now()) => reportFileName(REPORT_LABELS[locale].stockPiling.file, [asOf], now);

interface Piling {
  a: number;
  stockUnits: number;
  unitsBought: number;
  consumerUnits: number;
  reported: number;
  sellThrough: number | null;
}
type Key = keyof (typeof REPORT_LABELS)['zh-CN']['stockPiling']['columns'];
const SPECS: Omit<ColumnSpec<Key>, 'header'>[] = [
  { key: 'stockUnits', kind: 'int' },
  { key: 'unitsBought', kind: 'int' },
  { key: 'consumerUnits', kind: 'int' },
  { key: 'reported', kind: 'int' },
  { key: 'sellThrough', kind: 'percent' },
  { key: 'lastReport', kind: 'text', samples: ['2026-01-01'] },
];

/**
 * 压货预警 for follow-up, as of the end of local day `asOf`: every agent in scope with a stock-piling alert
 * (alerts.ts stockPiling: ≥ stockPilingUnits stock-order units in the last 60 days and sell-through over them below
 * stockPilingSellThrough), most stock first, with the units behind the alert and the last sell-through report.
 */
export async function exportStockPilingList(an: Analytics, q: { asOf: string; locale: ReportLocale }, file: string, job: JobControl & { masked: boolean; scope: AgentScope }): Promise<ExportResult> {
  const settings = await alertSettings(an.db);
  const end = dayToNumber(addDays(q.asOf, 1));
  const labels = REPORT_LABELS[q.locale];
  const w = labels.stockPiling;
  return exportAgentList<Key, Piling>(
    an,
    {
      sheet: w.sheet,
      windowDays: STOCK_WINDOW_DAYS,
      columns: withHeaders(SPECS, w.columns),
      pick: (f: AgentFigures, a) => {
        const alert = stockPiling(f, settings);
        if (!alert) return null;
        const w = f.stockWindow();
        return { a, stockUnits: alert.stockUnits, unitsBought: w.unitsBought(), consumerUnits: w.consumerUnits(), reported: w.sums.reported[w.sums.row(a)], sellThrough: alert.sellThrough };
      },
      compare: (x, y) => y.stockUnits - x.stockUnits,
      prepare: (ids) =>
        rawConnection(an.db, (conn) => {
          const rows = conn
            .prepare(`SELECT agent_id AS id, MAX(day) AS day FROM sellthrough_reports WHERE agent_id IN (${ids.map(() => '?').join(',')}) AND day < ? GROUP BY agent_id`)
            .all(...ids, end) as { id: string; day: number }[];
          return new Map<string, unknown>(rows.map((r) => [r.id, numberToDay(r.day)]));
        }),
      cells: ({ a: _a, ...cells }, lastReport, agentId) => ({ ...cells, lastReport: (lastReport.get(agentId) as string | undefined) ?? '' }),
      summary: [
        { label: w.alertBasis, value: w.alertText(STOCK_WINDOW_DAYS, settings.stockPilingUnits, Math.round(settings.stockPilingSellThrough * 100)) },
        { label: labels.common.sellThroughBasis, value: labels.common.sellThroughText },
      ],
    },
    q,
    file,
    job,
  );
}
