import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** Time `fn` and sample memory every 20 ms: peak heap + external + array buffers above the start, in MiB. */
export async function measured<T>(fn: () => Promise<T>): Promise<{ r: T; seconds: number; peakExtraMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers));
  }, 20);
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  return { r, seconds: Number((ms / 1000).toFixed(2)), peakExtraMb: Math.round(peak / 1048576) };
}

/**
 * A copy of the dataset at `source` that a benchmark may write to (migrations, a rollups rebuild, audit entries), in
 * BENCH_TMP (default the OS temp folder) under `name`; kept for the next run while the source's bench-ready.json is
 * unchanged. `fresh`: copied just now.
 */
export function datasetCopy(source: string, name: string): { dir: string; fresh: boolean } {
  const ready = fs.readFileSync(path.join(source, 'bench-ready.json'), 'utf8');
  const dir = path.join(process.env.BENCH_TMP ?? os.tmpdir(), `dropship-${name}-${path.basename(path.resolve(source))}`);
  const marker = path.join(dir, 'copied-from.json');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === ready) return { dir, fresh: false };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(source)) if (f.startsWith('dropship.sqlite')) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  fs.writeFileSync(marker, ready);
  return { dir, fresh: true };
}
