import type { AgentStatus, MetricId, RankingRow, RfmSegment } from '@contract';
import { type Db, rawConnection } from '../../db/open';
import { isDormant, stockPiling, type AlertSettings } from './alerts';
import { AgentFigures, metricValues, type PeriodContext } from './figures';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';
import type { Ranks } from './ranking';
import type { RfmScores } from './rfm';

/** What the agent page and the dashboard show of a few agents, read from SQL (city and joining time are not in the model). */
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

/** Level and staff names by id, read from their small tables at each ranking read: a renamed level or staff shows at once. */
export interface ReportNames {
  levels: Map<string, string>;
  staff: Map<string, string>;
}

export async function reportNames(db: Db): Promise<ReportNames> {
  return rawConnection(db, (conn) => ({
    levels: new Map(conn.prepare('SELECT id, name FROM agent_levels').raw(true).all() as [string, string][]),
    staff: new Map(conn.prepare('SELECT id, name FROM users').raw(true).all() as [string, string][]),
  }));
}

export interface RowContext {
  m: ModelData;
  range: DayRange;
  period: PeriodContext;
  metric: MetricId;
  settings: AlertSettings;
  rfm: RfmScores;
  names: ReportNames;
  /** The ranking of the previous period, with comparison. */
  previous: Ranks | null;
}

/**
 * One ranked agent's row, read from the model as it is asked for and moved from agent to agent (`at`): an export
 * reads each ranked agent's cells through it with no row object or SQL per agent (only the columns it writes
 * are computed), and the screen's rows (rankingRows) are made from it. Fields are named as in RankingRow.
 */
export class RankedAgent {
  a = -1;
  rank = 0;
  /** The agent's figures for the period: metric values are METRIC_VALUE[id](f). */
  readonly f: AgentFigures;

  constructor(private readonly c: RowContext) {
    this.f = new AgentFigures(c.m, c.range, c.period);
  }

  at(a: number, rank: number): this {
    this.a = a;
    this.rank = rank;
    this.f.at(a);
    return this;
  }

  get agentId(): string {
    return this.c.m.agents.ids[this.a];
  }
  get agentCode(): string {
    return this.c.m.agents.codes[this.a];
  }
  get agentName(): string {
    return this.c.m.agents.names[this.a];
  }
  get levelName(): string {
    return this.c.names.levels.get(this.c.m.agents.levelIdOf(this.a)) ?? '';
  }
  get province(): string {
    return this.c.m.agents.provinceOf(this.a);
  }
  get status(): AgentStatus {
    return this.c.m.agents.statusOf(this.a);
  }
  get csName(): string | null {
    const id = this.c.m.agents.csUserOf(this.a);
    return id === null ? null : (this.c.names.staff.get(id) ?? null);
  }
  get prevRank(): number | null {
    return this.c.previous ? this.c.previous.rankOf(this.a) : null;
  }
  get movement(): number | null {
    const prev = this.prevRank;
    return prev === null ? null : prev - this.rank;
  }
  get rfmSegment(): RfmSegment | null {
    return this.c.rfm.segmentOf(this.a);
  }
  get dormant(): boolean {
    return isDormant(this.f);
  }
  get stockPiling(): boolean {
    return stockPiling(this.f, this.c.settings) !== null;
  }
}

/** Ranking rows (the screen's page) for agent slots `slots`, ranked from `firstRank` on, with every metric. */
export function rankingRows(c: RowContext, slots: ArrayLike<number>, firstRank: number): RankingRow[] {
  const r = new RankedAgent(c);
  return Array.from(slots, (a, i) => {
    r.at(a, firstRank + i);
    const values = metricValues(r.f);
    return {
      rank: r.rank,
      prevRank: r.prevRank,
      movement: r.movement,
      agentId: r.agentId,
      agentCode: r.agentCode,
      agentName: r.agentName,
      levelName: r.levelName,
      province: r.province,
      status: r.status,
      csName: r.csName,
      value: values[c.metric],
      values,
      rfmSegment: r.rfmSegment,
      dormant: r.dormant,
      stockPiling: r.stockPiling,
    };
  });
}
