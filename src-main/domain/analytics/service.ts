import type { AgentFilters, MetricId, RankingRow, RankingTotals } from '@contract';
import { previousPeriod } from '@contract/periods';
import { dayStartMs, dayToNumber } from '@contract/days';
import type { Db } from '../../db/open';
import type { AgentScope } from '../common/scope';
import { agentMatcher, scopeStaff } from './agentFilter';
import { alertSettings } from './alerts';
import { dayRange } from './epochDays';
import type { PeriodContext } from './figures';
import { RankedList } from './ranking';
import { ReadModel, type ModelData } from './readModel';
import { RfmScores } from './rfm';
import { RankedAgent, rankingRows, reportNames, type RowContext } from './rows';

export interface Period {
  from: string;
  to: string;
}
export interface RankingSpec extends Period {
  metric: MetricId;
  filters: AgentFilters;
  compare: boolean;
}

/** A ranking kept for its query and scope, with the model and rev it is current for. */
interface KeptRanking {
  m: ModelData;
  rev: number;
  current: RankedList;
  previous: RankedList | null;
}

/** Rankings kept per (query, scope); any page of a kept one costs a slice, not a new ranking. */
const KEPT_RANKINGS = 4;
/** Lists no longer kept whose arrays the next new lists reuse (a ranking with comparison makes two). */
const SPARE_LISTS = 2;
/** More changed agents than this since a kept result: compute it afresh. */
const MAX_FOLLOWED = 2_000;

/** Filters in one canonical form, so equal filters given in another order share a cache entry. */
const canonical = (f: AgentFilters) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [...(v as string[])].sort()]).sort());

/**
 * The analytics of one database (analytics issue): the read model and what is computed from it, kept while
 * the rollups do not change (rollup_changes' rev).
 */
export class Analytics {
  readonly model: ReadModel;
  private readonly rankings = new Map<string, KeptRanking>();
  /**
   * Dropped lists, for their arrays: a new ranking then allocates almost nothing, so ~5 MB of typed arrays a call
   * do not add up to a major collection inside a later call. Nobody reads a dropped list: callers use a ranking
   * before their next await, and the export takes copies (rankingCursor).
   */
  private spare: RankedList[] = [];
  private rfm: { m: ModelData; rev: number; to: number; scores: RfmScores }[] = [];
  private kept: { key: string; m: ModelData; rev: number; value: unknown }[] = [];

  constructor(
    readonly db: Db,
    readonly timeZone: string,
  ) {
    // A full reload makes every kept result stale: drop them now, so the old model is freed before the new one loads.
    this.model = new ReadModel(db, timeZone, () => {
      this.rankings.clear();
      this.spare = [];
      this.rfm = [];
      this.kept = [];
    });
  }

  /** SKUs listed during `p`: listed now and created before its end, or sold to consumers in it (no listing history is kept). */
  async periodContext(p: Period): Promise<PeriodContext> {
    const row = await this.db
      .raw(
        // Each SKU (a product, or one only the rollups still name) is looked up by key: product_day_stats by (product,
        // day range), not every product-day of the period through the day index (50 ms for 365 days, once per call).
        `SELECT COUNT(*) AS n FROM (SELECT id FROM products UNION SELECT product_id FROM product_day_stats) c
         WHERE EXISTS (SELECT 1 FROM products p WHERE p.id = c.id AND p.status = 'listed' AND p.created_at < ?)
            OR EXISTS (SELECT 1 FROM product_day_stats d WHERE d.product_id = c.id AND d.day >= ? AND d.day < ? AND (d.dropship_shipped_units > 0 OR d.reported_units > 0))`,
        [dayStartMs(p.to, this.timeZone), dayToNumber(p.from), dayToNumber(p.to)],
      )
      .then((r: { n: number }[]) => r[0]);
    return { listedSkus: Number(row?.n ?? 0) };
  }

  /** A result computed from model `m` alone, kept (the last few) until the model changes. */
  keptWhileCurrent<T>(key: string, m: ModelData, compute: () => T): T {
    let hit = this.kept.find((k) => k.key === key && k.m === m && k.rev === m.rev);
    if (!hit) hit = { key, m, rev: m.rev, value: compute() };
    this.kept = [hit, ...this.kept.filter((k) => k !== hit && k.m === m && k.rev === m.rev)].slice(0, 4);
    return hit.value as T;
  }

  /** Agent slots changed since a kept result (model `m`, `rev`), or null when it must be computed afresh. */
  private changedSince(m: ModelData, rev: number, agents: number): number[] | null {
    const slots = this.model.changedSince(m, rev);
    return slots && slots.length <= MAX_FOLLOWED && slots.every((a) => a < agents) ? slots : null;
  }

