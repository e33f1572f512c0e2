import { AGENT_STATUS_NAMES, ApiError, type AgentStatus, type ReportLocale } from '@contract';
import { type Db, rawConnection } from '../../db/open';
import { maskName, maskPhone } from '../accounts/masking';
import { assignedTo, type AgentScope } from '../common/scope';
import { withHeaders, type ColumnSpec } from '../../excel/tableSheet';
import { REPORT_LABELS, type ReportLabels } from './labels';

/** An agent as the Excel reports show it: names and the mobile masked for callers without pii.view. */
export interface ReportAgent {
  id: string;
  code: string;
  name: string;
  phone: string;
  levelName: string;
  csName: string;
  status: string;
}

const SELECT = `SELECT a.id, a.code, a.name, a.phone, l.name AS levelName, COALESCE(u.name, '') AS csName, a.status, a.cs_user_id AS csUserId
  FROM agents a JOIN agent_levels l ON l.id = a.level_id LEFT JOIN users u ON u.id = a.cs_user_id`;

const shown = (r: ReportAgent, masked: boolean): ReportAgent =>
  masked ? { ...r, name: maskName(r.name), phone: r.phone ? maskPhone(r.phone) : '' } : r;

/** The agents `ids` (any order; missing ones left out), as shown to the caller. Read in batches of 500. */
export async function reportAgents(db: Db, ids: readonly string[], masked: boolean): Promise<Map<string, ReportAgent>> {
  const out = new Map<string, ReportAgent>();
  await rawConnection(db, (conn) => {
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = conn.prepare(`${SELECT} WHERE a.id IN (${batch.map(() => '?').join(',')})`).all(batch) as (ReportAgent & { csUserId: string | null })[];
      for (const { csUserId: _cs, ...r } of rows) out.set(r.id, shown(r, masked));
    }
  });
  return out;
}

/**
 * Whose statements a caller asks for: one agent, or every agent assigned to a staff member, by code. Outside the
 * caller's scope an agent or a staff member is as unknown as a missing one (NOT_FOUND), never "everybody".
 */
export async function statementAgents(db: Db, who: { agentId?: string; csUserId?: string }, scope: AgentScope, masked: boolean): Promise<ReportAgent[]> {
  const own = assignedTo(scope, 'statement');
  const rows = await rawConnection(db, (conn) => {
    if (who.agentId) return conn.prepare(`${SELECT} WHERE a.id = ?`).all(who.agentId) as (ReportAgent & { csUserId: string | null })[];
    const staff = conn.prepare('SELECT id FROM users WHERE id = ?').get(who.csUserId!);
    if (!staff || (own !== null && own !== who.csUserId)) return null;
    return conn.prepare(`${SELECT} WHERE a.cs_user_id = ? ORDER BY a.code`).all(who.csUserId!) as (ReportAgent & { csUserId: string | null })[];
  });
  if (rows === null) throw new ApiError('NOT_FOUND', `staff member ${who.csUserId} does not exist`, { field: 'csUserId' });
  const inScope = rows.filter((r) => own === null || r.csUserId === own);
  if (who.agentId && !inScope.length) throw new ApiError('NOT_FOUND', `agent ${who.agentId} does not exist`, { field: 'agentId' });
  return inScope.map(({ csUserId: _cs, ...r }) => shown(r, masked));
}

type AgentColumn = keyof ReportLabels['agentColumns'];
const AGENT_SPECS: Omit<ColumnSpec<AgentColumn>, 'header'>[] = [
  { key: 'code', kind: 'text', samples: ['A000000'] },
  { key: 'name', kind: 'text', samples: ['欧阳某某'] },
  { key: 'phone', kind: 'text', samples: ['13800000000'] },
  { key: 'csName', kind: 'text', samples: ['客服某某某'] },
  { key: 'levelName', kind: 'text', samples: ['体验代理体验'] },
  { key: 'status', kind: 'text', samples: ['入驻中', 'Onboarding'] },
];
/** The columns every agent list starts with (who to call and who follows them up), in the report's language. */
export const agentColumns = (w: ReportLabels) => withHeaders(AGENT_SPECS, w.agentColumns);
export const agentCells = (a: ReportAgent, locale: ReportLocale): Record<AgentColumn, string> => ({
  code: a.code, name: a.name, phone: a.phone, csName: a.csName || REPORT_LABELS[locale].common.unassigned, levelName: a.levelName,
  status: AGENT_STATUS_NAMES[a.status as AgentStatus]?.[locale] ?? a.status,
});
