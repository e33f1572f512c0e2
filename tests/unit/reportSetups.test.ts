// Saved report setups: shared by the team, changed or deleted only by their creator (or an admin), validated,
// audited in the write's transaction, and run as the export that the CLI's --setup and the screen's one click make.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupQuery, type Input, type MethodName, type Permission, type ReportSetup, type ReportSetupSpec } from '@contract';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import type { Caller } from '../../src-main/app/router';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';
import { openHandmadeApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
beforeAll(async () => (app = await openHandmadeApp()));
afterAll(() => app.close());

const as = (login: string, perms: readonly Permission[]): Caller => ({ transport: 'test', permissions: new Set(perms), user: { id: `u-${login}`, login }, scope: ALL_AGENTS });
const jingli = as('jingli', BUILTIN_PERMISSIONS.manager);
const other = as('other', BUILTIN_PERMISSIONS.manager);
const admin = as('admin', BUILTIN_PERMISSIONS.admin);
const kefu = as('kefu', BUILTIN_PERMISSIONS.cs);

async function reply<M extends MethodName>(m: M, input: Input<M>, caller: Caller) {
  return app.router.call(m, input, caller);
}
async function ok<M extends MethodName>(m: M, input: Input<M>, caller: Caller) {
  const r = await reply(m, input, caller);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.data as never;
}
const codeOf = async <M extends MethodName>(m: M, input: Input<M>, caller: Caller) => {
  const r = await reply(m, input, caller);
  return r.ok ? 'ok' : r.error.code;
};
const auditOf = (action: string) => app.env.db('audit_log').where({ action }).orderBy('at').select('user_login', 'target', 'details');

const SPEC: ReportSetupSpec = { metric: 'frequency', period: { kind: 'preset', preset: 'last-30-days' }, filters: { statuses: ['active'] }, columns: ['orders', 'amount', 'province'], compare: true };

describe('report setups', () => {
  it('saves, lists (for every reports.view holder) and changes a setup; each save is audited', async () => {
    const saved: ReportSetup = await ok('reportSetups.save', { id: 'setup-1', name: '月度频次', spec: SPEC }, jingli);
    expect(saved).toMatchObject({ id: 'setup-1', name: '月度频次', createdBy: 'jingli', editable: true, spec: SPEC });
    const { rows }: { rows: ReportSetup[] } = await ok('reportSetups.list', {}, other);
    expect(rows.map((r) => [r.name, r.editable])).toEqual([['月度频次', false]]);
    const changed: ReportSetup = await ok('reportSetups.save', { id: 'setup-1', name: '月度频次 Top', spec: { ...SPEC, period: { kind: 'range', from: '2026-03-01', to: '2026-03-08' } } }, jingli);
    expect(changed.spec.period).toEqual({ kind: 'range', from: '2026-03-01', to: '2026-03-08' });
    expect(await auditOf('report_setup')).toEqual([
      expect.objectContaining({ user_login: 'jingli', target: 'reportSetup:月度频次' }),
      expect.objectContaining({ user_login: 'jingli', target: 'reportSetup:月度频次 Top' }),
    ]);
  });

  it('refuses what is not the caller’s to change, a taken name, bad input, and callers without the permission', async () => {
    expect(await codeOf('reportSetups.save', { id: 'setup-1', name: '别人的', spec: SPEC }, other)).toBe('FORBIDDEN');
    expect(await codeOf('reportSetups.delete', { id: 'setup-1', confirm: true }, other)).toBe('FORBIDDEN');
    const taken = await reply('reportSetups.save', { id: 'setup-2', name: '月度频次 Top', spec: SPEC }, other);
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'name' } } });
    const bad = await reply('reportSetups.save', { id: 'setup-3', name: 'x', spec: { ...SPEC, columns: ['orders', 'nope' as 'orders'] } }, jingli);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'spec.columns.1' })] } } });
    const backwards = await reply('reportSetups.save', { id: 'setup-3', name: 'x', spec: { ...SPEC, period: { kind: 'range', from: '2026-03-08', to: '2026-03-01' } } }, jingli);
    expect(backwards).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'spec.period.to', code: 'periodOrder' })] } } });
    expect(await codeOf('reportSetups.list', {}, kefu)).toBe('FORBIDDEN');
    expect(await codeOf('reportSetups.save', { id: 'setup-4', name: 'y', spec: SPEC }, as('viewer', ['reports.view']))).toBe('FORBIDDEN');
    expect(await codeOf('reportSetups.delete', { id: 'nope-1', confirm: true }, jingli)).toBe('NOT_FOUND');
    // Nothing of the refused calls stayed.
    const { rows }: { rows: ReportSetup[] } = await ok('reportSetups.list', {}, jingli);
    expect(rows.map((r) => r.name)).toEqual(['月度频次 Top']);
  });

  it('runs as an export: a preset cut on the day it runs, its columns, named in the summary', async () => {
    const { rows }: { rows: ReportSetup[] } = await ok('reportSetups.list', {}, jingli);
    const q = setupQuery({ ...rows[0].spec, period: { kind: 'preset', preset: 'last-7-days' } }, '2026-03-07');
    expect(q).toMatchObject({ from: '2026-03-01', to: '2026-03-08', preset: 'last-7-days', metric: 'frequency', columns: ['orders', 'amount', 'province'] });
    const res: { fileName: string } = await ok('reports.exportRanking', { ...q, setupName: rows[0].name, jobId: 'setup-run-1' }, jingli);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    expect((wb.getWorksheet('分销商排行')!.getRow(1).values as unknown[]).slice(1)).toEqual(['排名', '上期排名', '名次变化', '代理编号', '代理', '进货频次', '订单数', '进货额', '省份']);
    const summary = new Map((wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]]));
    expect(summary.get('报表方案')).toBe('月度频次 Top');
    expect(summary.get('统计区间')).toBe('近7天');
  });

  it('an admin may delete anyone’s setup; the deletion is audited', async () => {
    expect(await ok('reportSetups.delete', { id: 'setup-1', confirm: true }, admin)).toEqual({ ok: true });
    expect(await ok('reportSetups.list', {}, jingli)).toEqual({ rows: [] });
    expect(await auditOf('delete')).toEqual([expect.objectContaining({ user_login: 'admin', target: 'reportSetup:月度频次 Top' })]);
  });
});
