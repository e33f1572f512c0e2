// The Excel reports of issue 9 item 7 on the benchmark dataset: the statement (对账单) of a staff member's agents for
// a month at 1,000 and 5,000 agents (memory must not grow with the sheets) and the product sales report for 30 and
// 365 days (with how often its progress moved), with time, peak memory and file size. The app opens the dataset
// (migrations, a rollups rebuild when its version is older): so it runs on the benches' working copy
// (workingCopy, BENCH_TMP), made once and kept while the dataset is unchanged. The domain functions are called directly (no audit entry).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../src-main/app/open';
import { rawConnection } from '../src-main/db/open';
import { addDays } from '../src-main/contract/days';
import { reportAgents } from '../src-main/domain/reports/reportAgents';
import { exportStatement } from '../src-main/domain/reports/statement';
import { exportProductSales } from '../src-main/domain/reports/productSales';
import { measured, print } from './stats.mts';
import { workingCopy } from './workingCopy.mts';

const [source] = process.argv.slice(2);
const dir = workingCopy(source, 'scratch');
const opened = performance.now();
const app = await openApp({ dataDir: dir, demoOnEmpty: false });
print({ bench: 'export.open', seconds: Number(((performance.now() - opened) / 1000).toFixed(1)) });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-'));
const until = '2026-11-25';
const { db, timeZone } = app.env;

// One staff member's agents: 5,000 (100,000 agents over 20 staff). The generated dataset assigns no staff, so
// every 20th agent by code stands in for them (the export reads by agent id either way); the first 1,000 of them
// for the smaller run.
const ids = await rawConnection(db, (c) => (c.prepare('SELECT id FROM agents ORDER BY code').all() as { id: string }[]).filter((_, i) => i % 20 === 0).map((r) => r.id));
const all = [...(await reportAgents(db, ids, true)).values()].sort((a, b) => (a.code < b.code ? -1 : 1));
for (const n of (process.env.BENCH_STATEMENT_AGENTS ?? '1000,5000').split(',').map(Number)) {
  const agents = all.slice(0, n);
  const month = '2026-10';
  const s = await measured(() => exportStatement(db, timeZone, { month, agents, title: 'bench', locale: 'zh-CN' }, path.join(tmp, `statement-${n}.xlsx`), { masked: true }));
  print({ bench: 'export.statement', month, agents: agents.length, orders: s.r.rows, seconds: s.seconds, peakExtraMb: s.peakExtraMb, bytes: s.r.bytes });
}
for (const days of [30, 365]) {
  const p = { from: addDays(until, -days), to: until };
  let moves = 0;
  const s = await measured(() => exportProductSales(db, timeZone, { ...p, locale: 'zh-CN' }, path.join(tmp, `products-${days}.xlsx`), { progress: (_d, _t, phase) => phase === 'query' && moves++ }));
  print({ bench: 'export.productSales', days, products: s.r.rows, seconds: s.seconds, progressSteps: moves, peakExtraMb: s.peakExtraMb, bytes: s.r.bytes });
}
fs.rmSync(tmp, { recursive: true, force: true });
await app.close();
