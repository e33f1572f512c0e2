import {
  DEFAULT_RANKING_COLUMNS,
  type ExportResult,
  type PeriodPreset,
  type RankingColumnId,
  type ReportLocale,
} from '@contract';
import { addDays } from '@contract/days';
import { addKeyValueSheet, addTableSheet, writeWorkbook } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { isLimited, type AgentScope } from '../common/scope';
import type { Analytics, Period, RankingSpec } from '../analytics/service';
import { rankingSheetColumns, type Cell } from './rankingSheet';
import { summaryLines, summarySheetName } from './rankingSummary';

async function longest(an: Analytics, col: 'name' | 'code'): Promise<string> {
  const r = await an.db('agents').orderByRaw(`length(${col}) desc`).first(col);
  return r?.[col] ?? '';
}

export const rankingFileName = (p: Period, now = Date.now()) => `分销商排行_${p.from}_${addDays(p.to, -1)}_${now.toString(36)}.xlsx`;
const SHEET_NAME: Record<ReportLocale, string> = { 'zh-CN': '分销商排行', en: 'Distributor ranking' };

/** What the export writes besides the ranking's query: columns in order, language, and what the summary names. */
export interface RankingExportSpec extends RankingSpec {
  columns?: readonly RankingColumnId[];
  locale?: ReportLocale;
  preset?: PeriodPreset;
  setupName?: string;
}

export interface ExportBy extends JobControl {
  masked: boolean;
  scope: AgentScope;
  /** The exporter's display name and the time of the export, for the summary. */
  byName?: string;
  now?: number;
}

/** Rows between progress events and cancel checks. */
const BATCH = 2_000;
/**
 * Rows between turns of the event loop: exceljs hands the sheet's XML to zlib in 64 KB pieces, deflated one at a
 * time on libuv's thread pool, and the next piece starts only when the loop runs the last one's callback. A turn
 * every ~60 KB of XML keeps the deflate going beside the rows instead of all of it waiting for the commit.
 */
const TURN = 250;

/**
 * Write the ranking `q` (metric, filters, comparison, chosen columns) to `file` as a styled .xlsx: a ranking sheet
 * streamed in batches, with data bars on the ranked metric, and a summary sheet. A cancelled or failed export
 * leaves no file behind.
 */
export async function exportRanking(an: Analytics, q: RankingExportSpec, file: string, job: ExportBy): Promise<ExportResult> {
  const locale = q.locale ?? 'zh-CN';
  const [name, code] = await Promise.all([longest(an, 'name'), longest(an, 'code')]);
  // Without a choice, the screen's default columns as the screen shows them: the ranked metric first.
  const chosen = q.columns ?? DEFAULT_RANKING_COLUMNS.filter((c) => c !== q.metric);
  const columns = rankingSheetColumns({ columns: chosen, metric: q.metric, compare: q.compare, locale, masked: job.masked, longest: { code, name } });
  const getters = columns.map((c) => c.get);
  throwIfCancelled(job.signal);
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, SHEET_NAME[locale], columns);
    const cells = new Array<Cell>(columns.length);
    const { order, row, totals } = await an.rankingCursor(q, job.scope);
    let n = 0;
    while (n < order.length) {
      // Each ranked agent's cells straight from the model: only the columns the file shows are computed.
      for (const end = Math.min(n + TURN, order.length); n < end; n++) {
        row.at(order[n], n + 1);
        for (let i = 0; i < getters.length; i++) cells[i] = getters[i](row);
        sheet.addValues(cells);
      }
      if (n % BATCH < TURN || n === order.length) job.progress?.(n, order.length, 'rows');
      await yieldToLoop(); // let the deflate, progress events and a cancel request through
      throwIfCancelled(job.signal);
    }
    throwIfCancelled(job.signal);
    sheet.dataBar(q.metric);
    sheet.commit();
    const lines = await summaryLines(an.db, {
      ...q,
      locale,
      timeZone: an.timeZone,
      masked: job.masked,
      scoped: isLimited(job.scope),
      rows: n,
      totals,
      generatedAt: job.now ?? Date.now(),
      generatedBy: job.byName ?? '',
    });
    addKeyValueSheet(wb, summarySheetName(locale), lines);
    return n;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
