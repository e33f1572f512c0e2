import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '@contract';
import type { Caller } from '../../src-main/app/router';
import { recordAfterSales, recordOrder, recordSellThrough, setOrderStatus, cancelOrder } from '../../src-main/domain/ledger';
import { exportStatement } from '../../src-main/domain/reports/statement';
import { exportDormantList } from '../../src-main/domain/reports/dormantList';
import { exportProductSales } from '../../src-main/domain/reports/productSales';
import { statementAgents } from '../../src-main/domain/reports/reportAgents';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';
import { SheetNames } from '../../src-main/excel/sheetNames';
import { addSectionSheet } from '../../src-main/excel/sectionSheet';
import { writeWorkbook } from '../../src-main/excel/tableSheet';
import { maskName } from '../../src-main/domain/accounts/masking';
import { seedLedger, write, type LedgerSeed } from './helpers/ledger';
import { call, errorOf, openTempApp, tempDir } from './helpers/tempApp';

// Every report of issue 9 item 7 (besides the ranking) written into a real SQLite file whose facts went in
// through the ledger, read back with exceljs and checked against figures worked out here by hand.
// Agent i is on level i % 2: A001 and A003 pay P1 3000 / P2 3100, A002 pays P1 2800 / P2 2900.

const T = (local: string) => Date.parse(`${local}+08:00`);
let app: Awaited<ReturnType<typeof openTempApp>>;
let seed: LedgerSeed;
const staff = { cs1: 'staff-cs1', cs2: 'staff-cs2' };
const ids: Record<string, string> = {};

const receiver = { name: '李小四', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' };
async function order(key: string, agent: number, at: string, lines: [number, number][], more: { kind?: 'dropship' | 'stock'; fee?: number } = {}) {
  const { value } = await write(app.env.db, T(at), (ctx) =>
    recordOrder(ctx, {
      agentId: seed.agents[agent],
      kind: more.kind ?? 'dropship',
      lines: lines.map(([p, quantity]) => ({ productId: seed.products[p], quantity })),
      shippingFeeFen: more.fee ?? 0,
      receiver: more.kind === 'stock' ? undefined : receiver,
      placedAt: T(at),
    }),
  );
  ids[key] = value.id;
}
const ship = (key: string, at: string) => write(app.env.db, T(at), (ctx) => setOrderStatus(ctx, ids[key], 'shipped'));
const lineOf = async (key: string) => (await app.env.db('order_lines').where({ order_id: ids[key] }).orderBy('rowid').first('id')).id as string;

beforeAll(async () => {
  app = await openTempApp();
  const db = app.env.db;
  await db('agent_levels').delete();
  seed = await seedLedger(db, { agents: 3, products: 2, stock: [1000, 1000], at: T('2026-01-01T00:00:00') });
  const now = T('2026-01-01T00:00:00');
  await db('users').insert(
    Object.entries(staff).map(([login, id]) => ({ id, login, name: login === 'cs1' ? '客服甲' : '客服乙', password_hash: 'x', password_changed_at: now, created_at: now, updated_at: now })),
  );
  await db('agents').where({ id: seed.agents[0] }).update({ name: '张三丰', phone: '13812348000', cs_user_id: staff.cs1 });
  await db('agents').where({ id: seed.agents[1] }).update({ name: '=HYPERLINK("x")', phone: '13600002222', cs_user_id: staff.cs1 });
  await db('agents').where({ id: seed.agents[2] }).update({ name: '王五', phone: '13700001234', cs_user_id: staff.cs2 });

  // A003: two orders in the summer, nothing since (dormant by December).
  await order('h1', 2, '2026-06-01T10:00:00', [[0, 1]]);
  await order('h2', 2, '2026-07-01T10:00:00', [[0, 1]]);
  // A001: one October order at the last second of the month, refunded (1 unit, ¥10) in November.
  await order('o1', 0, '2026-10-31T23:59:59', [[0, 1]]);
  await ship('o1', '2026-11-01T10:00:00');
  // November: the first second, a stock order, a cancelled one, the last second; December's first second.
  await order('o2', 0, '2026-11-01T00:00:00', [[0, 2], [1, 1]], { fee: 800 });
  await ship('o2', '2026-11-02T10:00:00');
  const o1Line = await lineOf('o1'); // outside the write: the transaction holds the one connection
  await write(db, T('2026-11-05T12:00:00'), (ctx) => recordAfterSales(ctx, { orderId: ids.o1, lines: [{ orderLineId: o1Line, quantity: 1 }], reason: '破损', refundFen: 1000 }));
  await order('a2', 1, '2026-11-10T09:00:00', [[0, 1]]);
  await order('o3', 0, '2026-11-15T10:00:00', [[1, 3]], { kind: 'stock', fee: 1500 });
  await order('o4', 0, '2026-11-20T10:00:00', [[0, 1]]);
  await write(db, T('2026-11-20T11:00:00'), (ctx) => cancelOrder(ctx, ids.o4, { reason: '代理取消' }));
  // A002 piles stock: 60 units on 11-20, 5 reported sold on 11-25.
  await order('s1', 1, '2026-11-20T12:00:00', [[1, 60]], { kind: 'stock' });
  await ship('s1', '2026-11-21T10:00:00');
  await write(db, T('2026-11-26T10:00:00'), (ctx) => recordSellThrough(ctx, { agentId: seed.agents[1], productId: seed.products[1], day: '2026-11-25', units: 5 }));
  await order('o5', 0, '2026-11-30T23:59:59', [[0, 1]], { fee: 500 });
  await order('o6', 0, '2026-12-01T00:00:00', [[0, 1]]);
  // A refund in December for a November order: December's statement, not November's.
  await write(db, T('2026-12-02T10:00:00'), (ctx) => recordAfterSales(ctx, { orderId: ids.o2, reason: '少发', refundFen: 700 }));
});
afterAll(() => app.close());

async function workbook(fileName: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(app.env.exportsDir, fileName));
  return wb;
}
/** Every row's values from column 1 (blank rows as []; getSheetValues is sparse). */
const rowsOf = (ws: ExcelJS.Worksheet) => Array.from(ws.getSheetValues().slice(1), (r) => (Array.isArray(r) ? r.slice(1) : []));
/** Labelled values (column 1 → column 2) of a sheet. */
const pairs = (ws: ExcelJS.Worksheet) => Object.fromEntries(rowsOf(ws).filter((r) => r.length >= 2 && typeof r[0] === 'string').map((r) => [r[0], r[1]]));
/** The rows of the table whose header row starts with `first`, up to the next empty row. */
function table(ws: ExcelJS.Worksheet, first: string): unknown[][] {
  const rows = rowsOf(ws);
  const at = rows.findIndex((r) => r[0] === first);
  const out: unknown[][] = [];
  for (let i = at + 1; i < rows.length && rows[i].length; i++) out.push(rows[i]);
  return out;
}

