/** A multiset of numbers in a sorted Float64Array: binary searches, and single inserts and removals by memmove. */
export class SortedNumbers {
  values: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(capacity, 16));
  }

  static of(values: Float64Array): SortedNumbers {
    const s = new SortedNumbers(values.length);
    s.values.set(values);
    s.values.subarray(0, values.length).sort();
    s.length = values.length;
    return s;
  }

  /** How many values are below x. */
  below(x: number): number {
    let lo = 0;
    let hi = this.length;
    const v = this.values;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many values are at most x. */
  atMost(x: number): number {
    let lo = 0;
    let hi = this.length;
    const v = this.values;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(x: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const i = this.atMost(x);
    this.values.copyWithin(i + 1, i, this.length);
    this.values[i] = x;
    this.length++;
  }

  /** Remove one occurrence of x (which must be present). */
  remove(x: number): void {
    const i = this.below(x);
    if (i >= this.length || this.values[i] !== x) throw new Error(`SortedNumbers.remove: ${x} is not held`);
    this.values.copyWithin(i, i + 1, this.length);
    this.length--;
  }
}
