// Demo generation at scale: lines/s, peak memory of this process (the generator streams its rows), and the wall and
// CPU seconds (user, system) of each phase of the load, from its progress reports.
import os from 'node:os';
import { openDb } from '../src-main/db/open';
import { generateDemo } from '../src-main/db/demo/generate';
import { peakRssMb, print } from './stats.mts';

const [dir, agents, lines] = process.argv.slice(2);
const db = await openDb(dir);
const phases: Record<string, { seconds: number; userSeconds: number; systemSeconds: number }> = {};
let phase = '';
let mark = { t: performance.now(), cpu: process.cpuUsage() };
const close = () => {
  if (!phase) return;
  const used = process.cpuUsage(mark.cpu);
  phases[phase] = { seconds: Number(((performance.now() - mark.t) / 1000).toFixed(1)), userSeconds: Number((used.user / 1e6).toFixed(1)), systemSeconds: Number((used.system / 1e6).toFixed(1)) };
};
const onProgress = (_done: number, _total: number, p: string) => {
  if (p === phase) return;
  close();
  phase = p;
  mark = { t: performance.now(), cpu: process.cpuUsage() };
};
const t = performance.now();
const cpu = process.cpuUsage();
const r = await generateDemo(db, { agents: Number(agents), lines: Number(lines), seed: 1, until: '2026-11-24', timeZone: 'Asia/Shanghai', onProgress });
close();
const s = (performance.now() - t) / 1000;
const used = process.cpuUsage(cpu);
print({
  bench: 'demo.generate', agents: r.agents, orders: r.orders, lines: r.lines, seconds: Number(s.toFixed(1)), linesPerSecond: Math.round(r.lines / s),
  cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)), systemSeconds: Number((used.system / 1e6).toFixed(1)), peakRssMb: peakRssMb(),
  loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))), phases,
});
await db.destroy();
