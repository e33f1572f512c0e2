import type { AgentStatus, MetricId, RankingRow } from '@contract';
import { type Db, rawConnection } from '../../db/open';
import { isDormant, stockPiling, type AlertSettings } from './alerts';
import { AgentFigures, metricValues, type PeriodContext } from './figures';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';
import type { RankedList } from './ranking';
import type { RfmScores } from './rfm';

/** What a row shows of an agent, read from SQL for just the rows shown (always current; names are not held in memory). */
export interface AgentDisplay {
  id: string;
  code: string;
  name: string;
  levelName: string;
  province: string;
  city: string;
  status: AgentStatus;
  csName: string | null;
  joinedAt: number;
}

/**
 * The display fields of agents `ids`: one statement over the agents' own columns, level and staff names from their
 * small tables (a join per row cost more than the rest of an export's rows).
 */
export async function agentDisplays(db: Db, ids: readonly string[]): Promise<Map<string, AgentDisplay>> {
  const out = new Map<string, AgentDisplay>();
  if (!ids.length) return out;
  await rawConnection(db, (conn) => {
    const levels = new Map((conn.prepare('SELECT id, name FROM agent_levels').all() as { id: string; name: string }[]).map((l) => [l.id, l.name]));
    const staff = new Map((conn.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]));
    const select = conn.prepare(
      'SELECT id, code, name, level_id, province, city, status, cs_user_id, joined_at FROM agents WHERE id IN (SELECT value FROM json_each(?))',
    );
    for (let i = 0; i < ids.length; i += 2_000) {
      const rows = select.all(JSON.stringify(ids.slice(i, i + 2_000))) as {
        id: string; code: string; name: string; level_id: string; province: string; city: string; status: AgentStatus; cs_user_id: string | null; joined_at: number;
      }[];
      for (const r of rows)
        out.set(r.id, {
          id: r.id,
          code: r.code,
          name: r.name,
          levelName: levels.get(r.level_id) ?? '',
          province: r.province,
          city: r.city,
          status: r.status,
          csName: r.cs_user_id === null ? null : (staff.get(r.cs_user_id) ?? null),
          joinedAt: Number(r.joined_at),
        });
    }
  });
  return out;
}

export interface RowContext {
  m: ModelData;
  range: DayRange;
  period: PeriodContext;
  metric: MetricId;
  settings: AlertSettings;
  rfm: RfmScores;
  /** The ranking of the previous period, with comparison. */
  previous: RankedList | null;
}

/** Ranking rows for agent slots `slots`, ranked from `firstRank` on; `metrics`: only these values computed (an export's columns). */
export async function rankingRows(db: Db, c: RowContext, slots: ArrayLike<number>, firstRank: number, metrics?: readonly MetricId[]): Promise<RankingRow[]> {
  const ids = Array.from(slots, (a) => c.m.agents.ids[a]);
  const shown = await agentDisplays(db, ids);
  const f = new AgentFigures(c.m, c.range, c.period);
  return Array.from(slots, (a, i) => {
    f.at(a);
    const values = metricValues(f, metrics);
    const d = shown.get(ids[i]);
    const rank = firstRank + i;
    const prev = c.previous ? c.previous.rankOf(a) : null;
    return {
      rank,
      prevRank: prev,
      movement: prev === null ? null : prev - rank,
      agentId: ids[i],
      agentCode: d?.code ?? c.m.agents.codes[a],
      agentName: d?.name ?? '',
      levelName: d?.levelName ?? '',
      province: d?.province ?? '',
      status: d?.status ?? c.m.agents.statusOf(a),
      csName: d?.csName ?? null,
      value: values[c.metric],
      values,
      rfmSegment: c.rfm.of(a)?.segment ?? null,
      dormant: isDormant(f),
      stockPiling: stockPiling(f, c.settings) !== null,
    };
  });
}
