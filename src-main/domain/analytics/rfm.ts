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
/** The segments by bits R, F, M high (4, 2, 1): no key text per agent. */
const SEGMENT_BY_BITS: RfmSegment[] = Array.from({ length: 8 }, (_, b) => SEGMENTS[[4, 2, 1].map((bit) => (b & bit ? 'H' : 'L')).join('')]);

/**
 * A quintile score is 1 + ⌊5k ÷ n⌋ for k of the n values worse than x; k reaches ⌈s·n/5⌉ (score s + 1) as x
 * passes one value of the sorted list, so the score is 1 + how many of those cut values x beats: five comparisons
 * per agent instead of a binary search over the population (an export scores every ranked agent). The fifth cut
 * (k = n, score 6) only a value outside the population reaches, as with the formula.
 * Rising (higher is better, k = values below x): cut s is values[⌈s·n/5⌉ − 1], beaten when below x.
 */
export function risingCuts(s: SortedNumbers): Float64Array {
  const n = s.length;
  return Float64Array.from([1, 2, 3, 4, 5], (q) => s.values[Math.ceil((q * n) / 5) - 1]);
}
/** Falling (lower is better, k = n − values at most x): cut s is values[⌊(5 − s)·n/5⌋], beaten when above x. */
export function fallingCuts(s: SortedNumbers): Float64Array {
  const n = s.length;
  return Float64Array.from([1, 2, 3, 4, 5], (q) => s.values[Math.floor(((5 - q) * n) / 5)]);
}
export const risingScore = (c: Float64Array, x: number): number => 1 + +(c[0] < x) + +(c[1] < x) + +(c[2] < x) + +(c[3] < x) + +(c[4] < x);
export const fallingScore = (c: Float64Array, x: number): number => 1 + +(c[0] > x) + +(c[1] > x) + +(c[2] > x) + +(c[3] > x) + +(c[4] > x);

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
  /** The cut values of each score (see risingCuts), recounted with the means. */
  private cuts: Record<'r' | 'f' | 'm', Float64Array> = { r: new Float64Array(5), f: new Float64Array(5), m: new Float64Array(5) };
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
    this.cuts = { r: fallingCuts(this.r), f: risingCuts(this.f), m: risingCuts(this.mAmount) };
  }

  /** Agent `a`'s scores and segment; null for an agent without a counted order before `to`. */
  of(a: number): { r: number; f: number; m: number; segment: RfmSegment } | null {
    const w = this.window.at(a);
    const recency = w.recency();
    if (recency === null || !this.r.length) return null;
    const s = { r: fallingScore(this.cuts.r, recency), f: risingScore(this.cuts.f, w.orders()), m: risingScore(this.cuts.m, w.amount()) };
    return { ...s, segment: this.segmentFor(s.r, s.f, s.m) };
  }

  /** Agent `a`'s segment alone (a ranking row's), with no object made; null as in `of`. */
  segmentOf(a: number): RfmSegment | null {
    const w = this.window.at(a);
    const recency = w.recency();
    if (recency === null || !this.r.length) return null;
    return this.segmentFor(fallingScore(this.cuts.r, recency), risingScore(this.cuts.f, w.orders()), risingScore(this.cuts.m, w.amount()));
  }

  private segmentFor(r: number, f: number, m: number): RfmSegment {
    const { mean } = this;
    return SEGMENT_BY_BITS[(r > mean.r ? 4 : 0) | (f > mean.f ? 2 : 0) | (m > mean.m ? 1 : 0)];
  }
}
