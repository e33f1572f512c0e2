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

export async function agentDisplays(db: Db, ids: readonly string[]): Promise<Map<string, AgentDisplay>> {
  const out = new Map<string, AgentDisplay>();
  if (!ids.length) return out;
  await rawConnection(db, (conn) => {
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = conn
        .prepare(
          `SELECT a.id, a.code, a.name, l.name AS levelName, a.province, a.city, a.status, u.name AS csName, a.joined_at AS joinedAt
           FROM agents a JOIN agent_levels l ON l.id = a.level_id LEFT JOIN users u ON u.id = a.cs_user_id
           WHERE a.id IN (${batch.map(() => '?').join(',')})`,
        )
        .all(batch) as AgentDisplay[];
      for (const r of rows) out.set(r.id, { ...r, joinedAt: Number(r.joinedAt) });
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

/** Ranking rows for agent slots `slots`, ranked from `firstRank` on. */
export async function rankingRows(db: Db, c: RowContext, slots: ArrayLike<number>, firstRank: number): Promise<RankingRow[]> {
  const ids = Array.from(slots, (a) => c.m.agents.ids[a]);
  const shown = await agentDisplays(db, ids);
  const f = new AgentFigures(c.m, c.range, c.period);
  return Array.from(slots, (a, i) => {
    f.at(a);
    const values = metricValues(f);
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
