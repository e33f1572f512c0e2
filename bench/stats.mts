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
  const q = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2));
  return { p50: q(0.5), p95: q(0.95), runs: n };
}

export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
export const print = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