const clerk = (csUserId: string, extra: Permission[] = []): Caller => ({
  transport: 'test',
  permissions: new Set<Permission>([...PERMISSIONS.filter((p) => p !== 'pii.view'), ...extra]),
  user: { id: csUserId, login: csUserId },
  scope: { csUserId },
});
async function callAs<T>(caller: Caller, method: string, input: unknown): Promise<T> {
  const r = await app.router.call(method, input, caller);
  if (!r.ok) throw Object.assign(new Error(r.error.code), { body: r.error });
  return r.data as T;
}

describe('agent statement (对账单)', () => {
  it('one agent, one month: every order with its lines, the month’s refunds (of an earlier month’s order too) and the totals', async () => {
    const res = await call(app, 'reports.exportStatement', { agentId: seed.agents[0], month: '2026-11', jobId: 'statement-1' });
    expect(res.rows).toBe(4); // o2, o3, o4 (cancelled, listed), o5; o1 is October's, o6 December's
    expect(res.fileName).toMatch(/^对账单_2026-11_A001_.+\.xlsx$/);
    const wb = await workbook(res.fileName);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['A001 张三丰']);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('对账单 2026-11　A001 张三丰');
    expect(pairs(ws)).toMatchObject({ 代理编号: 'A001', 代理: '张三丰', 客服: '客服甲', 期间: '2026-11-01 至 2026-11-30（Asia/Shanghai）' });
    const orders = table(ws, '订单号');
    const o = (r: unknown[]) => Array.from({ length: 13 }, (_, i) => r[i] ?? null);
    const orderNos = await app.env.db('orders').whereIn('id', [ids.o2, ids.o3, ids.o4, ids.o5]).orderBy('placed_at').pluck('order_no');
    expect(orders.map(o)).toEqual([
      [orderNos[0], '2026-11-01', '代发', '已发货', '李小四', '13900001111', '浙江省 杭州市 西湖区', null, null, 3, null, 91, 8],
      [null, null, null, null, null, null, null, '商品1', 'P-001', 2, 30, 60, null],
      [null, null, null, null, null, null, null, '商品2', 'P-002', 1, 31, 31, null],
      [orderNos[1], '2026-11-15', '囤货', '待发货', null, null, null, null, null, 3, null, 93, 15],
      [null, null, null, null, null, null, null, '商品2', 'P-002', 3, 31, 93, null],
      [orderNos[2], '2026-11-20', '代发', '已取消', '李小四', '13900001111', '浙江省 杭州市 西湖区', null, null, 1, null, 30, 0],
      [null, null, null, null, null, null, null, '商品1', 'P-001', 1, 30, 30, null],
      [orderNos[3], '2026-11-30', '代发', '待发货', '李小四', '13900001111', '浙江省 杭州市 西湖区', null, null, 1, null, 30, 5],
      [null, null, null, null, null, null, null, '商品1', 'P-001', 1, 30, 30, null],
    ].map((r) => r.map((v) => (v === '' ? null : v))));
    // The October order's refund is November's; December's refund of a November order is not.
    const o1No = (await app.env.db('orders').where({ id: ids.o1 }).first('order_no')).order_no;
    expect(table(ws, '退款日')).toEqual([['2026-11-05', o1No, '2026-10-31', '破损', 1, 10]]);
    expect(pairs(ws)).toMatchObject({
      '订单数（不含已取消）': 3, '已取消订单（不计入合计）': 1, 货款: 91 + 93 + 30, 运费: 8 + 15 + 5, 退款: 10,
      '进货额（货款−退款，同分析口径）': 214 - 10, '应付净额（货款+运费−退款）': 214 + 28 - 10,
    });
    // Money cells carry the ¥ format (yuan from integer fen).
    const goodsRow = ws.getSheetValues().findIndex((r) => Array.isArray(r) && r[1] === '货款');
    expect(ws.getRow(goodsRow).getCell(2).numFmt).toBe('"¥"#,##0.00');
    // The statement's 进货额 is the analytics figure for the month.
    const m = await call(app, 'agents.metrics', { agentId: seed.agents[0], from: '2026-11-01', to: '2026-12-01' });
    expect(m.current.amount).toBe(21400 - 1000);
  });

  it('December shows the refund of the November order and the order placed at 00:00 on the 1st', async () => {
    const res = await call(app, 'reports.exportStatement', { agentId: seed.agents[0], month: '2026-12', jobId: 'statement-2' });
    const ws = (await workbook(res.fileName)).worksheets[0];
    expect(table(ws, '订单号').map((r) => r[1]).filter(Boolean)).toEqual(['2026-12-01']);
    expect(table(ws, '退款日').map((r) => [r[0], r[2], r[5]])).toEqual([['2026-12-02', '2026-11-01', 7]]);
    expect(pairs(ws)).toMatchObject({ 货款: 30, 退款: 7, '应付净额（货款+运费−退款）': 23 });
  });

  it('a staff member’s agents: one sheet per agent (safe, unique names) and a summary; masked and scoped for a clerk', async () => {
    const res = await callAs<{ fileName: string; rows: number }>(clerk(staff.cs1), 'reports.exportStatement', { csUserId: staff.cs1, month: '2026-11', jobId: 'statement-3' });
    const wb = await workbook(res.fileName);
    // Agent names are masked (no pii.view; '*' is not allowed in a sheet name, so the tab shows '＊'), the
    // formula-like name stays text; no agent of cs2.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['A001 张＊＊', 'A002 =＊＊＊＊＊＊＊＊＊＊＊＊＊＊', '汇总', '说明']);
    const a1 = wb.worksheets[0];
    expect(table(a1, '订单号')[0].slice(4, 6)).toEqual(['李**', '139****1111']);
    const summary = rowsOf(wb.getWorksheet('汇总')!);
    expect(summary[0]).toEqual(['代理编号', '代理', '等级', '订单数（不含已取消）', '已取消订单', '货款', '运费', '本月退款', '进货额（货款−退款）', '应付净额（货款+运费−退款）']);
    expect(summary.slice(1)).toEqual([
      ['A001', '张**', '级别1', 3, 1, 214, 28, 10, 204, 232],
      ['A002', "'=**************", '级别2', 2, 0, 28 + 1740, 0, 0, 1768, 1768],
    ]);
    expect(pairs(wb.getWorksheet('说明')!)).toMatchObject({ 代理数: 2, 个人信息: '已脱敏（无查看个人信息权限）', 应付净额: 232 + 1768 });
    // The audit log says what left, for whom, masked.
    const entry = await app.env.db('audit_log').where({ action: 'export', target: 'reports.statement' }).orderBy('at', 'desc').first();
    expect(JSON.parse(entry.details)).toMatchObject({ month: '2026-11', csUserId: staff.cs1, agents: 2, rows: 6, masked: true, scoped: true });
  });

  it('outside the scope is NOT_FOUND: another staff member’s agent, or their whole list', async () => {
    const c = clerk(staff.cs1);
    expect((await errorOf(callAs(c, 'reports.exportStatement', { agentId: seed.agents[2], month: '2026-11', jobId: 'statement-4' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(callAs(c, 'reports.exportStatement', { csUserId: staff.cs2, month: '2026-11', jobId: 'statement-5' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(call(app, 'reports.exportStatement', { agentId: 'nobody', month: '2026-11', jobId: 'statement-6' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(call(app, 'reports.exportStatement', { month: '2026-11', jobId: 'statement-7' }))).code).toBe('VALIDATION_FAILED');
    expect((await errorOf(call(app, 'reports.exportStatement', { agentId: seed.agents[0], month: '2026-13', jobId: 'statement-8' }))).code).toBe('VALIDATION_FAILED');
  });

  it('a cancelled statement leaves no file', async () => {
    const dir = tempDir();
    const ctrl = new AbortController();
    ctrl.abort();
    const agents = await statementAgents(app.env.db, { csUserId: staff.cs1 }, ALL_AGENTS, false);
    await expect(exportStatement(app.env.db, app.env.timeZone, { month: '2026-11', agents, title: 'x', locale: 'zh-CN' }, path.join(dir, 's.xlsx'), { signal: ctrl.signal, masked: false })).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('follow-up lists', () => {
  it('dormant agents as of a day, with contact (masked), staff, last order, 90/365-day figures and churn risk', async () => {
    const res = await callAs<{ fileName: string; rows: number }>(clerk(staff.cs2), 'reports.exportDormant', { asOf: '2026-12-05', jobId: 'dormant-1' });
    expect(res.rows).toBe(1);
    const wb = await workbook(res.fileName);
    const rows = rowsOf(wb.getWorksheet('沉睡代理')!);
    expect(rows[0]).toEqual(['代理编号', '代理', '手机', '客服', '等级', '状态', '最近下单日', '距今天数', '下单间隔中位数（天）', '近90天订单数', '近90天进货额', '近365天订单数', '近365天进货额', '流失风险']);
    // 07-01 → end of 12-05 = 158 days; usual interval 30 (one gap of 30 days); churn risk min(158 ÷ 60, 1).
    expect(rows[1]).toEqual(['A003', '王*', '137****1234', '客服乙', '级别1', '活跃', '2026-07-01', 158, 30, 0, 0, 2, 60, 1]);
    expect(wb.getWorksheet('沉睡代理')!.getRow(2).getCell(14).numFmt).toBe('0.0%');
    // The whole channel for the operator: A002 (one order, 11-10: 26 days) and A001 are not dormant.
    const all = await call(app, 'reports.exportDormant', { asOf: '2026-12-05', jobId: 'dormant-2' });
    expect(rowsOf((await workbook(all.fileName)).getWorksheet('沉睡代理')!).slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([['A003', '王五', '13700001234']]);
    // cs1 has no dormant agent; their list is empty, not everybody's.
    expect((await callAs<{ rows: number }>(clerk(staff.cs1), 'reports.exportDormant', { asOf: '2026-12-05', jobId: 'dormant-3' })).rows).toBe(0);
  });

  it('a cancelled list leaves no file', async () => {
    const dir = tempDir();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(exportDormantList(app.env.analytics, { asOf: '2026-12-05', locale: 'zh-CN' }, path.join(dir, 'd.xlsx'), { signal: ctrl.signal, masked: false, scope: ALL_AGENTS })).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('stock-piling agents: stock units, units sold, sell-through and the last report', async () => {
    const res = await call(app, 'reports.exportStockPiling', { asOf: '2026-12-05', jobId: 'piling-1' });
    const rows = rowsOf((await workbook(res.fileName)).getWorksheet('压货预警')!);
    expect(rows[0].slice(6)).toEqual(['近60天囤货件数', '近60天进货件数', '到达消费者件数', '其中上报动销件数', '动销率', '最近动销上报日']);
    // A002: 60 stock units + 1 dropship bought; 5 reported sold, no dropship shipped: 5 ÷ 61 < 30 %. A001's 3 stock units are under 50.
    expect(rows.slice(1)).toEqual([["A002", `'=HYPERLINK("x")`, '13600002222', '客服甲', '级别2', '活跃', 60, 61, 5, 5, 5 / 61, '2026-11-25']]);
    expect((await callAs<{ rows: number }>(clerk(staff.cs2), 'reports.exportStockPiling', { asOf: '2026-12-05', jobId: 'piling-2' })).rows).toBe(0);
  });
});

describe('product sales report', () => {
  it('per product for a period against the previous one', async () => {
    // November [11-01, 12-01) against [10-02, 11-01).
    const res = await call(app, 'reports.exportProductSales', { from: '2026-11-01', to: '2026-12-01', jobId: 'products-1' });
    const wb = await workbook(res.fileName);
    const rows = rowsOf(wb.getWorksheet('商品销售')!);
    expect(rows[0]).toEqual(['SKU', '商品', '分类', '件数（已扣退货）', '上期件数', '件数增长', '进货额', '上期进货额', '进货额增长', '订单数', '上期订单数', '订货代理数', '上期订货代理数', '动销率', '上期动销率', '退货率', '上期退货率']);
    const v = (r: unknown[]) => Array.from({ length: 17 }, (_, i) => r[i] ?? null);
    // P2: o2 1 + o3 3 (A001, 31 each) + s1 60 (A002, 29) = 64 units, ¥1,864; o2's 1 shipped to a consumer and 5 reported sold → sell-through 6/64.
    // P1: o2 2 + a2 1 + o5 1 (o4 cancelled) = 4 bought − 1 returned; ¥60 + 28 + 30; shipped o1 1 + o2 2, 1 back.
    // October: o1 (1 unit, ¥30), placed 10-31 23:59:59.
    expect(rows.slice(1).map(v)).toEqual([
      ['P-002', '商品2', '食品', 64, 0, null, 1864, 0, null, 3, 0, 2, 0, (1 + 5) / 64, null, 0, null],
      ['P-001', '商品1', '食品', 3, 1, 2, 118, 30, (118 - 30) / 30, 3, 1, 2, 1, (3 - 1) / 4, 0, 1 / 3, null],
    ]);
    expect(pairs(wb.getWorksheet('汇总')!)).toMatchObject({ 对比期间: '2026-10-02 至 2026-10-31', 进货额: 1982, 上期进货额: 30 });
  });

  it('a cancelled report leaves no file', async () => {
    const dir = tempDir();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(exportProductSales(app.env.db, app.env.timeZone, { from: '2026-11-01', to: '2026-12-01', locale: 'zh-CN' }, path.join(dir, 'p.xlsx'), { signal: ctrl.signal })).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('in English (locale en)', () => {
  const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
  /** Every cell of every sheet, row by row: numbers and texts. */
  const cells = (wb: ExcelJS.Workbook) => wb.worksheets.map((ws) => rowsOf(ws).flat().filter((v) => v !== null && v !== undefined));
  const numbers = (wb: ExcelJS.Workbook) => cells(wb).map((c) => c.filter((v) => typeof v === 'number'));
  async function both(method: string, input: Record<string, unknown>, as?: Caller) {
    const run = (locale: string) => (as ? callAs<{ fileName: string }>(as, method, { ...input, locale, jobId: `${method.replace(".", "-")}-${locale}` }) : call(app, method as 'reports.exportDormant', { ...input, locale, jobId: `${method.replace(".", "-")}-${locale}` } as never));
    const [zh, en] = [await run('zh-CN'), await run('en')];
    return { zh: await workbook(zh.fileName), en: await workbook(en.fileName), enName: en.fileName };
  }
  /** What the data itself says in Chinese (names, products, places, reasons), as written and masked: longest first. */
  async function dataTexts(): Promise<string[]> {
    const db = app.env.db;
    const texts = [
      ...(await db('agents').pluck('name')), ...(await db('users').pluck('name')), ...(await db('agent_levels').pluck('name')),
      ...(await db('products').pluck('name')), ...(await db('products').pluck('category')), ...(await db('after_sales').pluck('reason')),
      ...(await db('orders').pluck('receiver_name')), receiver.province, receiver.city, receiver.district,
    ].filter(Boolean) as string[];
    return [...new Set([...texts, ...texts.map(maskName), ...texts.map((t) => maskName(t).replace(/\*/g, '＊'))])].sort((a, b) => b.length - a.length);
  }
  /** Same numbers in the same cells' order; no Chinese is left in the en file but the data's. */
  async function sameFigures(zh: ExcelJS.Workbook, en: ExcelJS.Workbook) {
    expect(numbers(en)).toEqual(numbers(zh));
    expect(numbers(en).flat().length).toBeGreaterThan(5);
    const data = await dataTexts();
    const labels = (t: string) => data.reduce((rest, d) => rest.split(d).join(''), t);
    const texts = [...cells(en).flat(), ...en.worksheets.map((w) => w.name)].filter((v): v is string => typeof v === 'string');
    expect(texts.filter((t) => CJK.test(labels(t)))).toEqual([]);
    expect(texts.some((t) => CJK.test(t))).toBe(true); // the data does show up
  }

  it('statement: English headers, sections and sheet names, the same figures', async () => {
    const { zh, en, enName } = await both('reports.exportStatement', { csUserId: staff.cs1, month: '2026-11' }, clerk(staff.cs1));
    expect(enName).toMatch(/^Statement_2026-11_CS_staff_客服甲_.+\.xlsx$/);
    expect(en.worksheets.map((w) => w.name)).toEqual(['A001 张＊＊', 'A002 =＊＊＊＊＊＊＊＊＊＊＊＊＊＊', 'Summary', 'Notes']);
    const a1 = en.worksheets[0];
    expect(a1.getCell('A1').value).toBe('Statement 2026-11  A001 张**');
    expect(rowsOf(a1).find((r) => r[0] === 'Order no.')).toEqual(['Order no.', 'Placed on', 'Kind', 'Status', 'Receiver', 'Receiver phone', 'Receiver region', 'Product', 'SKU', 'Quantity', 'Unit price', 'Amount', 'Shipping']);
    expect(table(a1, 'Order no.')[0].slice(2, 4)).toEqual(['Dropship', 'Shipped']);
    expect(table(a1, 'Refunded on')).toHaveLength(1);
    expect(pairs(a1)).toMatchObject({ 'Agent code': 'A001', 'CS staff': '客服甲', Period: '2026-11-01 to 2026-11-30 (Asia/Shanghai)', 'Orders (not cancelled)': 3, 'Net payable (goods + shipping − refunds)': 232 });
    expect(rowsOf(en.getWorksheet('Summary')!)[0]).toEqual(['Agent code', 'Agent', 'Level', 'Orders (not cancelled)', 'Cancelled orders', 'Goods', 'Shipping', 'Refunds this month', 'Purchase amount (goods − refunds)', 'Net payable (goods + shipping − refunds)']);
    expect(pairs(en.getWorksheet('Notes')!)).toMatchObject({ Report: 'Statement 2026-11 (CS staff 客服甲)', Agents: 2, 'Personal data': 'Masked (no permission to view personal data)', 'Net payable': 2000 });
    await sameFigures(zh, en);
  });

  it('dormant and stock-piling lists: English headers and statuses, the same figures', async () => {
    const d = await both('reports.exportDormant', { asOf: '2026-12-05' });
    expect(d.en.worksheets.map((w) => w.name)).toEqual(['Dormant agents', 'Summary']);
    const rows = rowsOf(d.en.worksheets[0]);
    expect(rows[0]).toEqual(['Agent code', 'Agent', 'Mobile', 'CS staff', 'Level', 'Status', 'Last order day', 'Days since', 'Median order interval (days)', 'Orders, last 90 days', 'Purchase amount, last 90 days', 'Orders, last 365 days', 'Purchase amount, last 365 days', 'Churn risk']);
    expect(rows[1].slice(5, 7)).toEqual(['Active', '2026-07-01']);
    expect(pairs(d.en.getWorksheet('Summary')!)).toMatchObject({ Report: 'Dormant agents', 'As of (inclusive)': '2026-12-05', Agents: 1 });
    await sameFigures(d.zh, d.en);
    const s = await both('reports.exportStockPiling', { asOf: '2026-12-05' });
    expect(s.en.worksheets.map((w) => w.name)).toEqual(['Stock piling', 'Summary']);
    expect(rowsOf(s.en.worksheets[0])[0].slice(6)).toEqual(['Stock units, last 60 days', 'Units bought, last 60 days', 'Units that reached consumers', 'Of them reported sold', 'Sell-through', 'Last sell-through report']);
    expect(pairs(s.en.getWorksheet('Summary')!)['Alert: definition']).toBe('Stock-order units in the last 60 days ≥ 50 and sell-through over them < 30% (settings)');
    await sameFigures(s.zh, s.en);
  });

  it('product sales: English headers and summary, the same figures', async () => {
    const { zh, en, enName } = await both('reports.exportProductSales', { from: '2026-11-01', to: '2026-12-01' });
    expect(enName).toMatch(/^Product_sales_2026-11-01_2026-11-30_.+\.xlsx$/);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Product sales', 'Summary']);
    expect(rowsOf(en.worksheets[0])[0]).toEqual(['SKU', 'Product', 'Category', 'Units (net of returns)', 'Previous units', 'Units growth', 'Purchase amount', 'Previous purchase amount', 'Amount growth', 'Orders', 'Previous orders', 'Ordering agents', 'Previous ordering agents', 'Sell-through', 'Previous sell-through', 'Return rate', 'Previous return rate']);
    expect(pairs(en.getWorksheet('Summary')!)).toMatchObject({ Report: 'Product sales report', 'Compared with': '2026-10-02 to 2026-10-31', 'Purchase amount': 1982, Products: 2 });
    await sameFigures(zh, en);
  });
});

describe('a workbook of many section sheets', () => {
  it('forgets each committed sheet but its name (flat memory) and still writes every sheet whole, in order', async () => {
    const file = path.join(tempDir(), 'many.xlsx');
    const held: boolean[] = [];
    const cols = [{ key: 'n', header: '数', kind: 'int' as const }, { key: 't', header: '文', kind: 'text' as const }];
    await writeWorkbook(file, async (wb) => {
      for (let i = 1; i <= 40; i++) {
        const sheet = addSectionSheet(wb, `S${i}`, { tables: [cols] });
        sheet.title(`第 ${i} 张`);
        const t = sheet.table(cols);
        for (let r = 0; r < 30; r++) t.add({ n: i * 100 + r, t: `行${r}` });
        await sheet.commit();
        // What the workbook keeps of a committed sheet: a stub with its name, not a writer (releaseSheet).
        const kept = wb.getWorksheet(`S${i}`);
        held.push(!kept || typeof kept.addRow === 'function');
      }
      return 40;
    });
    // exceljs's internals this relies on are still there (an upgrade that moves them fails here).
    expect(held.every((h) => !h)).toBe(true);
    const wb = await new ExcelJS.Workbook().xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Array.from({ length: 40 }, (_, i) => `S${i + 1}`));
    for (const [i, ws] of wb.worksheets.entries()) {
      expect(ws.getCell('A1').value).toBe(`第 ${i + 1} 张`);
      expect(table(ws, '数').map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, r) => (i + 1) * 100 + r));
    }
  });
});

describe('sheet names', () => {
  it('are made safe, at most 31 characters, and unique as Excel compares them', () => {
    const n = new SheetNames();
    expect(n.take('A/B:C*?[x]')).toBe('A_B_C＊__x_');
    expect(n.take("'quoted'")).toBe('quoted');
    expect(n.take('x'.repeat(40))).toBe('x'.repeat(31));
    expect(n.take('X'.repeat(40))).toBe(`${'X'.repeat(27)} (2)`);
    expect(n.take('History')).toBe('History (2)');
  });
});
