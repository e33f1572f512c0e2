// Analytics at scale through the router: the read model's cold load (time, memory), the distributor ranking with
// previous-period ranks for 7 / 30 / 365 days beside the direct computation from order lines (the old query, run
// for both periods) in the same run, the same for a scoped cs clerk, the dashboard and the agent page.
// Variants: `cached` (pages of a ranking already computed), `afterWrite` (a rollup row and its rollup_changes
// entry are written before every call, as the ledger does: the call includes the refresh and a full recompute).
// `analytics.rankingByMetric`: the first ranking by each metric after a write, 7 / 30 / 365 days; `analytics.memory`:
// what the model holds after it.
//
//   npx tsx --tsconfig tsconfig.node.json bench/analytics.mts <dataset dir>
//
// BENCH_RUNS, BENCH_DIRECT_RUNS (0: no direct query), BENCH_METRIC_RUNS, BENCH_ANALYTICS_PARTS (see below). It runs on
// the dataset's working copy in BENCH_TMP (bench/workingCopy.mts).
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { openApp, localCaller } from '../src-main/app/open';
import { addDays } from '../src-main/contract/days';
import { METRIC_IDS } from '../src-main/contract/metrics';
import { rankingFromFacts } from '../src-main/domain/reports/rankingFromFacts';
import { rawConnection } from '../src-main/db/open';
import { print, quantile, timeIt } from './stats.mts';
import { workingCopy } from './workingCopy.mts';

// It writes (agents reassigned, sessions): on the dataset's working copy (workingCopy.mts), never the dataset itself.
const dir = workingCopy(process.argv[2], 'scratch');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DIRECT_RUNS = Number(process.env.BENCH_DIRECT_RUNS ?? 3);
/** BENCH_ANALYTICS_PARTS (comma list of rankings, byMetric, others, scoped): only those, after the cold load. */
const PARTS = process.env.BENCH_ANALYTICS_PARTS?.split(',');
const part = (name: string) => !PARTS || PARTS.includes(name);
const app = await openApp({ dataDir: dir, demoOnEmpty: false });
const caller = localCaller('cli');
const call = async (m: string, input: unknown, as = caller) => {
  const r = await app.router.call(m, input, as);
  if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
  return r.data as { total: number };
};
const until = '2026-11-25'; // the generator's history ends on 2026-11-24
const period = (days: number) => ({ from: addDays(until, -days), to: until });
const mb = (n: number) => Math.round(n / 1048576);
const memory = () => {
  global.gc?.();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) };
};

// A write the ledger would make: one agent-day row changed and logged, undone by the next one (the dataset stays).
const writers = await rawConnection(app.env.db, (c) => c.prepare('SELECT agent_id, day FROM agent_day_stats WHERE day = 20261120 LIMIT 64').raw().all() as [string, number][]);
let writes = 0;
async function writeOne() {
  const [agent, day] = writers[writes % writers.length];
  const delta = writes++ % 2 === 0 ? 1 : -1;
  await app.env.db.transaction(async (trx) => {
    await trx.raw('UPDATE agent_day_stats SET reported_units = reported_units + ? WHERE agent_id = ? AND day = ?', [delta, agent, day]);
    await trx('rollup_changes').insert({ agent_id: agent });
  });
}
/** timeIt with a write before every call (outside the timing). */
async function timeAfterWrite(n: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  await writeOne();
  await fn();
  for (let i = 0; i < n; i++) {
    await writeOne();
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  if (writes % 2) await writeOne();
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), runs: n };
}

