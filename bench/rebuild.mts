// `analytics rebuild`: every rollup recomputed from the facts (rebuildAnalytics, what the CLI and the app run: one
// transaction, temporary files on disk, audited), on a copy of the dataset so the benchmark's own data stays as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_FILE, openDb } from '../src-main/db/open';
import { rebuildAnalytics } from '../src-main/domain/ledger/rebuild';
import { peakRssMb, print } from './stats.mts';

const [dir] = process.argv.slice(2);
const copy = fs.mkdtempSync(path.join(process.env.BENCH_TMP ?? os.tmpdir(), 'dropship-rebuild-'));
try {
  const t0 = performance.now();
  fs.copyFileSync(path.join(dir, DB_FILE), path.join(copy, DB_FILE));
  const copySeconds = (performance.now() - t0) / 1000;
  const db = await openDb(copy, { migrate: false });
  const counts = async () => (await db.raw('SELECT (SELECT COUNT(*) FROM agent_day_stats) AS agentDays, (SELECT COUNT(*) FROM product_day_stats) AS productDays, (SELECT COUNT(*) FROM agent_sku_days) AS skuDays'))[0];
  const before = await counts();
  const t = performance.now();
  const cpu = process.cpuUsage();
  await rebuildAnalytics(db, { userId: null, userLogin: 'bench' });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const after = await counts();
  await db.destroy();
  print({ bench: 'analytics.rebuild', seconds: Number(seconds.toFixed(1)), cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)), loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))), copySeconds: Number(copySeconds.toFixed(1)), rows: after, sameRowCounts: JSON.stringify(before) === JSON.stringify(after), peakRssMb: peakRssMb() });
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
