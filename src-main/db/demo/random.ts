// Seeded randomness for the demo generator: same seed, same data, on every machine and Node version
// (Math.random cannot be seeded; sfc32 is small, fast and passes PractRand).

/** splitmix32: spreads a small seed over the four words sfc32 needs. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` gives independent sequences for one seed, so one part's draws do not shift another's. */
  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.uint32(); // warm up: the first outputs of sfc32 correlate with the seed
  }

  /** sfc32 step. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float(); // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** `n` decimal digits, leading zeros kept. */
  digits(n: number): string {
    let s = '';
    while (s.length < n) s += String(this.uint32() % 1_000_000_000).padStart(9, '0');
    return s.slice(0, n);
  }

  /** Lower-case letters and digits, as in generated account names. */
  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[this.uint32() % ALNUM.length];
    return s;
  }
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Index of the first cumulative weight above `x` (binary search); `cum` is non-decreasing. */
export function searchCumulative(cum: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Draws indexes in proportion to fixed weights. */
export class WeightedPicker {
  private readonly cum: Float64Array;
  readonly total: number;

  constructor(weights: readonly number[]) {
    this.cum = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => (this.cum[i] = acc += w));
    this.total = acc;
  }

  index(rng: Random): number {
    return searchCumulative(this.cum, this.cum.length, rng.float() * this.total);
  }
}

/** Picks items by their `weight` field. */
export class WeightedItems<T extends { weight: number }> {
  private readonly picker: WeightedPicker;
  constructor(readonly items: readonly T[]) {
    this.picker = new WeightedPicker(items.map((i) => i.weight));
  }
  pick(rng: Random): T {
    return this.items[this.picker.index(rng)];
  }
}