// Another call every 50 ms while the model loads: how long the backend keeps it waiting.
function latencyProbe() {
  const ms: number[] = [];
  let on = true;
  void (async () => {
    while (on) {
      const t = performance.now();
      await call('products.list', { pageSize: 20 });
      ms.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    result() {
      on = false;
      const sorted = [...ms].sort((a, b) => a - b);
      return { calls: ms.length, p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
    },
  };
}

const before = memory();
const probe = latencyProbe();
const t0 = performance.now();
await call('reports.ranking', { ...period(30), compare: true });
const coldMs = performance.now() - t0;
const s = app.env.analytics.model.stats;
print({ bench: 'analytics.load', coldCallMs: Math.round(coldMs), loadMs: s.loadMs, agents: s.agents, rows: s.rows, modelMb: mb(s.bytes), before, after: memory(), otherCallsDuringLoad: probe.result() });

async function rankings(label: string, as = caller) {
  for (const days of [7, 30, 365]) {
    const q = { ...period(days), compare: true, pageSize: 50 };
    let page = 0;
    const pages = async () => call('reports.ranking', { ...q, page: 1 + (page++ % 20) }, as);
    const agents = (await pages()).total;
    const cached = await timeIt(RUNS, pages);
    const afterWrite = await timeAfterWrite(RUNS, pages);
    // BENCH_DIRECT_RUNS=0 skips the direct query (seconds per run).
    const direct = DIRECT_RUNS > 0 ? await timeIt(days === 365 ? Math.max(1, DIRECT_RUNS - 1) : DIRECT_RUNS, () => rankingFromFacts(app.env.db, q, app.env.timeZone, as.scope!, { compare: true })) : null;
    const ratio = (x: { p50: number }) => (direct ? Number((direct.p50 / x.p50).toFixed(1)) : null);
    print({ bench: `analytics.ranking${label}`, days, compare: true, agentsRanked: agents, cached, afterWrite, direct, speedup: { cached: ratio(cached), afterWrite: ratio(afterWrite) } });
  }
}
if (part('rankings')) await rankings('');

// The first ranking by each metric after a write, for 7 / 30 / 365 days with previous-period ranks: before each call
// a write, and the (metric, period) asked is one of 51 taken in turn, so no kept ranking of it is current (the service
// keeps 4): the call refreshes the changed agent and ranks from what the model keeps. `first`: each one's first call
// since the model loaded (the period's sums are kept from the rankings above); then BENCH_METRIC_RUNS rounds. `cpu`:
// the process's CPU time in the same calls (user + system), the figure that other load on the machine inflates least.
// `gc`: collections that ran inside the calls (count, ms, major ones); `allocMb`: heap + array buffers grown by a
// call, over the calls no collection ran in (median, max).
const METRIC_RUNS = Number(process.env.BENCH_METRIC_RUNS ?? 20);
const byMetric = new Map<string, { ms: number; cpu: number }[]>();
const gcs: { kind: number; ms: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ kind: (e as PerformanceEntry & { detail: { kind: number } }).detail.kind, ms: e.duration });
});
const heapBytes = () => {
  const u = process.memoryUsage();
  return u.heapUsed + u.arrayBuffers;
};
if (part('byMetric')) {
  // The calls here come one right after another without an event-loop turn between them (no HTTP or IPC), so the
  // background builds queued by the rankings above (history tables, in slices between calls) wait: give them the
  // moment a user takes before changing the metric, and print how long it took.
  const idle0 = performance.now();
  while (app.env.analytics.model.loaded?.tables.busy) await new Promise((r) => setImmediate(r));
  print({ bench: 'analytics.idle', backgroundMs: Math.round(performance.now() - idle0) });
  gcObserver.observe({ entryTypes: ['gc'] });
  const allocs: number[] = [];
  let gcCount = 0, gcMs = 0, majors = 0, callsWithGc = 0;
  for (let round = 0; round <= METRIC_RUNS; round++)
    for (const days of [7, 30, 365])
      for (const metric of METRIC_IDS) {
        await writeOne();
        // Entries of earlier collections are delivered on a later tick: let them arrive before the call.
        await new Promise((r) => setImmediate(r));
        gcs.length = 0;
        const h0 = heapBytes();
        const t = performance.now();
        const cpu0 = process.cpuUsage();
        await call('reports.ranking', { ...period(days), metric, compare: true });
        const cpu = process.cpuUsage(cpu0);
        const ms = performance.now() - t;
        const h1 = heapBytes();
        await new Promise((r) => setImmediate(r));
        if (gcs.length) {
          callsWithGc++;
          gcCount += gcs.length;
          gcMs += gcs.reduce((n, g) => n + g.ms, 0);
          majors += gcs.filter((g) => g.kind === 4).length; // NODE_PERFORMANCE_GC_MAJOR
        } else if (round > 0) allocs.push(h1 - h0);
        const key = `${days}:${metric}`;
        if (process.env.BENCH_DEBUG && ms > 150) process.stderr.write(`slow ${key} round ${round}: ${ms.toFixed(1)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms, gc ${gcs.length}\n`);
        byMetric.set(key, [...(byMetric.get(key) ?? []), { ms, cpu: (cpu.user + cpu.system) / 1000 }]);
      }
  gcObserver.disconnect();
  if (writes % 2) await writeOne();
  allocs.sort((a, b) => a - b);
  const calls = (METRIC_RUNS + 1) * 3 * METRIC_IDS.length;
  print({
    bench: 'analytics.rankingByMetric.gc', calls, callsWithGc, collections: gcCount, majorCollections: majors, gcMs: Number(gcMs.toFixed(1)),
    allocMbPerCall: { p50: Number(((allocs[allocs.length >> 1] ?? 0) / 1048576).toFixed(2)), max: Number(((allocs.at(-1) ?? 0) / 1048576).toFixed(2)), calls: allocs.length },
  });
  for (const days of [7, 30, 365]) {
    const first: Record<string, number> = {};
    const firstCpu: Record<string, number> = {};
    const afterWrite: Record<string, { p50: number; p95: number; cpuP50: number; cpuP95: number }> = {};
    for (const metric of METRIC_IDS) {
      const [cold, ...rest] = byMetric.get(`${days}:${metric}`)!;
      first[metric] = Number(cold.ms.toFixed(1));
      firstCpu[metric] = Number(cold.cpu.toFixed(1));
      const ms = rest.map((r) => r.ms).sort((a, b) => a - b);
      const cpu = rest.map((r) => r.cpu).sort((a, b) => a - b);
      afterWrite[metric] = { p50: quantile(ms, 0.5, 1), p95: quantile(ms, 0.95, 1), cpuP50: quantile(cpu, 0.5, 1), cpuP95: quantile(cpu, 0.95, 1) };
    }
    const worst = Object.entries(afterWrite).sort((a, b) => b[1].p95 - a[1].p95)[0];
    const worstCpu = Object.entries(afterWrite).sort((a, b) => b[1].cpuP95 - a[1].cpuP95)[0];
    print({
      bench: 'analytics.rankingByMetric', days, compare: true, runs: METRIC_RUNS, loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      worstP95: { metric: worst[0], ms: worst[1].p95 }, worstCpuP95: { metric: worstCpu[0], ms: worstCpu[1].cpuP95 }, first, firstCpu, afterWrite,
    });
  }
}
global.gc?.();
print({ bench: 'analytics.memory', after: 'every metric ranked for 7 / 30 / 365 days', model: Object.fromEntries(Object.entries(app.env.analytics.memory()).map(([k, v]) => [`${k}Mb`, Number((v / 1048576).toFixed(1))])), process: memory() });

