import { METRICS, type ExportResult, type MetricId, type MetricInfo, type RankingRow, type RankingTotals } from '@contract';
import { addDays } from '@contract/days';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnKind, type ColumnSpec } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { maskName } from '../accounts/masking';
import type { AgentScope } from '../common/scope';
import type { Analytics, Period, RankingSpec } from '../analytics/service';

async function longest(an: Analytics, col: 'name' | 'code'): Promise<string> {
  const r = await an.db('agents').orderByRaw(`length(${col}) desc`).first(col);
  return r?.[col] ?? '';
}

export const rankingFileName = (p: Period, now = Date.now()) => `分销商排行_${p.from}_${addDays(p.to, -1)}_${now.toString(36)}.xlsx`;

/** Metric columns every export has (today's set); the ranked metric is added when it is not one of them. */
const DEFAULT_METRICS: MetricId[] = ['orders', 'amount', 'units', 'aov', 'refund', 'shippingFee'];
const KIND: Record<MetricInfo['unit'], ColumnKind> = { fen: 'yuan', count: 'int', ratio: 'percent', days: 'decimal', perMonth: 'decimal' };
const SAMPLE: Record<MetricInfo['unit'], string> = { fen: '¥000,000,000.00', count: '00,000,000', ratio: '000.0%', days: '0,000.00', perMonth: '0,000.00' };

/** 新上榜 when the agent was not ranked in the previous period; ↑3 / ↓2 / – otherwise. */
export const movementText = (r: Pick<RankingRow, 'prevRank' | 'movement'>) =>
  r.prevRank === null ? '新上榜' : r.movement! > 0 ? `↑${r.movement}` : r.movement! < 0 ? `↓${-r.movement!}` : '–';

type Cell = string | number | null;

/**
 * Write the ranking `q` (metric, filters, comparison) to `file` as a styled .xlsx: a ranking sheet streamed in
 * batches and a summary sheet with the period and totals. A cancelled or failed export leaves no file behind.
 */
export async function exportRanking(
  an: Analytics,
  q: RankingSpec,
  file: string,
  job: JobControl & { masked: boolean; scope: AgentScope },
): Promise<ExportResult> {
  const [name, code] = await Promise.all([longest(an, 'name'), longest(an, 'code')]);
  const metrics = DEFAULT_METRICS.includes(q.metric) ? DEFAULT_METRICS : [...DEFAULT_METRICS, q.metric];
  const columns: ColumnSpec[] = [
    { key: 'rank', header: '排名', kind: 'int' },
    ...(q.compare ? [{ key: 'prevRank', header: '上期排名', kind: 'int' as const }, { key: 'movement', header: '变化', kind: 'text' as const, samples: ['新上榜'] }] : []),
    { key: 'agentCode', header: '代理编号', kind: 'text', samples: [code] },
    { key: 'agentName', header: '代理', kind: 'text', samples: [name] },
    { key: 'levelName', header: '等级', kind: 'text', samples: ['体验代理体验'] },
    ...metrics.map((id) => ({ key: id, header: METRICS[id].name['zh-CN'], kind: KIND[METRICS[id].unit], samples: [SAMPLE[METRICS[id].unit]] })),
  ];
  throwIfCancelled(job.signal);
  let totals: RankingTotals | null = null;
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, '分销商排行', columns);
    let n = 0;
    for await (const batch of an.rankingBatches(q, job.scope)) {
      totals = batch.totals;
      for (const row of batch.rows) {
        const cells: Record<string, Cell> = {
          rank: row.rank,
          prevRank: row.prevRank,
          movement: movementText(row),
          agentCode: row.agentCode,
          agentName: job.masked ? maskName(row.agentName) : row.agentName,
          levelName: row.levelName,
        };
        for (const id of metrics) cells[id] = row.values[id];
        sheet.add(cells);
      }
      n += batch.rows.length;
      job.progress?.(n, batch.totals.agents, 'rows');
      await yieldToLoop(); // let progress events out and a cancel request in
      throwIfCancelled(job.signal);
    }
    throwIfCancelled(job.signal);
    sheet.commit();
    const t = totals ?? { agents: 0, orders: 0, amount: 0, units: 0, aov: null, refund: 0, shippingFee: 0 };
    addKeyValueSheet(wb, '汇总', [
      { label: '报表', value: `分销商排行（按${METRICS[q.metric].name['zh-CN']}）` },
      { label: '开始日期', value: q.from },
      { label: '结束日期（含）', value: addDays(q.to, -1) },
      { label: '时区', value: an.timeZone },
      { label: '个人信息', value: job.masked ? '已脱敏（无查看个人信息权限）' : '完整' },
      ...(job.scope ? [{ label: '范围', value: '仅分配给导出人的代理' }] : []),
      ...filterLines(q),
      ...(q.compare ? [{ label: '对比', value: '上一等长期间的排名' }] : []),
      { label: '代理数', value: t.agents, kind: 'int' },
      { label: '订单数', value: t.orders, kind: 'int' },
      { label: '进货额（已扣退款）', value: t.amount, kind: 'yuan' },
      { label: '件数（已扣退货）', value: t.units, kind: 'int' },
      { label: '客单价', value: t.aov, kind: 'yuan' },
      { label: '退款', value: t.refund, kind: 'yuan' },
      { label: '运费（另计）', value: t.shippingFee, kind: 'yuan' },
      { label: '口径', value: '计入订单：期间内下单且未取消；进货额 = 代理价 × 数量 − 期间内售后退款' },
      { label: `${METRICS[q.metric].name['zh-CN']}口径`, value: METRICS[q.metric].definition['zh-CN'] },
    ]);
    return n;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}

const FILTER_LABELS: Record<string, string> = { levelIds: '等级', provinces: '省份', csUserIds: '客服', sourceChannels: '来源渠道', statuses: '状态' };

/** The filters as given (ids, not names: the summary says exactly what was asked). */
function filterLines(q: RankingSpec): { label: string; value: string }[] {
  return Object.entries(q.filters)
    .filter(([, v]) => v && v.length)
    .map(([k, v]) => ({ label: `筛选：${FILTER_LABELS[k] ?? k}`, value: (v as string[]).join('、') }));
}
