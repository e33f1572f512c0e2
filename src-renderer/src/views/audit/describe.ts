// One readable line per audit entry, from the details each action records (see the appendAudit calls in
// src-main). Unknown shapes fall back to the raw JSON, so nothing recorded is ever hidden.
import { isPercentSetting, SETTING_RANGES, type AuditEntryRow, type EditableSettingKey } from '@contract';
import { addDays } from '@contract/days';
import { formatFen } from '@/components/money';

type T = (key: string, named?: Record<string, unknown>) => string;
export interface AuditNames {
  /** A role code as staff know it (built-in: translated; custom: its name). */
  role: (code: string) => string;
  /** A permission's label. */
  permission: (p: string) => string;
}

type Details = Record<string, unknown>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** A setting's value as its field shows it (a share as a percent). */
const settingText = (k: string, v: unknown) =>
  typeof v === 'number' && k in SETTING_RANGES && isPercentSetting(k as EditableSettingKey) ? `${Math.round(v * 100)}%` : String(v);
/** Items of a list inside a sentence, with the locale's separator. */
const join = (items: string[], t: T) => items.join(t('common.listSep'));

function describeExport(d: Details, t: T): string[] {
  const parts: string[] = [];
  // Periods are stored half-open [from, to) and shown inclusive.
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(t('audit.detail.period', { from: d.from, to: addDays(d.to, -1) }));
  if (num(d.rows) !== null) parts.push(t('audit.detail.rows', { n: d.rows }));
  if (typeof d.masked === 'boolean') parts.push(d.masked ? t('audit.detail.masked') : t('audit.detail.full'));
  if (d.scoped === true) parts.push(t('audit.detail.scoped'));
  return parts;
}

function describePrices(e: AuditEntryRow, d: Details, t: T): string[] {
  return Object.entries(d)
    .filter(([, v]) => Array.isArray(v) && v.length === 2)
    .map(([k, v]) => {
      const [a, b] = v as [number | null, number | null];
      // A level price names its level (a level deleted since is just "level price").
      const level = k.startsWith('price:') ? e.levelNames[k.slice(6)] : undefined;
      const field = k.startsWith('price:')
        ? level
          ? t('product.levelPrice', { level })
          : t('audit.detail.levelPrice')
        : t(`audit.detail.priceFields.${k}`);
      return `${field} ${formatFen(a)} → ${formatFen(b)}`;
    });
}

/** The object column: what the entry is about, by name; the target as recorded where it names nothing known. */
export function describeSubject(e: AuditEntryRow, t: T): string {
  const s = e.subject;
  if (!s) return e.target;
  return t(`audit.subject.${s.kind}`, { code: s.code, name: s.agentName ?? s.name ?? '' }).trim();
}

function describeRoleChange(e: AuditEntryRow, d: Details, t: T, names: AuditNames): string[] {
  // A custom role's permissions changed (target role:<name>), or a user's roles, scope or active flag.
  if (e.target.startsWith('role:')) {
    const before = new Set(list(d.from));
    const after = new Set(list(d.to));
    const added = [...after].filter((p) => !before.has(p)).map(names.permission);
    const removed = [...before].filter((p) => !after.has(p)).map(names.permission);
    if (d.from === null) return [t('audit.detail.roleCreated', { perms: join([...after].map(names.permission), t) })];
    const parts = [];
    if (added.length) parts.push(t('audit.detail.added', { list: join(added, t) }));
    if (removed.length) parts.push(t('audit.detail.removed', { list: join(removed, t) }));
    if (typeof d.renamedFrom === 'string') parts.push(t('audit.detail.renamedFrom', { name: d.renamedFrom }));
    return parts;
  }
  const roles = (v: unknown) => join(list(v).map(names.role), t);
  const parts = [t('audit.detail.roles', { from: roles(d.from), to: roles(d.to) })];
  if (d.agentScope === 'assigned') parts.push(t('audit.detail.scopeAssigned'));
  if (d.active === false) parts.push(t('audit.detail.deactivated'));
  return parts;
}

function describeDelete(d: Details, t: T, names: AuditNames): string[] {
  if (d.kind === 'backup') return [t('audit.detail.backupFile')];
  if (Array.isArray(d.permissions)) return [join(list(d.permissions).map(names.permission), t)];
  if (num(d.agents) !== null || num(d.orders) !== null)
    return [
      t('audit.detail.counts', { products: d.products ?? 0, agents: d.agents ?? 0, orders: d.orders ?? 0 }),
      ...(d.replacedBy === 'demo' ? [t('audit.detail.replacedByDemo')] : []),
    ];
  return [];
}

export function describeAudit(e: AuditEntryRow, t: T, names: AuditNames): string {
  const d = (e.details ?? {}) as Details;
  let parts: string[] = [];
  switch (e.action) {
    case 'export':
      parts = describeExport(d, t);
      break;
    case 'price_change':
      parts = describePrices(e, d, t);
      break;
    case 'role_change':
      parts = describeRoleChange(e, d, t, names);
      break;
    case 'account_create':
      parts = [t('audit.detail.accountRoles', { roles: join(list(d.roles).map(names.role), t) })];
      if (d.agentScope === 'assigned') parts.push(t('audit.detail.scopeAssigned'));
      break;
    case 'agents_assign':
      parts = num(d.agents) !== null ? [t(d.unassigned === true ? 'audit.detail.unassigned' : 'audit.detail.assigned', { n: d.agents })] : [];
      break;
    case 'report_setup':
      parts = [t(d.created === true ? 'audit.detail.setupCreated' : 'audit.detail.setupChanged')];
      break;
    case 'reveal':
      parts = typeof d.field === 'string' ? [t(`audit.detail.fields.${d.field}`)] : [];
      break;
    case 'delete':
      parts = describeDelete(d, t, names);
      break;
    case 'restore':
      parts = num(d.rows) !== null ? [t('audit.detail.restored', { tables: d.tables ?? 0, rows: d.rows })] : [];
      if (typeof d.safetyBackup === 'string') parts.push(t('audit.detail.safetyBackup', { name: d.safetyBackup }));
      break;
    case 'settings_change':
      parts = Object.entries(d)
        .filter(([, v]) => Array.isArray(v) && v.length === 2)
        .map(([k, v]) => `${t(`audit.detail.settings.${k}`)} ${settingText(k, (v as unknown[])[0])} → ${settingText(k, (v as unknown[])[1])}`);
      break;
    case 'sign_in':
      return d.persistent === true ? t('audit.detail.persistent') : ''; // nothing else to say about a sign-in
    case 'sign_in_failed':
      parts = [
        ...(num(d.attempt) !== null ? [t('audit.detail.attempt', { n: d.attempt })] : []),
        ...(d.locked === true ? [t('audit.detail.locked')] : []),
        ...(d.reason === 'unknown' ? [t('audit.detail.unknownLogin')] : d.reason === 'inactive' ? [t('audit.detail.inactive')] : []),
      ];
      break;
    default:
      if (num(d.rows) !== null) parts = [t('audit.detail.rows', { n: d.rows })];
  }
  if (parts.length) return parts.join(' · ');
  return Object.keys(d).length ? JSON.stringify(d) : '';
}
