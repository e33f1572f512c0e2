import type { ExportResult } from '@contract';
import { addDays, dayOf, monthStart, numberToDay, periodMs } from '@contract/days';
import { type Db, rawConnection } from '../../db/open';
import { addSectionSheet } from '../../excel/sectionSheet';
import { SheetNames } from '../../excel/sheetNames';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { maskName, maskPhone } from '../accounts/masking';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { ORDER_KIND_ZH, ORDER_STATUS_ZH, piiLine } from './labels';
import type { ReportAgent } from './reportAgents';

/** A month 'YYYY-MM' as the period [first day, first day of the next month) of local days. */
export const monthPeriod = (month: string) => ({ from: `${month}-01`, to: monthStart(`${month}-01`, 1) });

export const statementFileName = (month: string, who: string, now = Date.now()) =>
  `对账单_${month}_${who.replace(/[\\/:*?"<>|\s]+/g, '_')}_${now.toString(36)}.xlsx`;

/** One agent's month in figures (the statement's 合计 and the summary sheet's row). */
export interface StatementTotals {
  orders: number;
  cancelled: number;
  goods: number;
  shipping: number;
  refunds: number;
  /** 进货额 as analytics counts it: goods − refunds of the month. */
  amount: number;
  /** What the agent owes for the month: goods + shipping − refunds. */
  net: number;
}

interface OrderRow {
  id: string;
  orderNo: string;
  placedDay: number;
  kind: string;
  status: string;
  receiverName: string;
  receiverPhone: string;
  region: string;
  goods: number;
  units: number;
  shipping: number;
}
interface LineRow {
  orderId: string;
  product: string;
  sku: string;
  quantity: number;
  unitPrice: number;
}
interface RefundRow {
  createdAt: number;
  orderNo: string;
  placedDay: number;
  reason: string;
  returnedUnits: number;
  refund: number;
}

const ORDER_COLUMNS: ColumnSpec<'orderNo' | 'day' | 'kind' | 'status' | 'receiver' | 'phone' | 'region' | 'product' | 'sku' | 'quantity' | 'unitPrice' | 'amount' | 'shipping'>[] = [
  { key: 'orderNo', header: '订单号', kind: 'text', samples: ['DS2026110100000000'] },
  { key: 'day', header: '下单日', kind: 'text', samples: ['2026-11-01'] },
  { key: 'kind', header: '类型', kind: 'text' },
  { key: 'status', header: '状态', kind: 'text' },
  { key: 'receiver', header: '收货人', kind: 'text', samples: ['欧阳某某'] },
  { key: 'phone', header: '收货电话', kind: 'text', samples: ['13800000000'] },
  { key: 'region', header: '收货地区', kind: 'text', samples: ['黑龙江省 齐齐哈尔市 昂昂溪区'] },
  { key: 'product', header: '商品', kind: 'text', samples: ['某某品牌有机燕麦片 500g'] },
  { key: 'sku', header: 'SKU', kind: 'text', samples: ['SKU-000000'] },
  { key: 'quantity', header: '数量', kind: 'int', samples: ['00,000'] },
  { key: 'unitPrice', header: '单价', kind: 'yuan', samples: ['¥00,000.00'] },
  { key: 'amount', header: '金额', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'shipping', header: '运费', kind: 'yuan', samples: ['¥0,000.00'] },
];
const REFUND_COLUMNS: ColumnSpec<'day' | 'orderNo' | 'placedDay' | 'reason' | 'units' | 'refund'>[] = [
  { key: 'day', header: '退款日', kind: 'text' },
  { key: 'orderNo', header: '订单号', kind: 'text' },
  { key: 'placedDay', header: '订单下单日', kind: 'text' },
  { key: 'reason', header: '原因', kind: 'text' },
  { key: 'units', header: '退货件数', kind: 'int' },
  { key: 'refund', header: '退款金额', kind: 'yuan' },
];
const SUMMARY_COLUMNS: ColumnSpec<'code' | 'name' | 'level' | keyof StatementTotals>[] = [
  { key: 'code', header: '代理编号', kind: 'text', samples: ['A000000'] },
  { key: 'name', header: '代理', kind: 'text', samples: ['欧阳某某'] },
  { key: 'level', header: '等级', kind: 'text', samples: ['体验代理体验'] },
  { key: 'orders', header: '订单数（不含已取消）', kind: 'int' },
  { key: 'cancelled', header: '已取消订单', kind: 'int' },
  { key: 'goods', header: '货款', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'shipping', header: '运费', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'refunds', header: '本月退款', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'amount', header: '进货额（货款−退款）', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'net', header: '应付净额（货款+运费−退款）', kind: 'yuan', samples: ['¥000,000,000.00'] },
];
const TOTAL_LABELS = ['订单数（不含已取消）', '已取消订单（不计入合计）', '应付净额（货款+运费−退款）', '进货额（货款−退款，同分析口径）'];
const RULES = '计入订单：本月下单且未取消；已取消订单列出但不计入合计。退款按售后登记日计入当月，无论订单是哪个月下的（“订单下单日”列注明）。';

