import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@contract';
import { exportRanking } from '../../src-main/domain/reports/exportRanking';
import { call, errorOf, inWrite, openHandmadeApp, tempDir } from './helpers/tempApp';
import { noteAgentsChanged } from '../../src-main/domain/ledger/agentChanges';
import { movementOf } from '@contract';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import type { Caller } from '../../src-main/app/router';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
beforeAll(async () => {
  app = await openHandmadeApp();
});
afterAll(() => app.close());

describe('ranking export (.xlsx through exceljs streaming writer)', () => {
  it('writes a styled ranking sheet and a summary sheet that read back with the same figures', async () => {
    const events: ProgressEvent[] = [];
    app.env.events.on((e) => e.type === 'progress' && events.push(e));
    const columns = ['levelName', 'orders', 'amount', 'units', 'aov', 'refund', 'shippingFee'] as const;
    const res = await call(app, 'reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', jobId: 'test-export-1', columns: [...columns] });
    expect(res.rows).toBe(4);
    expect(res.fileName).toMatch(/^分销商排行_2026-03-01_2026-03-07_.+\.xlsx$/);
    const file = path.join(app.env.exportsDir, res.fileName);
    expect(fs.statSync(file).size).toBe(res.bytes);
    expect(events.at(-1)).toMatchObject({ jobId: 'test-export-1', phase: 'done', done: 4, total: 4 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分销商排行', '汇总']);
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '代理编号', '代理', '等级', '订单数', '进货额', '件数', '客单价', '退款', '运费']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const rows = [2, 3, 4, 5].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [1, 'A002', '李四', '银牌代理', 1, 432, 13, 432, 28, 12],
      [2, 'A003', '王五', '体验代理', 3, 170, 5, 56.67, 0, 5],
      [3, 'A005', `'=HYPERLINK("http://x")`, '体验代理', 1, 170, 5, 170, 0, 0], // formula text made inert
      [4, 'A001', '张三', '体验代理', 2, 90, 3, 45, 50, 8],
    ]);
    expect(ws.getRow(2).getCell(6).numFmt).toBe('"¥"#,##0.00');
    expect(ws.getRow(2).getCell(8).numFmt).toBe('"¥"#,##0.00');
    expect(ws.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    // Chinese text counts double: the name column is at least as wide as its longest name.
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(24);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(10);

    const summary = Object.fromEntries(
      wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(summary).toMatchObject({ 开始日期: '2026-03-01', '结束日期（含）': '2026-03-07', 代理数: 4, 订单数: 7, '进货额（已扣退款）': 862, 客单价: 123.14 });
  });

  it('a cancelled export fails with CANCELLED and leaves no file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.xlsx');
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(exportRanking(app.env.analytics, { from: '2026-03-01', to: '2026-03-08', metric: 'amount', filters: {}, compare: false }, file, { signal: ctrl.signal, masked: false, scope: ALL_AGENTS })).rejects.toThrow(
      /cancelled/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an empty period still gives a valid workbook with its header and zero totals', async () => {
    const res = await call(app, 'reports.exportRanking', { from: '2020-01-01', to: '2020-01-02', jobId: 'test-export-2' });
    expect(res.rows).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    expect(wb.getWorksheet('分销商排行')!.rowCount).toBe(1);
  });
});

/** A sheet's label → value pairs (the summary). */
const pairs = (ws: ExcelJS.Worksheet) => new Map((ws.getSheetValues().filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]]));
async function readBack(fileName: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(app.env.exportsDir, fileName));
  return wb;
}
const manager: Caller = { transport: 'test', permissions: new Set(BUILTIN_PERMISSIONS.manager), user: { id: 'u-jingli', login: 'jingli' }, scope: ALL_AGENTS };

