import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { AuditEntryRow } from '@contract';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import { describeAudit, describeSubject, type AuditNames } from '@/views/audit/describe';

// The audit screen's one-line details, read with the real Chinese messages.
const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
type T = (k: string, n?: Record<string, unknown>) => string;
const t = i18n.global.t as T;
const names: AuditNames = { role: (c) => ({ cs: '客服', manager: '运营经理' })[c] ?? c, permission: (p) => t(`permissionNames.${p}.label`) };
const entry = (action: AuditEntryRow['action'], details: Record<string, unknown>, target = '', more: Partial<AuditEntryRow> = {}): AuditEntryRow => ({
  id: 'x',
  at: 0,
  userLogin: 'admin',
  action,
  target,
  details,
  subject: null,
  levelNames: {},
  ...more,
});
const subject = (kind: NonNullable<AuditEntryRow['subject']>['kind'], code = '', name: string | null = null, agentName: string | null = null) => ({
  subject: { kind, code, name, agentName },
});

describe('audit details on screen', () => {
  it('describes exports with the inclusive period, rows, masking and scope', () => {
    expect(describeAudit(entry('export', { from: '2026-06-01', to: '2026-07-01', rows: 12, masked: true, scoped: true }), t, names)).toBe(
      '2026-06-01 至 2026-06-30 · 12 行 · 已脱敏 · 仅分配的代理',
    );
  });

  it('describes price changes in yuan, role changes of users and of custom roles, and reveals', () => {
    expect(describeAudit(entry('price_change', { retailPriceFen: [1990, 2590], 'price:L1': [1000, null] }), t, names)).toBe(
      '建议零售价 ¥19.90 → ¥25.90 · 等级代理价 ¥10.00 → —',
    );
    expect(describeAudit(entry('role_change', { from: ['cs'], to: ['cs', 'manager'], active: true, agentScope: 'assigned' }, 'kefu'), t, names)).toBe(
      '角色 客服 → 客服、运营经理 · 仅分配的代理',
    );
    expect(describeAudit(entry('role_change', { from: ['system.view'], to: ['system.view', 'pii.reveal'] }, 'role:售后'), t, names)).toBe('增加：逐条显示个人信息');
    expect(describeAudit(entry('role_change', { from: null, to: ['orders.view'] }, 'role:售后'), t, names)).toBe('新建角色：查看订单');
    expect(describeAudit(entry('reveal', { field: 'phone', id: 'a1' }, 'agent:A0001'), t, names)).toBe('手机号');
  });

  it('names the level of a level price where it is known', () => {
    const e = entry('price_change', { 'price:lv3': [6900, 6500], 'price:gone': [100, 90] }, 'TEA-001', { levelNames: { lv3: '金牌代理' } });
    expect(describeAudit(e, t, names)).toBe('代理价（金牌代理） ¥69.00 → ¥65.00 · 等级代理价 ¥1.00 → ¥0.90');
  });

  it('names what an entry is about instead of internal ids', () => {
    const at = (action: AuditEntryRow['action'], target: string, more: Partial<AuditEntryRow>) => describeSubject(entry(action, {}, target, more), t);
    expect(at('export', 'reports.ranking', subject('ranking'))).toBe('分销商排行');
    expect(at('export', 'audit.list', subject('auditLog'))).toBe('审计日志');
    expect(at('reveal', 'agent:A000004', subject('agent', 'A000004', null, '张*'))).toBe('代理 A000004 张*');
    expect(at('reveal', 'agent:A000009', subject('agent', 'A000009'))).toBe('代理 A000009'); // outside the scope: no name
    expect(at('reveal', 'order:D20260601001', subject('order', 'D20260601001'))).toBe('订单 D20260601001');
    expect(at('price_change', 'TEA-001', subject('product', 'TEA-001', '高山红茶'))).toBe('商品 TEA-001 高山红茶');
    expect(at('role_change', 'kefu', subject('account', 'kefu', '演示客服'))).toBe('账号 kefu 演示客服');
    expect(at('delete', 'role:售后', subject('role', '售后'))).toBe('角色 售后');
    expect(at('restore', 'b.sqlite', subject('backup', 'b.sqlite'))).toBe('备份 b.sqlite');
    expect(at('delete', 'all business data', subject('allData'))).toBe('全部业务数据');
    expect(at('settings_change', 'settings', subject('settings'))).toBe('系统设置');
    expect(at('export', 'something.new', {})).toBe('something.new');
    const enT = createI18n({ legacy: false, locale: 'en', messages: { en } }).global.t as T;
    expect(describeSubject(entry('export', {}, 'reports.ranking', subject('ranking')), enT)).toBe('Distributor ranking');
    expect(describeSubject(entry('price_change', {}, 'TEA-001', subject('product', 'TEA-001', '高山红茶')), enT)).toBe('Product TEA-001 高山红茶');
  });

  it('joins lists with the separator of the locale', () => {
    const enT = createI18n({ legacy: false, locale: 'en', messages: { en } }).global.t as T;
    expect(describeAudit(entry('role_change', { from: ['cs'], to: ['cs', 'manager'] }, 'kefu'), enT, names)).toBe('roles 客服 → 客服, 运营经理');
  });

  it('describes deletions of everything, and keeps unknown shapes as raw JSON', () => {
    expect(describeAudit(entry('delete', { products: 2, agents: 30, orders: 400, replacedBy: 'demo' }), t, names)).toBe(
      '2 个商品、30 个代理、400 个订单 · 换成演示数据',
    );
    expect(describeAudit(entry('restore', { tables: 14, rows: 3200, safetyBackup: 'b-before-restore.sqlite' }), t, names)).toBe(
      '14 张表、3200 行 · 恢复前备份 b-before-restore.sqlite',
    );
    expect(describeAudit(entry('settings_change', { sessionIdleMinutes: [30, 60] }), t, names)).toBe('空闲自动退出（分钟） 30 → 60');
    expect(describeAudit(entry('sign_out', { something: 1 }), t, names)).toBe('{"something":1}');
    expect(describeAudit(entry('password_reset', {}), t, names)).toBe('');
    expect(describeAudit(entry('sign_in', { persistent: false }), t, names)).toBe('');
    expect(describeAudit(entry('sign_in', { persistent: true }), t, names)).toBe('保持登录');
  });
});