/** Agents read per step: one SQL call each for their orders, lines and refunds, then the event loop runs. */
const AGENTS_PER_STEP = 50;

/** The month's orders, lines and refunds of `agentIds` (ms range [fromMs, toMs)), grouped by agent. */
function monthFacts(db: Db, agentIds: string[], fromMs: number, toMs: number) {
  return rawConnection(db, (conn) => {
    const marks = agentIds.map(() => '?').join(',');
    const orders = conn
      .prepare(
        `SELECT o.agent_id AS agentId, o.id, o.order_no AS orderNo, o.placed_day AS placedDay, o.kind, o.status,
                o.receiver_name AS receiverName, o.receiver_phone AS receiverPhone,
                trim(o.receiver_province || ' ' || o.receiver_city || ' ' || o.receiver_district) AS region,
                o.goods_amount_fen AS goods, o.units, o.shipping_fee_fen AS shipping
         FROM orders o WHERE o.agent_id IN (${marks}) AND o.placed_at >= ? AND o.placed_at < ? ORDER BY o.placed_at, o.order_no`,
      )
      .all(...agentIds, fromMs, toMs) as (OrderRow & { agentId: string })[];
    const lines = conn
      .prepare(
        `SELECT l.order_id AS orderId, trim(p.name || ' ' || p.spec) AS product, p.sku, l.quantity, l.unit_price_fen AS unitPrice
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
         WHERE o.agent_id IN (${marks}) AND o.placed_at >= ? AND o.placed_at < ? ORDER BY l.rowid`,
      )
      .all(...agentIds, fromMs, toMs) as LineRow[];
    const refunds = conn
      .prepare(
        `SELECT c.agent_id AS agentId, c.created_at AS createdAt, o.order_no AS orderNo, o.placed_day AS placedDay, c.reason,
                c.returned_units AS returnedUnits, c.refund_fen AS refund
         FROM after_sales c JOIN orders o ON o.id = c.order_id
         WHERE c.agent_id IN (${marks}) AND c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at`,
      )
      .all(...agentIds, fromMs, toMs) as (RefundRow & { agentId: string })[];
    const byAgent = new Map(agentIds.map((id) => [id, { orders: [] as OrderRow[], refunds: [] as RefundRow[] }]));
    for (const o of orders) byAgent.get(o.agentId)!.orders.push(o);
    for (const r of refunds) byAgent.get(r.agentId)!.refunds.push(r);
    const linesOf = new Map<string, LineRow[]>();
    for (const l of lines) (linesOf.get(l.orderId) ?? linesOf.set(l.orderId, []).get(l.orderId)!).push(l);
    return { byAgent, linesOf };
  });
}

/** The month's totals from its rows: counted orders are those not cancelled (domain.md). */
export function statementTotals(orders: Pick<OrderRow, 'status' | 'goods' | 'shipping'>[], refunds: Pick<RefundRow, 'refund'>[]): StatementTotals {
  const t = { orders: 0, cancelled: 0, goods: 0, shipping: 0, refunds: 0, amount: 0, net: 0 };
  for (const o of orders) {
    if (o.status === 'cancelled') {
      t.cancelled++;
      continue;
    }
    t.orders++;
    t.goods += o.goods;
    t.shipping += o.shipping;
  }
  for (const r of refunds) t.refunds += r.refund;
  t.amount = t.goods - t.refunds;
  t.net = t.goods + t.shipping - t.refunds;
  return t;
}

/**
 * 对账单: for each agent, the month's orders (every one, with its lines), the after-sales refunds registered in
 * the month and the totals, one sheet per agent; with more than one agent (a staff member's) also a summary
 * sheet, written last so that no sheet waits in memory for another. The month is cut at 00:00 in the supplier's
 * time zone. Receivers' and agents' names and phones are masked when `masked`.
 */
