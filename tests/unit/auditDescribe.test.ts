import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { AuditEntryRow } from '@contract';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import { describeAudit, type AuditNames } from '@/views/audit/describe';

// The audit screen's one-line details, read with the real Chinese messages.
const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
type T = (k: string, n?: Record<string, unknown>) => string;
const t = i18n.global.t as T;
const names: AuditNames = { role: (c) => ({ cs: '客服', manager: '运营经理' })[c] ?? c, permission: (p) => t(`permissionNames.${p}.label`) };
const entry = (action: AuditEntryRow['action'], details: Record<string, unknown>, target = ''): AuditEntryRow =>
  ({ id: 'x', at: 0, userId: null, userLogin: 'admin', action, target, details }) as AuditEntryRow;

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