  /** RFM scores as of local day `to` (epoch day), kept for the last few ends asked. */
  rfmAt(m: ModelData, to: number): RfmScores {
    let hit = this.rfm.find((x) => x.m === m && x.to === to);
    const slots = hit && this.changedSince(m, hit.rev, hit.scores.agents);
    if (hit && slots) hit.scores.update(slots);
    else if (hit?.rev !== m.rev) hit = { m, rev: m.rev, to, scores: new RfmScores(m, to) };
    hit.rev = m.rev;
    this.rfm = [hit, ...this.rfm.filter((x) => x !== hit && x.m === m)].slice(0, 2);
    return hit.scores;
  }

  /** Bytes held: the model's day rows, the per-period tables kept with it and the kept rankings (the benchmark's figures). */
  memory(): { series: number; tables: number; rankings: number } {
    const m = this.model.loaded;
    let rankings = 0;
    for (const r of this.rankings.values()) rankings += r.current.bytes + (r.previous?.bytes ?? 0);
    for (const r of this.spare) rankings += r.bytes;
    return { series: m?.bytes ?? 0, tables: m?.tables.bytes ?? 0, rankings };
  }

  /** The whole ranking of `q` for `scope`: kept from an earlier page and brought up to date, or computed. */
  async ranked(q: RankingSpec, scope: AgentScope): Promise<{ m: ModelData; ranking: KeptRanking; rows: RowContext }> {
    const staff = scopeStaff(scope);
    const m = await this.model.current();
    const [period, settings, names] = await Promise.all([this.periodContext(q), alertSettings(this.db), reportNames(this.db)]);
    const range = dayRange(q);
    const key = JSON.stringify([q.metric, q.from, q.to, canonical(q.filters), q.compare, staff, period.listedSkus > 0]);
    const match = agentMatcher(m.agents, q.filters, scope);
    let ranking = this.rankings.get(key);
    const slots = ranking && ranking.m === m ? this.changedSince(m, ranking.rev, ranking.current.agents) : null;
    if (ranking && slots) {
      if (slots.length) {
        ranking.current.update(slots, match);
        ranking.previous?.update(slots, match);
      }
    } else {
      const prev = previousPeriod(q);
      const prevPeriod = q.compare ? await this.periodContext(prev) : null;
      if (ranking) this.drop(ranking);
      ranking = {
        m,
        rev: m.rev,
        current: new RankedList(m, range, q.metric, period, match, this.spare.pop()),
        previous: prevPeriod ? new RankedList(m, dayRange(prev), q.metric, prevPeriod, match, this.spare.pop()) : null,
      };
    }
    ranking.rev = m.rev;
    // A ranking by another metric of the same periods is the likely next call: its history tables, made while idle.
    m.tables.prepareHistories(q.compare ? [range.to, range.from] : [range.to]);
    // Most recently used last: the oldest entry goes first.
    this.rankings.delete(key);
    this.rankings.set(key, ranking);
    for (const [k, r] of this.rankings)
      if (this.rankings.size > KEPT_RANKINGS) {
        this.rankings.delete(k);
        this.drop(r);
      }
    const rows: RowContext = { m, range, period, metric: q.metric, settings, rfm: this.rfmAt(m, range.to), names, previous: ranking.previous };
    return { m, ranking, rows };
  }

  /** A ranking no longer kept: its lists' arrays go to the next new lists (of the same model). */
  private drop(r: KeptRanking): void {
    if (r.m !== this.model.loaded) return;
    this.spare = [...this.spare, r.current, ...(r.previous ? [r.previous] : [])].slice(-SPARE_LISTS);
  }

  /** reports.ranking: one page of the ranking with the totals over every ranked agent. */
  async rankingPage(q: RankingSpec & { page: number; pageSize: number }, scope: AgentScope): Promise<{ rows: RankingRow[]; total: number; totals: RankingTotals }> {
    const { ranking, rows } = await this.ranked(q, scope);
    const first = (q.page - 1) * q.pageSize;
    const { current } = ranking;
    return { rows: rankingRows(rows, current.slice(first, first + q.pageSize), first + 1), total: current.totals.agents, totals: current.totals };
  }

  /** The whole ranking (the export): the agent slots in rank order, a row to read each through, and the totals. */
  async rankingCursor(q: RankingSpec, scope: AgentScope): Promise<{ order: Int32Array; row: RankedAgent; totals: RankingTotals }> {
    const { ranking, rows } = await this.ranked(q, scope);
    // A copy: writes during the export re-place agents in the kept list, not in the file being written.
    // The previous ranks copied too: the kept lists' arrays are reused once they are dropped.
    const previous = ranking.previous?.ranksNow() ?? null;
    return { order: ranking.current.order.slice(0, ranking.current.length), row: new RankedAgent({ ...rows, previous }), totals: ranking.current.totals };
  }
}
