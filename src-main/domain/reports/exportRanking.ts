import type { ExportResult, RankingRow } from '@contract';
import type { Db } from '../../db/open';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { addDays } from '@contract/days';
import { forEachRankingRow, type Period } from './ranking';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { maskName } from '../accounts/masking';
import { isLimited, type AgentScope } from '../common/scope';

async function longest(db: Db, col: 'name' | 'code'): Promise<string> {
  const r = await db('agents').orderByRaw(`length(${col}) desc`).first(col);
  return r?.[col] ?? '';
}

export const rankingFileName = (p: Period, now = Date.now()) =>
  `分销商排行_${p.from}_${addDays(p.to, -1)}_${now.toString(36)}.xlsx`;

/**
 * Write the ranking of period p to `file` as a styled .xlsx: a ranking sheet streamed row by row and a
 * summary sheet with the period and totals. A cancelled or failed export leaves no file behind.
 */
export async function exportRanking(
  db: Db,
  p: Period,
  timeZone: string,
  scope: AgentScope,
  file: string,
  job: JobControl & { masked?: boolean } = {},
): Promise<ExportResult> {
  const limited = isLimited(scope, 'the ranking export');
  const [name, code] = await Promise.all([longest(db, 'name'), longest(db, 'code')]);
  const columns: ColumnSpec<keyof RankingRow>[] = [
    { key: 'rank', header: '排名', kind: 'int' },
    { key: 'agentCode', header: '代理编号', kind: 'text', samples: [code] },
    { key: 'agentName', header: '代理', kind: 'text', samples: [name] },
    { key: 'levelName', header: '等级', kind: 'text', samples: ['体验代理体验'] },
    { key: 'orders', header: '订单数', kind: 'int', samples: ['0000000'] },
    { key: 'amountFen', header: '进货额', kind: 'yuan', samples: ['¥000,000,000.00'] },
    { key: 'units', header: '件数', kind: 'int', samples: ['00,000,000'] },
    { key: 'aovFen', header: '客单价', kind: 'yuan', samples: ['¥000,000.00'] },
    { key: 'refundFen', header: '退款', kind: 'yuan', samples: ['¥00,000,000.00'] },
    { key: 'shippingFeeFen', header: '运费', kind: 'yuan', samples: ['¥00,000,000.00'] },
  ];
  throwIfCancelled(job.signal);
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, '分销商排行', columns);
    let n = 0;
    const totals = await forEachRankingRow(db, p, timeZone, scope, async (row, t) => {
      sheet.add(job.masked ? { ...row, agentName: maskName(row.agentName) } : row);
      n++;
      if (n % 2000 === 0) {
        job.progress?.(n, t.agents, 'rows');
        await yieldToLoop(); // let progress events out and a cancel request in
        throwIfCancelled(job.signal);
      }
    });
    throwIfCancelled(job.signal);
    sheet.commit();
    addKeyValueSheet(wb, '汇总', [
      { label: '报表', value: '分销商排行（按进货额）' },
      { label: '开始日期', value: p.from },
      { label: '结束日期（含）', value: addDays(p.to, -1) },
      { label: '时区', value: timeZone },
      { label: '个人信息', value: job.masked ? '已脱敏（无查看个人信息权限）' : '完整' },
      ...(limited ? [{ label: '范围', value: '仅分配给导出人的代理' }] : []),
      { label: '代理数', value: totals.agents, kind: 'int' },
      { label: '订单数', value: totals.orders, kind: 'int' },
      { label: '进货额（已扣退款）', value: totals.amountFen, kind: 'yuan' },
      { label: '件数（已扣退货）', value: totals.units, kind: 'int' },
      { label: '客单价', value: totals.aovFen, kind: 'yuan' },
      { label: '退款', value: totals.refundFen, kind: 'yuan' },
      { label: '运费（另计）', value: totals.shippingFeeFen, kind: 'yuan' },
      { label: '口径', value: '计入订单：期间内下单且未取消；进货额 = 代理价 × 数量 − 期间内售后退款' },
    ]);
    return n;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
