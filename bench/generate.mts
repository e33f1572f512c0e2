// Demo generation at scale: lines/s and peak memory of this process (the generator streams its rows).
import { openDb } from '../src-main/db/open';
import { generateDemo } from '../src-main/db/demo/generate';
import { peakRssMb, print } from './stats.mts';

const [dir, agents, lines] = process.argv.slice(2);
const db = await openDb(dir);
const t = performance.now();
const r = await generateDemo(db, { agents: Number(agents), lines: Number(lines), seed: 1, until: '2026-11-24', timeZone: 'Asia/Shanghai' });
const s = (performance.now() - t) / 1000;
print({ bench: 'demo.generate', agents: r.agents, orders: r.orders, lines: r.lines, seconds: Number(s.toFixed(1)), linesPerSecond: Math.round(r.lines / s), peakRssMb: peakRssMb() });
await db.destroy();