export async function exportStatement(
  db: Db,
  timeZone: string,
  q: { month: string; agents: ReportAgent[]; title: string },
  file: string,
  job: JobControl & { masked: boolean },
): Promise<ExportResult> {
  const p = monthPeriod(q.month);
  const { fromMs, toMs } = periodMs(p.from, p.to, timeZone);
  const names = new SheetNames();
  const summary: (StatementTotals & { code: string; name: string; level: string })[] = [];
  const name = (s: string) => (job.masked ? maskName(s) : s);
  const phone = (s: string) => (job.masked && s ? maskPhone(s) : s);
  throwIfCancelled(job.signal);
  const result = await writeWorkbook(file, async (wb) => {
    let rows = 0;
    for (let i = 0; i < q.agents.length; i += AGENTS_PER_STEP) {
      const step = q.agents.slice(i, i + AGENTS_PER_STEP);
      const { byAgent, linesOf } = await monthFacts(db, step.map((a) => a.id), fromMs, toMs);
      for (const agent of step) {
        const facts = byAgent.get(agent.id)!;
        const sheet = addSectionSheet(wb, names.take(`${agent.code} ${agent.name}`), { tables: [ORDER_COLUMNS, REFUND_COLUMNS], labels: TOTAL_LABELS });
        sheet.title(`对账单 ${q.month}　${agent.code} ${agent.name}`, 14);
        sheet.values([
          { label: '代理编号', value: agent.code },
          { label: '代理', value: agent.name },
          { label: '等级', value: agent.levelName },
          { label: '客服', value: agent.csName || '未分配' },
          { label: '期间', value: `${p.from} 至 ${addDays(p.to, -1)}（${timeZone}）` },
        ]);
        sheet.blank();
        sheet.title('订单明细');
        const orders = sheet.table(ORDER_COLUMNS);
        for (const o of facts.orders) {
          orders.add({
            orderNo: o.orderNo, day: numberToDay(o.placedDay), kind: ORDER_KIND_ZH[o.kind] ?? o.kind, status: ORDER_STATUS_ZH[o.status] ?? o.status,
            receiver: name(o.receiverName), phone: phone(o.receiverPhone), region: o.region, quantity: o.units, amount: o.goods, shipping: o.shipping,
          });
          for (const l of linesOf.get(o.id) ?? [])
            orders.add({ product: l.product, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.quantity * l.unitPrice });
          rows++;
        }
        sheet.blank();
        sheet.title('售后退款（按登记日计入本月）');
        const refunds = sheet.table(REFUND_COLUMNS);
        for (const r of facts.refunds)
          refunds.add({ day: dayOf(r.createdAt, timeZone), orderNo: r.orderNo, placedDay: numberToDay(r.placedDay), reason: r.reason, units: r.returnedUnits, refund: r.refund });
        const t = statementTotals(facts.orders, facts.refunds);
        sheet.blank();
        sheet.title('合计');
        sheet.values([
          { label: '订单数（不含已取消）', value: t.orders, kind: 'int' },
          { label: '已取消订单（不计入合计）', value: t.cancelled, kind: 'int' },
          { label: '货款', value: t.goods, kind: 'yuan' },
          { label: '运费', value: t.shipping, kind: 'yuan' },
          { label: '退款', value: t.refunds, kind: 'yuan' },
          { label: '进货额（货款−退款，同分析口径）', value: t.amount, kind: 'yuan' },
          { label: '应付净额（货款+运费−退款）', value: t.net, kind: 'yuan' },
          { label: '口径', value: RULES },
        ]);
        sheet.commit();
        summary.push({ code: agent.code, name: agent.name, level: agent.levelName, ...t });
      }
      job.progress?.(Math.min(i + AGENTS_PER_STEP, q.agents.length), q.agents.length, 'rows');
      await yieldToLoop(); // let progress events out and a cancel request in
      throwIfCancelled(job.signal);
    }
    if (q.agents.length !== 1) {
      const s = addTableSheet(wb, names.take('汇总'), SUMMARY_COLUMNS);
      for (const r of summary) s.add(r);
      s.commit();
      const sum = (k: keyof StatementTotals) => summary.reduce((n, r) => n + r[k], 0);
      addKeyValueSheet(wb, names.take('说明'), [
        { label: '报表', value: `对账单 ${q.month}（${q.title}）` },
        { label: '期间', value: `${p.from} 至 ${addDays(p.to, -1)}` },
        { label: '时区', value: timeZone },
        piiLine(job.masked),
        { label: '代理数', value: summary.length, kind: 'int' },
        { label: '订单数（不含已取消）', value: sum('orders'), kind: 'int' },
        { label: '货款', value: sum('goods'), kind: 'yuan' },
        { label: '运费', value: sum('shipping'), kind: 'yuan' },
        { label: '退款', value: sum('refunds'), kind: 'yuan' },
        { label: '应付净额', value: sum('net'), kind: 'yuan' },
        { label: '口径', value: RULES },
      ]);
    }
    return rows;
  });
  job.progress?.(q.agents.length, q.agents.length, 'done');
  return result;
}
