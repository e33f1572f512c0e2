import type { ExportResult } from '@contract';
import { dayToNumber, numberToDay, addDays } from '@contract/days';
import { rawConnection } from '../../db/open';
import { alertSettings, stockPiling } from '../analytics/alerts';
import { STOCK_WINDOW_DAYS, type AgentFigures } from '../analytics/figures';
import type { Analytics } from '../analytics/service';
import type { JobControl } from '../common/job';
import type { AgentScope } from '../common/scope';
import { exportAgentList } from './agentList';

export const stockPilingFileName = (asOf: string, now = Date.now()) => `压货预警_${asOf}_${now.toString(36)}.xlsx`;

interface Piling {
  a: number;
  stockUnits: number;
  unitsBought: number;
  consumerUnits: number;
  reported: number;
  sellThrough: number | null;
}

/**
 * 压货预警 for follow-up, as of the end of local day `asOf`: every agent in scope with a stock-piling alert
 * (alerts.ts stockPiling: ≥ stockPilingUnits stock-order units in the last 60 days and sell-through over them below
 * stockPilingSellThrough), most stock first, with the units behind the alert and the last sell-through report.
 */
export async function exportStockPilingList(an: Analytics, asOf: string, file: string, job: JobControl & { masked: boolean; scope: AgentScope }): Promise<ExportResult> {
  const settings = await alertSettings(an.db);
  const end = dayToNumber(addDays(asOf, 1));
  return exportAgentList<'stockUnits' | 'unitsBought' | 'consumerUnits' | 'reported' | 'sellThrough' | 'lastReport', Piling>(
    an,
    {
      sheet: '压货预警',
      windowDays: STOCK_WINDOW_DAYS,
      columns: [
        { key: 'stockUnits', header: '近60天囤货件数', kind: 'int' },
        { key: 'unitsBought', header: '近60天进货件数', kind: 'int' },
        { key: 'consumerUnits', header: '到达消费者件数', kind: 'int' },
        { key: 'reported', header: '其中上报动销件数', kind: 'int' },
        { key: 'sellThrough', header: '动销率', kind: 'percent' },
        { key: 'lastReport', header: '最近动销上报日', kind: 'text', samples: ['2026-01-01'] },
      ],
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
        { label: '预警口径', value: `近 ${STOCK_WINDOW_DAYS} 天囤货订单件数 ≥ ${settings.stockPilingUnits} 且同期动销率 < ${Math.round(settings.stockPilingSellThrough * 100)}%（设置项）` },
        { label: '动销率口径', value: '到达消费者件数 ÷ 进货件数；到达消费者 = 代发发货件数 − 代发退货 + 上报动销件数' },
      ],
    },
    asOf,
    file,
    job,
  );
}