describe('ranking export with chosen columns', () => {
  it('writes exactly the chosen columns in their order, headers in the chosen language, ¥ / % / integer formats and data bars on the ranked metric', async () => {
    const columns = ['sellThrough', 'province', 'amount', 'status', 'csName', 'signals'] as const;
    // Ranked by orders, which was not chosen: it comes first among the chosen columns.
    const res = await call(app, 'reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', metric: 'orders', compare: true, locale: 'en', columns: [...columns], jobId: 'test-export-cols' });
    const wb = await readBack(res.fileName);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Distributor ranking', 'Summary']);
    const ws = wb.getWorksheet('Distributor ranking')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Rank', 'Previous rank', 'Movement', 'Agent code', 'Agent', 'Orders', 'Sell-through', 'Province', 'Purchase amount', 'Status', 'CS staff', 'Signals',
    ]);
    const api = await call(app, 'reports.ranking', { from: '2026-03-01', to: '2026-03-08', metric: 'orders', compare: true });
    const first = api.rows[0];
    const row = ws.getRow(2);
    expect((row.values as unknown[]).slice(1, 7)).toEqual([1, undefined, 'New', first.agentCode, first.agentName, first.values.orders]);
    expect(row.getCell(7).value).toBe(first.values.sellThrough ?? undefined);
    expect(row.getCell(9).value).toBe(first.values.amount / 100); // yuan, a number
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(10).value).toBe('Active');
    expect(row.getCell(11).value).toBe('Unassigned');
    expect(row.getCell(6).numFmt).toBe('#,##0');
    expect(row.getCell(7).numFmt).toBe('0.0%');
    expect(row.getCell(9).numFmt).toBe('"¥"#,##0.00');
    // The data bar: one rule over the ranked metric's data rows.
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe(`F2:F${res.rows + 1}`);
    expect(cf[0].rules[0].type).toBe('dataBar');
  });

  it('writes the movement as the screen shows it: ↑3, ↓2, 持平, 新上榜 from one place', () => {
    expect(movementOf(3, 7, 'zh-CN').text).toBe('↑3');
    expect(movementOf(-2, 3, 'zh-CN').text).toBe('↓2');
    expect(movementOf(0, 4, 'zh-CN').text).toBe('持平');
    expect(movementOf(null, null, 'zh-CN').text).toBe('新上榜');
    expect(movementOf(0, 4, 'en').text).toBe('Same');
  });

  it('the summary sheet names the period and its preset, metric, filters in words, comparison, totals, rows, when and by whom', async () => {
    const level = await app.env.db('agent_levels').orderBy('name').first('id', 'name');
    const res = await call(app, 'reports.exportRanking', {
      from: '2026-03-01', to: '2026-03-08', preset: 'last-7-days', metric: 'amount', compare: true, columns: ['orders'],
      filters: { levelIds: [level.id], statuses: ['active', 'dormant'], csUserIds: ['none'], sourceChannels: ['抖音'] },
      setupName: '周报', jobId: 'test-export-summary',
    });
    const wb = await readBack(res.fileName);
    const s = pairs(wb.getWorksheet('汇总')!);
    expect(s.get('报表')).toBe('分销商排行（按进货额）');
    expect(s.get('报表方案')).toBe('周报');
    expect(s.get('统计区间')).toBe('近7天');
    expect(s.get('开始日期')).toBe('2026-03-01');
    expect(s.get('结束日期（含）')).toBe('2026-03-07');
    expect(s.get('排序指标')).toBe('进货额');
    expect(s.get('筛选：等级')).toBe(level.name);
    expect(s.get('筛选：状态')).toBe('活跃、沉睡');
    expect(s.get('筛选：客服')).toBe('未分配');
    expect(s.get('筛选：来源渠道')).toBe('抖音');
    expect(s.get('对比上一期')).toBe('是（2026-02-22 至 2026-02-28）');
    expect(s.get('个人信息')).toBe('完整');
    expect(s.get('行数')).toBe(res.rows);
    expect(s.get('代理数')).toBe(res.rows);
    expect(s.get('生成时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Shanghai\)$/);
    expect(s.get('生成人')).toBe('本机操作员（test）');
  });

  it('masks agent names for a role without pii.view, in the file and the summary says so', async () => {
    const reply = await app.router.call('reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', columns: ['amount'], jobId: 'test-export-masked' }, manager);
    expect(reply.ok).toBe(true);
    const res = (reply as { data: { fileName: string; rows: number } }).data;
    const wb = await readBack(res.fileName);
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.getRow(1).getCell(3).value).toBe('代理');
    const names = (ws.getColumn(3).values as unknown[]).slice(2);
    expect(names).toHaveLength(res.rows);
    for (const n of names) expect(n).toMatch(/^'?.\*+$/); // '=*** : a masked name that began with = stays inert
    const s = pairs(wb.getWorksheet('汇总')!);
    expect(s.get('个人信息')).toBe('已脱敏（无查看个人信息权限）');
    expect(s.get('生成人')).toBe('jingli');
  });

  it('refuses an unknown column with VALIDATION_FAILED naming the field, and writes nothing', async () => {
    const before = fs.existsSync(app.env.exportsDir) ? fs.readdirSync(app.env.exportsDir).length : 0;
    const e = await errorOf(call(app, 'reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', columns: ['amount', 'bogus' as 'amount'], jobId: 'test-export-bad' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect((e.details as { issues: { path: string; message: string }[] }).issues).toEqual([expect.objectContaining({ path: 'columns.1', message: expect.stringMatching(/unknown column/) })]);
    expect(fs.readdirSync(app.env.exportsDir).length).toBe(before);
  });
});

describe('the export follows edits of agents and staff (names held by the read model)', () => {
  let own: Awaited<ReturnType<typeof openHandmadeApp>>;
  beforeAll(async () => {
    own = await openHandmadeApp();
  });
  afterAll(() => own.close());

  /** Agent code → [name, 客服] as the next export writes them. */
  async function exported(): Promise<Map<string, [unknown, unknown]>> {
    const res = await call(own, 'reports.exportRanking', { from: '2026-03-01', to: '2026-03-08', columns: ['csName'], jobId: `test-export-edits-${Date.now()}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(own.env.exportsDir, res.fileName));
    const rows = (wb.getWorksheet('分销商排行')!.getSheetValues().slice(2) as unknown[][]).filter(Boolean);
    return new Map(rows.map((r) => [r[2] as string, [r[3], r[5]]]));
  }
  const agentId = async (code: string) => (await own.env.db('agents').where({ code }).first('id')).id as string;

  it('a reassignment, a renamed staff member and a renamed agent show in the next export, and on the screen', async () => {
    expect((await exported()).get('A002')).toEqual(['李四', '未分配']); // the read model is loaded now
    const a002 = await agentId('A002');

    const staff = await call(own, 'users.create', { login: 'kefu-zhou', name: '周客服', password: 'password-123', roles: ['cs'] });
    await call(own, 'agents.assign', { agentIds: [a002], csUserId: staff.id });
    expect((await exported()).get('A002')).toEqual(['李四', '周客服']);

    await call(own, 'users.update', { id: staff.id, name: '周小满', active: true, roles: ['cs'] });
    expect((await exported()).get('A002')).toEqual(['李四', '周小满']);

    // No method renames agents yet; a rename writes the row and notes the agent in the same transaction, as
    // every edit of what the read model holds must (ledger/agentChanges).
    await inWrite(own.env.db, async ({ trx }) => {
      await trx('agents').where({ id: a002 }).update({ name: '李思思' });
      await noteAgentsChanged(trx, [a002]);
    });
    const after = await exported();
    expect(after.get('A002')).toEqual(['李思思', '周小满']);
    expect(after.get('A001')).toEqual(['张三', '未分配']);
    const page = await call(own, 'reports.ranking', { from: '2026-03-01', to: '2026-03-08' });
    expect(page.rows.find((r) => r.agentCode === 'A002')).toMatchObject({ agentName: '李思思', csName: '周小满' });
  });
});
