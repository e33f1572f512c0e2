/**
 * The p-quantile of ascending `sorted` by nearest rank: the smallest value with at least p of the values at or
 * below it (p95 of 20 runs is the second slowest, of 5 the slowest; p50 of an even count the lower middle one).
 */
export const quantile = (sorted: readonly number[], p: number, digits = 2): number =>
  Number(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))].toFixed(digits));

/** Run `fn` `n` times (after one warm-up) and report p50/p95 in ms. */
export async function timeIt(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; runs: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), runs: n };
}

export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
export const print = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

/**
 * Time `fn` and sample memory every 20 ms: peak heap + external + array buffers above the start, in MiB. `cpuSeconds`
 * is the process's user + system time meanwhile (all its threads): steadier than wall time on a shared machine.
 */
export async function measured<T>(fn: () => Promise<T>): Promise<{ r: T; seconds: number; cpuSeconds: number; peakExtraMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers));
  }, 20);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  return { r, seconds: Number((ms / 1000).toFixed(2)), cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)), peakExtraMb: Math.round(peak / 1048576) };
}