if (part('others')) {
  print({ bench: 'analytics.dashboard', days: 30, cached: await timeIt(RUNS, () => call('analytics.dashboard', period(30))), afterWrite: await timeAfterWrite(RUNS, () => call('analytics.dashboard', period(30))) });
  print({ bench: 'analytics.dashboard', days: 365, cached: await timeIt(RUNS, () => call('analytics.dashboard', period(365))) });

  const agentIds = await rawConnection(app.env.db, (c) => c.prepare('SELECT agent_id FROM agent_day_stats WHERE day = 20261101 LIMIT 200').pluck().all() as string[]);
  let k = 0;
  print({ bench: 'analytics.agentPage', days: 30, p: await timeIt(RUNS, () => call('agents.metrics', { agentId: agentIds[k++ % agentIds.length], ...period(30) })) });
  print({ bench: 'analytics.productRanking', days: 365, p: await timeIt(RUNS, () => call('reports.productRanking', { ...period(365), metric: 'amount' })) });
}

// A cs clerk limited to the agents assigned to them (data scope): 2,000 of the 100,000 agents, as in queries.mts.
if (part('scoped')) {
  await app.env.db.transaction(async (trx) => {
    await trx.raw(`UPDATE agents SET cs_user_id = CASE WHEN rowid % 50 = 0 THEN 'bench-cs' ELSE NULL END`);
    await trx('rollup_changes').insert({ agent_id: '*' }); // every agent's assignment may have changed
  });
  const scoped = { ...caller, scope: { csUserId: 'bench-cs' } };
  const t1 = performance.now();
  await call('reports.ranking', { ...period(30), compare: true }, scoped);
  print({ bench: 'analytics.reload', reason: 'every agent reassigned', callMs: Math.round(performance.now() - t1), loadMs: app.env.analytics.model.stats.loadMs, after: memory() });
  await rankings('.scoped', scoped);
  print({ bench: 'analytics.dashboard.scoped', days: 30, cached: await timeIt(RUNS, () => call('analytics.dashboard', period(30), scoped)) });
}
await app.close();
