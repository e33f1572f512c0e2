import type { AgentFilters, MetricId, RankingRow, RankingTotals } from '@contract';
import { previousPeriod } from '@contract/periods';
import { dayStartMs, dayToNumber } from '@contract/days';
import type { Db } from '../../db/open';
import type { AgentScope } from '../common/scope';
import { agentMatcher, scopeStaff } from './agentFilter';
import { alertSettings } from './alerts';
import { dayRange } from './epochDays';
import type { PeriodContext } from './figures';
import { rankAgents, ranksOf, type Ranked } from './ranking';
import { ReadModel, type ModelData } from './readModel';
import { RfmScores } from './rfm';
import { rankingRows, type RowContext } from './rows';

export interface Period {
  from: string;
  to: string;
}
export interface RankingSpec extends Period {
  metric: MetricId;
  filters: AgentFilters;
  compare: boolean;
}

interface CachedRanking extends Ranked {
  rev: number;
  /** Previous-period rank per agent slot (0: not ranked then); null without comparison. */
  prevRank: Int32Array | null;
}

/** Rankings kept per (query, scope); any page of a kept one costs a slice, not a new ranking. */
const KEPT_RANKINGS = 8;

/** Filters in one canonical form, so equal filters given in another order share a cache entry. */
const canonical = (f: AgentFilters) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [...(v as string[])].sort()]).sort());

/**
 * The analytics of one database (analytics issue): the read model and what is computed from it, kept while
 * the rollups do not change (rollup_changes' rev).
 */
export class Analytics {
  readonly model: ReadModel;
  private readonly rankings = new Map<string, CachedRanking>();
  private rfm: { rev: number; to: number; scores: RfmScores }[] = [];

  constructor(
    readonly db: Db,
    readonly timeZone: string,
  ) {
    this.model = new ReadModel(db, timeZone);
  }

  /** SKUs listed during `p`: listed now and created before its end, or sold to consumers in it (no listing history is kept). */
  async periodContext(p: Period): Promise<PeriodContext> {
    const row = await this.db
      .raw(
        `SELECT COUNT(*) AS n FROM (
           SELECT id FROM products WHERE status = 'listed' AND created_at < ?
           UNION SELECT product_id FROM product_day_stats WHERE day >= ? AND day < ? AND (dropship_shipped_units > 0 OR reported_units > 0))`,
        [dayStartMs(p.to, this.timeZone), dayToNumber(p.from), dayToNumber(p.to)],
      )
      .then((r: { n: number }[]) => r[0]);
    return { listedSkus: Number(row?.n ?? 0) };
  }

  /** RFM scores as of local day `to` (epoch day), kept for the last few ends asked. */
  rfmAt(m: ModelData, to: number): RfmScores {
    let hit = this.rfm.find((x) => x.rev === m.rev && x.to === to);
    if (!hit) {
      hit = { rev: m.rev, to, scores: new RfmScores(m, to) };
      this.rfm = [hit, ...this.rfm.filter((x) => x.rev === m.rev)].slice(0, 3);
    }
    return hit.scores;
  }

  /** The whole ranking of `q` for `scope` (computed, or kept from an earlier page). */
  async ranked(q: RankingSpec, scope: AgentScope): Promise<{ m: ModelData; ranking: CachedRanking; rows: RowContext }> {
    const staff = scopeStaff(scope);
    const m = await this.model.current();
    const [period, settings] = await Promise.all([this.periodContext(q), alertSettings(this.db)]);
    const range = dayRange(q);
    const key = JSON.stringify([q.metric, q.from, q.to, canonical(q.filters), q.compare, staff, period.listedSkus > 0]);
    let ranking = this.rankings.get(key);
    if (!ranking || ranking.rev !== m.rev) {
      const match = agentMatcher(m.agents, q.filters, scope);
      const current = rankAgents(m, range, q.metric, period, match);
      let prevRank: Int32Array | null = null;
      if (q.compare) {
        const prev = previousPeriod(q);
        prevRank = ranksOf(rankAgents(m, dayRange(prev), q.metric, await this.periodContext(prev), match).order, m.agents.count);
      }
      ranking = { ...current, prevRank, rev: m.rev };
    }
    // Most recently used last: the oldest entry goes first.
    this.rankings.delete(key);
    this.rankings.set(key, ranking);
    for (const k of this.rankings.keys()) if (this.rankings.size > KEPT_RANKINGS) this.rankings.delete(k);
    const rows: RowContext = { m, range, period, metric: q.metric, settings, rfm: this.rfmAt(m, range.to), prevRank: ranking.prevRank };
    return { m, ranking, rows };
  }

  /** reports.ranking: one page of the ranking with the totals over every ranked agent. */
  async rankingPage(q: RankingSpec & { page: number; pageSize: number }, scope: AgentScope): Promise<{ rows: RankingRow[]; total: number; totals: RankingTotals }> {
    const { ranking, rows } = await this.ranked(q, scope);
    const first = (q.page - 1) * q.pageSize;
    const slots = ranking.order.subarray(first, first + q.pageSize);
    return { rows: await rankingRows(this.db, rows, slots, first + 1), total: ranking.totals.agents, totals: ranking.totals };
  }

  /** The whole ranking in batches of rows (the export), with its totals first. */
  async *rankingBatches(q: RankingSpec, scope: AgentScope, batch = 500): AsyncGenerator<{ rows: RankingRow[]; totals: RankingTotals }> {
    const { ranking, rows } = await this.ranked(q, scope);
    for (let i = 0; i < ranking.order.length; i += batch)
      yield { rows: await rankingRows(this.db, rows, ranking.order.subarray(i, i + batch), i + 1), totals: ranking.totals };
  }
}
