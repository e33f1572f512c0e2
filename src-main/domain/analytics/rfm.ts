import type { RfmSegment } from '@contract';
import { AgentFigures } from './figures';
import type { ModelData } from './readModel';
import { SortedNumbers } from './sorted';

/** domain.md: RFM over the last 180 days up to the period's end. */
export const RFM_DAYS = 180;

/**
 * Segments by whether each score is above the population's mean score (R, F, M high or low), the usual
 * eight-way naming of Chinese CRMs (重要价值 = all three high … 一般挽留 = all three low).
 */
const SEGMENTS: Record<string, RfmSegment> = {
  HHH: 'champion',
  LHH: 'loyal',
  HLH: 'potential',
  LLH: 'atRisk',
  HHL: 'regularValue',
  LHL: 'regularKeep',
  HLL: 'regularGrow',
  LLL: 'lost',
};

/**
 * Quintile scores (1–5) of recency, frequency (counted orders) and purchase amount over the last 180 days
 * before `to`, among every agent with a counted order before `to` (the whole channel, whoever looks: an
 * agent's segment does not depend on the viewer's scope or filters). A score is 1 + ⌊5 × share of agents with a
 * worse value⌋, so equal values get equal scores; agents who never ordered have no segment. Kept current by
 * `update` for the agents a write changed (their values move in the sorted lists; the mean scores are recounted).
 */
export class RfmScores {
  private readonly r: SortedNumbers;
  private readonly f: SortedNumbers;
  private readonly mAmount: SortedNumbers;
  private mean = { r: 0, f: 0, m: 0 };
  private readonly window: AgentFigures;
  /** Each agent's values as held in the sorted lists (NaN: not in the population). */
  private readonly held: { r: Float64Array; f: Float64Array; m: Float64Array };

  constructor(
    private readonly model: ModelData,
    to: number,
  ) {
    this.window = new AgentFigures(model, { from: to - RFM_DAYS, to }, { listedSkus: 0 });
    const n = model.agents.count;
    this.held = { r: new Float64Array(n).fill(NaN), f: new Float64Array(n), m: new Float64Array(n) };
    for (let a = 0; a < n; a++) this.read(a);
    const inPopulation = (v: Float64Array) => v.filter((_, a) => !Number.isNaN(this.held.r[a]));
    this.r = SortedNumbers.of(inPopulation(this.held.r));
    this.f = SortedNumbers.of(inPopulation(this.held.f));
    this.mAmount = SortedNumbers.of(inPopulation(this.held.m));
    this.recountMeans();
  }

  /** Agent slots this holds (agents added since need new scores). */
  get agents(): number {
    return this.held.r.length;
  }

  /** Agent `a`'s current values into `held` (NaN recency: outside the population). */
  private read(a: number): void {
    const recency = this.model.agents.present[a] ? this.window.at(a).recency() : null;
    this.held.r[a] = recency ?? NaN;
    this.held.f[a] = recency === null ? 0 : this.window.orders();
    this.held.m[a] = recency === null ? 0 : this.window.amount();
  }

  /** Agents whose rows changed (slots below `agents`): move their values. */
  update(slots: readonly number[]): void {
    for (const a of slots) {
      if (!Number.isNaN(this.held.r[a])) {
        this.r.remove(this.held.r[a]);
        this.f.remove(this.held.f[a]);
        this.mAmount.remove(this.held.m[a]);
      }
      this.read(a);
      if (!Number.isNaN(this.held.r[a])) {
        this.r.insert(this.held.r[a]);
        this.f.insert(this.held.f[a]);
        this.mAmount.insert(this.held.m[a]);
      }
    }
    this.recountMeans();
  }

  /** Mean scores, walking each sorted list once (equal values share the score of their first place). */
  private recountMeans(): void {
    const n = this.r.length;
    if (!n) return;
    const sum = (s: SortedNumbers, score: (firstOfRun: number, lastOfRun: number) => number) => {
      let total = 0;
      for (let i = 0; i < n; ) {
        let j = i + 1;
        while (j < n && s.values[j] === s.values[i]) j++;
        total += (j - i) * score(i, j);
        i = j;
      }
      return total / n;
    };
    this.mean = {
      r: sum(this.r, (_i, j) => 1 + Math.floor((5 * (n - j)) / n)),
      f: sum(this.f, (i) => 1 + Math.floor((5 * i) / n)),
      m: sum(this.mAmount, (i) => 1 + Math.floor((5 * i) / n)),
    };
  }

  /** Agent `a`'s scores and segment; null for an agent without a counted order before `to`. */
  of(a: number): { r: number; f: number; m: number; segment: RfmSegment } | null {
    const w = this.window.at(a);
    const recency = w.recency();
    const n = this.r.length;
    if (recency === null || !n) return null;
    const s = {
      r: 1 + Math.floor((5 * (n - this.r.atMost(recency))) / n),
      f: 1 + Math.floor((5 * this.f.below(w.orders())) / n),
      m: 1 + Math.floor((5 * this.mAmount.below(w.amount())) / n),
    };
    const hl = (v: number, mean: number) => (v > mean ? 'H' : 'L');
    return { ...s, segment: SEGMENTS[hl(s.r, this.mean.r) + hl(s.f, this.mean.f) + hl(s.m, this.mean.m)] };
  }
}
