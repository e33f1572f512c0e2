import type { RfmSegment } from '@contract';
import { AgentFigures } from './figures';
import type { ModelData } from './readModel';

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
 * worse value⌋, so equal values get equal scores; agents who never ordered have no segment.
 */
export class RfmScores {
  private readonly r: Float64Array;
  private readonly f: Float64Array;
  private readonly mAmount: Float64Array;
  private readonly mean = { r: 0, f: 0, m: 0 };

  constructor(
    private readonly model: ModelData,
    private readonly to: number,
  ) {
    const window = new AgentFigures(model, { from: to - RFM_DAYS, to }, { listedSkus: 0 });
    const r: number[] = [];
    const f: number[] = [];
    const mAmount: number[] = [];
    for (let a = 0; a < model.agents.count; a++) {
      if (!model.agents.present[a]) continue;
      window.at(a);
      const recency = window.recency();
      if (recency === null) continue;
      r.push(recency);
      f.push(window.orders());
      mAmount.push(window.amount());
    }
    this.r = Float64Array.from(r).sort();
    this.f = Float64Array.from(f).sort();
    this.mAmount = Float64Array.from(mAmount).sort();
    const n = this.r.length;
    if (n) {
      let sr = 0, sf = 0, sm = 0;
      for (let i = 0; i < n; i++) {
        sr += this.scoreLow(this.r, this.r[i]);
        sf += this.scoreHigh(this.f, this.f[i]);
        sm += this.scoreHigh(this.mAmount, this.mAmount[i]);
      }
      this.mean = { r: sr / n, f: sf / n, m: sm / n };
    }
  }

  /** Higher is better: the share of values below x. */
  private scoreHigh(sorted: Float64Array, x: number): number {
    return 1 + Math.floor((5 * lowerBound(sorted, x)) / sorted.length);
  }

  /** Lower is better (recency): the share of values above x. */
  private scoreLow(sorted: Float64Array, x: number): number {
    return 1 + Math.floor((5 * (sorted.length - upperBound(sorted, x))) / sorted.length);
  }

  /** Agent `a`'s scores and segment; null for an agent without a counted order before `to`. */
  of(a: number): { r: number; f: number; m: number; segment: RfmSegment } | null {
    const w = new AgentFigures(this.model, { from: this.to - RFM_DAYS, to: this.to }, { listedSkus: 0 }).at(a);
    const recency = w.recency();
    if (recency === null || !this.r.length) return null;
    const s = { r: this.scoreLow(this.r, recency), f: this.scoreHigh(this.f, w.orders()), m: this.scoreHigh(this.mAmount, w.amount()) };
    const hl = (v: number, mean: number) => (v > mean ? 'H' : 'L');
    return { ...s, segment: SEGMENTS[hl(s.r, this.mean.r) + hl(s.f, this.mean.f) + hl(s.m, this.mean.m)] };
  }
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
