import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '@contract';
import { maskAddress, maskName, maskPhone } from '../../src-main/domain/accounts/masking';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import type { Caller } from '../../src-main/app/router';
import { call, openTempApp } from './helpers/tempApp';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

let app: Awaited<ReturnType<typeof openTempApp>>;
const as = (perms: readonly Permission[]): Caller => ({ transport: 'test', permissions: new Set(perms), user: { id: 'u1', login: 'someone' }, scope: ALL_AGENTS });
const cs = as(BUILTIN_PERMISSIONS.cs);
const manager = as(BUILTIN_PERMISSIONS.manager);
const warehouse = as(BUILTIN_PERMISSIONS.warehouse);

beforeAll(async () => {
  app = await openTempApp();
  await call(app, 'system.loadDemo', { agents: 60, orders: 3_000, seed: 2, until: '2026-06-30' });
});
afterAll(() => app.close());

async function data(method: string, input: unknown, caller: Caller) {
  const r = await app.router.call(method, input, caller);
  if (!r.ok) throw new Error(r.error.code);
  return JSON.parse(JSON.stringify(r.data)); // the payload as it crosses IPC or HTTP
}

describe('personal-data masking', () => {
  it('masks phones, names and street addresses', () => {
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskName('张晓梅')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskAddress('人民路 88 号 3 栋')).toBe('***');
  });

  it('cs sees masked agents; admin-like callers see them in full', async () => {
    const full = await data('agents.list', { pageSize: 20 }, as(BUILTIN_PERMISSIONS.admin));
    const masked = await data('agents.list', { pageSize: 20 }, cs);
    full.rows.forEach((a: { phone: string; name: string; code: string }, i: number) => {
      const m = masked.rows[i];
      expect(m.code).toBe(a.code);
      expect(m.phone).toBe(maskPhone(a.phone));
      expect(m.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(m.name).toBe(maskName(a.name));
    });
    expect(JSON.stringify(masked)).not.toContain(full.rows[0].phone);
  });

  it('masks end customers in order lists and order details, keeping the region', async () => {
    const list = await data('orders.list', { kind: 'dropship', pageSize: 5 }, cs);
    const o = list.rows[0];
    expect(o.receiverPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(o.receiverAddress).toBe('***');
    expect(o.receiverProvince).not.toBe('');
    const detail = await data('orders.get', { id: o.id }, cs);
    expect(detail.receiverName).toBe(o.receiverName);
    expect(detail.receiverName).toMatch(/^.\*+$/);
  });

  it('warehouse, who ships, sees receivers in full', async () => {
    const [o] = (await data('orders.list', { kind: 'dropship', pageSize: 1 }, warehouse)).rows;
    expect(o.receiverPhone).toMatch(/^1\d{10}$/);
  });

  it('the ranking a manager sees carries masked agent names', async () => {
    const r = await data('reports.ranking', { from: '2026-01-01', to: '2026-07-01' }, manager);
    expect(r.rows[0].agentName).toMatch(/^.\*+$/);
  });

  it('a manager\'s export masks names and is recorded in the audit log, which admins can list', async () => {
    const res = await data('reports.exportRanking', { from: '2026-01-01', to: '2026-07-01', jobId: 'mask-export-1' }, manager);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    const names = wb.getWorksheet('分销商排行')!.getColumn(3).values.slice(2) as string[];
    expect(names.length).toBe(res.rows);
    for (const n of names) expect(n).toMatch(/^.\*+$/);
    const audit = await data('audit.list', { action: 'export' }, as(BUILTIN_PERMISSIONS.admin));
    expect(audit.total).toBe(1);
    expect(audit.rows[0]).toMatchObject({
      action: 'export',
      target: 'reports.ranking',
      details: { from: '2026-01-01', to: '2026-07-01', rows: res.rows, masked: true, fileName: res.fileName },
    });
    expect((await app.router.call('audit.list', {}, manager)).ok).toBe(false);
  });

  it('an admin exports the audit log to .xlsx, and that export is audited too', async () => {
    const admin = as(BUILTIN_PERMISSIONS.admin);
    const res = await data('audit.export', { action: 'export', jobId: 'audit-export-1' }, admin);
    expect(res.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).values).toEqual([undefined, '时间', '操作人', '操作', '对象', '详情']);
    expect(ws.getRow(2).getCell(4).value).toBe('reports.ranking');
    const audit = await data('audit.list', { action: 'export' }, admin);
    expect(audit.rows[0]).toMatchObject({ target: 'audit.list', details: { rows: 1 } });
    expect((await app.router.call('audit.export', { jobId: 'audit-export-2' }, manager)).ok).toBe(false);
  });
});
