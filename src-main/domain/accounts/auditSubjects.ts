// What an audit entry is about, by name: the target each action records (agent:CODE, order:NO, a SKU,
// role:NAME, a login, a backup file, the method of an exported list) is read back here, beside the
// constants its writers use, and today's names of agents, products, staff and levels are looked up for a
// whole page at once. Names are looked up when read, so entries written before a name existed show it too.
import type { AuditEntryRow, AuditEntryStored, AuditSubject } from '@contract';
import type { Db } from '../../db/open';
import { whereAssignedInScope, type AgentScope } from '../common/scope';

/** Targets that name no row. */
export const AUDIT_TARGETS = { allData: 'all business data', settings: 'settings' } as const;

/** The lists whose export is audited, by the method that lists them on screen (handOverExport's target). */
const EXPORTED_LISTS: Record<string, AuditSubject['kind']> = {
  'reports.ranking': 'ranking',
  'audit.list': 'auditLog',
  'reports.statement': 'statement',
  'reports.dormant': 'dormantList',
  'reports.stockPiling': 'stockPilingList',
  'reports.productSales': 'productSales',
};

type Parsed = Pick<AuditSubject, 'kind' | 'code'>;

function parseTarget(e: AuditEntryStored): Parsed | null {
  const t = e.target;
  const after = (prefix: string) => (t.startsWith(prefix) ? t.slice(prefix.length) : null);
  if (t === AUDIT_TARGETS.allData) return { kind: 'allData', code: '' };
  switch (e.action) {
    case 'export':
      return EXPORTED_LISTS[t] ? { kind: EXPORTED_LISTS[t], code: '' } : null;
    case 'reveal': {
      const agent = after('agent:');
      const order = after('order:');
      return agent ? { kind: 'agent', code: agent } : order ? { kind: 'order', code: order } : null;
    }
    case 'price_change':
      return t ? { kind: 'product', code: t } : null;
    case 'role_change':
    case 'delete': {
      const role = after('role:');
      if (role) return { kind: 'role', code: role };
      if (e.action === 'delete') return e.details.kind === 'backup' ? { kind: 'backup', code: t } : null;
      return t ? { kind: 'account', code: t } : null;
    }
    case 'account_create':
    case 'password_reset':
    case 'agents_assign':
      return t ? { kind: 'account', code: t } : null;
    case 'restore':
      return t ? { kind: 'backup', code: t } : null;
    case 'settings_change':
      return t === AUDIT_TARGETS.settings ? { kind: 'settings', code: '' } : null;
    default:
      return null;
  }
}

const levelIdsOf = (e: AuditEntryStored) => (e.action === 'price_change' ? Object.keys(e.details).filter((k) => k.startsWith('price:')).map((k) => k.slice(6)) : []);

async function namesBy(db: Db, table: string, key: string, keys: Set<string>, scope?: AgentScope): Promise<Map<string, string>> {
  if (keys.size === 0) return new Map();
  const q = db(table).whereIn(key, [...keys]).select({ k: key, name: 'name' });
  if (scope !== undefined) q.where((w) => whereAssignedInScope(w, 'cs_user_id', scope));
  const rows: { k: string; name: string }[] = await q;
  return new Map(rows.map((r) => [r.k, r.name]));
}

/** A page of entries with their subjects and level names (agents only inside the caller's data scope). */
export async function withSubjects(db: Db, entries: AuditEntryStored[], scope: AgentScope): Promise<AuditEntryRow[]> {
  const parsed = entries.map(parseTarget);
  const codes = (kind: AuditSubject['kind']) => new Set(parsed.filter((p) => p?.kind === kind).map((p) => p!.code));
  const [agents, products, staff, levels] = await Promise.all([
    namesBy(db, 'agents', 'code', codes('agent'), scope),
    namesBy(db, 'products', 'sku', codes('product')),
    namesBy(db, 'users', 'login', codes('account')),
    namesBy(db, 'agent_levels', 'id', new Set(entries.flatMap(levelIdsOf))),
  ]);
  return entries.map((e, i) => {
    const p = parsed[i];
    const subject = p && {
      ...p,
      name: (p.kind === 'product' ? products.get(p.code) : p.kind === 'account' ? staff.get(p.code) : undefined) ?? null,
      agentName: (p.kind === 'agent' ? agents.get(p.code) : undefined) ?? null,
    };
    const levelNames = Object.fromEntries(levelIdsOf(e).flatMap((id) => (levels.has(id) ? [[id, levels.get(id)!]] : [])));
    return { ...e, subject, levelNames };
  });
}
