import type { ExportResult, ReportLocale } from '@contract';
import { addDays, dayOf, monthStart, numberToDay, periodMs } from '@contract/days';
import { type Db, rawConnection } from '../../db/open';
import { addSectionSheet } from '../../excel/sectionSheet';
import { SheetNames } from '../../excel/sheetNames';
import { addKeyValueSheet, addTableSheet, withHeaders, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { maskName, maskPhone } from '../accounts/masking';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { piiLine, REPORT_LABELS, reportFileName, type OrderKind, type OrderStatus, type ReportLabels } from './labels';
import type { ReportAgent } from './reportAgents';

/** A month 'YYYY-MM' as the period [first day, first day of the next month) of local days. */
export const monthPeriod = (month: string) => ({ from: `${month}-01`, to: monthStart(`${month}-01`, 1) });

export const statementFileName = (locale: ReportLocale, month: string, who: string, now = Date.now()) =>
  reportFileName(REPORT_LABELS[locale].statement.file, [month, who], now);

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
  kind: OrderKind;
  status: OrderStatus;
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

type OrderKey = keyof ReportLabels['statement']['orderColumns'];
type RefundKey = keyof ReportLabels['statement']['refundColumns'];
type SummaryKey = keyof ReportLabels['statement']['summaryColumns'];
const ORDER_SPECS: Omit<ColumnSpec<OrderKey>, 'header'>[] = [
  { key: 'orderNo', kind: 'text', samples: ['DS2026110100000000'] },
  { key: 'day', kind: 'text', samples: ['2026-11-01'] },
  { key: 'kind', kind: 'text' },
  { key: 'status', kind: 'text' },
  { key: 'receiver', kind: 'text', samples: ['欧阳某某'] },
  { key: 'phone', kind: 'text', samples: ['13800000000'] },
  { key: 'region', kind: 'text', samples: ['黑龙江省 齐齐哈尔市 昂昂溪区'] },
  { key: 'product', kind: 'text', samples: ['某某品牌有机燕麦片 500g'] },
  { key: 'sku', kind: 'text', samples: ['SKU-000000'] },
  { key: 'quantity', kind: 'int', samples: ['00,000'] },
  { key: 'unitPrice', kind: 'yuan', samples: ['¥00,000.00'] },
  { key: 'amount', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'shipping', kind: 'yuan', samples: ['¥0,000.00'] },
];
const REFUND_SPECS: Omit<ColumnSpec<RefundKey>, 'header'>[] = [
  { key: 'day', kind: 'text' },
  { key: 'orderNo', kind: 'text' },
  { key: 'placedDay', kind: 'text' },
  { key: 'reason', kind: 'text' },
  { key: 'units', kind: 'int' },
  { key: 'refund', kind: 'yuan' },
];
const SUMMARY_SPECS: Omit<ColumnSpec<SummaryKey>, 'header'>[] = [
  { key: 'code', kind: 'text', samples: ['A000000'] },
  { key: 'name', kind: 'text', samples: ['欧阳某某'] },
  { key: 'level', kind: 'text', samples: ['体验代理体验'] },
  { key: 'orders', kind: 'int' },
  { key: 'cancelled', kind: 'int' },
  { key: 'goods', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'shipping', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'refunds', kind: 'yuan', samples: ['¥000,000.00'] },
  { key: 'amount', kind: 'yuan', samples: ['¥000,000,000.00'] },
  { key: 'net', kind: 'yuan', samples: ['¥000,000,000.00'] },
];

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
 * time zone. Receivers' and agents' names and phones are masked when `masked`. Every text in `locale`.
 */
export async function exportStatement(
  db: Db,
  timeZone: string,
  q: { month: string; agents: ReportAgent[]; title: string; locale: ReportLocale },
  file: string,
  job: JobControl & { masked: boolean },
): Promise<ExportResult> {
  const w = REPORT_LABELS[q.locale];
  const ws = w.statement;
  const p = monthPeriod(q.month);
  const span = w.common.span(p.from, addDays(p.to, -1));
  const { fromMs, toMs } = periodMs(p.from, p.to, timeZone);
  const orderColumns = withHeaders(ORDER_SPECS, ws.orderColumns);
  const refundColumns = withHeaders(REFUND_SPECS, ws.refundColumns);
  const totalLabels = [ws.countedOrders, ws.cancelledOrders, ws.net, ws.amount];
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
        const sheet = addSectionSheet(wb, names.take(`${agent.code} ${agent.name}`), { tables: [orderColumns, refundColumns], labels: totalLabels });
        sheet.title(ws.title(q.month, `${agent.code} ${agent.name}`), 14);
        sheet.values([
          { label: ws.code, value: agent.code },
          { label: ws.agent, value: agent.name },
          { label: ws.level, value: agent.levelName },
          { label: ws.cs, value: agent.csName || w.common.unassigned },
          { label: ws.periodLabel, value: ws.period(span, timeZone) },
        ]);
        sheet.blank();
        sheet.title(ws.orders);
        const orders = sheet.table(orderColumns);
        for (const o of facts.orders) {
          orders.add({
            orderNo: o.orderNo, day: numberToDay(o.placedDay), kind: w.orderKind[o.kind], status: w.orderStatus[o.status],
            receiver: name(o.receiverName), phone: phone(o.receiverPhone), region: o.region, quantity: o.units, amount: o.goods, shipping: o.shipping,
          });
          for (const l of linesOf.get(o.id) ?? [])
            orders.add({ product: l.product, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.quantity * l.unitPrice });
          rows++;
        }
        sheet.blank();
        sheet.title(ws.refunds);
        const refunds = sheet.table(refundColumns);
        for (const r of facts.refunds)
          refunds.add({ day: dayOf(r.createdAt, timeZone), orderNo: r.orderNo, placedDay: numberToDay(r.placedDay), reason: r.reason, units: r.returnedUnits, refund: r.refund });
        const t = statementTotals(facts.orders, facts.refunds);
        sheet.blank();
        sheet.title(ws.totals);
        sheet.values([
          { label: ws.countedOrders, value: t.orders, kind: 'int' },
          { label: ws.cancelledOrders, value: t.cancelled, kind: 'int' },
          { label: ws.goods, value: t.goods, kind: 'yuan' },
          { label: ws.shipping, value: t.shipping, kind: 'yuan' },
          { label: ws.refund, value: t.refunds, kind: 'yuan' },
          { label: ws.amount, value: t.amount, kind: 'yuan' },
          { label: ws.net, value: t.net, kind: 'yuan' },
          { label: w.common.basis, value: ws.rules },
        ]);
        await sheet.commit();
        summary.push({ code: agent.code, name: agent.name, level: agent.levelName, ...t });
      }
      job.progress?.(Math.min(i + AGENTS_PER_STEP, q.agents.length), q.agents.length, 'rows');
      await yieldToLoop(); // let progress events out and a cancel request in
      throwIfCancelled(job.signal);
    }
    if (q.agents.length !== 1) {
      const s = addTableSheet(wb, names.take(w.common.summarySheet), withHeaders(SUMMARY_SPECS, ws.summaryColumns));
      for (const r of summary) s.add(r);
      s.commit();
      const sum = (k: keyof StatementTotals) => summary.reduce((n, r) => n + r[k], 0);
      addKeyValueSheet(wb, names.take(ws.notesSheet), [
        { label: w.common.report, value: ws.report(q.month, q.title) },
        { label: ws.periodLabel, value: span },
        { label: w.common.timeZone, value: timeZone },
        piiLine(w, job.masked),
        { label: w.common.agents, value: summary.length, kind: 'int' },
        { label: ws.countedOrders, value: sum('orders'), kind: 'int' },
        { label: ws.goods, value: sum('goods'), kind: 'yuan' },
        { label: ws.shipping, value: sum('shipping'), kind: 'yuan' },
        { label: ws.refund, value: sum('refunds'), kind: 'yuan' },
        { label: ws.netShort, value: sum('net'), kind: 'yuan' },
        { label: w.common.basis, value: ws.rules },
      ]);
    }
    return rows;
  });
  job.progress?.(q.agents.length, q.agents.length, 'done');
  return result;
}
