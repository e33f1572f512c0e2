// Ranking export of every ranked agent vs exceljs's bare streaming writer writing the same cells: time ratio and
// memory. Memory is sampled during each run; "flat" means peak heap+external does not grow with the row count.
// The dataset is opened read-only (no migrations, no rollup rebuild, nothing written): it is shared, and this
// branch's migrations must not land in it. Its rollups must be current (see ROLLUPS_VERSION).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import knexFactory from 'knex';
import { DEFAULT_RANKING_COLUMNS } from '../src-main/contract/rankingReport';
import { addDays } from '../src-main/contract/days';
import { DB_FILE } from '../src-main/db/open';
import { Analytics } from '../src-main/domain/analytics/service';
import { exportRanking } from '../src-main/domain/reports/exportRanking';
import { rankingSheetColumns } from '../src-main/domain/reports/rankingSheet';
import { ALL_AGENTS } from '../src-main/domain/common/scope';
import { getSetting } from '../src-main/domain/system/settings';
import { ROLLUPS_VERSION } from '../src-main/domain/ledger/rebuild';
import { measured, print } from './stats.mts';

const [dir] = process.argv.slice(2);
const db = knexFactory({
  client: 'better-sqlite3',
  connection: { filename: path.join(dir, DB_FILE), options: { readonly: true } },
  useNullAsDefault: true,
  pool: {
    min: 1,
    max: 1,
    afterCreate: (conn: { pragma(s: string): unknown }, done: (e: Error | null, c: unknown) => void) => {
      for (const p of ['busy_timeout = 5000', 'temp_store = MEMORY', 'cache_size = -65536']) conn.pragma(p);
      done(null, conn);
    },
  },
});
const version = await db('settings').where({ key: 'analytics.rollupsVersion' }).first('value');
if (Number(JSON.parse(version?.value ?? '0')) !== ROLLUPS_VERSION) {
  process.stderr.write(`the dataset's rollups are version ${version?.value ?? 'none'}, this code needs ${ROLLUPS_VERSION}: run analytics rebuild on a copy\n`);
  process.exit(1);
}
const analytics = new Analytics(db, await getSetting(db, 'timeZone'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-'));
const until = '2026-11-25';
// The read model's load is measured in analytics.mts; here only the export.
await analytics.model.current();

/** The same cells through exceljs's streaming writer with no styling, widths, data bars or text checks. */
async function bareWriter(rows: unknown[][], file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('bare');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Number(x.toFixed(2));

for (const days of (process.env.BENCH_DAYS ?? '90,800').split(',').map(Number)) {
  // The screen's default columns (11 chosen + rank, code, name), compared with the previous period as the screen is.
  const p = { from: addDays(until, -days), to: until, metric: 'amount' as const, filters: {}, compare: true, columns: DEFAULT_RANKING_COLUMNS };
  // Warm-up: the ranking is computed and kept, as after the screen showed it; each timed run then reads it again.
  await exportRanking(analytics, p, path.join(tmp, 'warm.xlsx'), { masked: false, scope: ALL_AGENTS });
  // The cells as the export writes them (yuan, words), made outside the timed part so only the writer is timed.
  const getters = rankingSheetColumns({ ...p, locale: 'zh-CN', masked: false, longest: { code: '', name: '' } }).map((c) => c.get);
  const rows: unknown[][] = [];
  const tq = performance.now();
  const { order, row } = await analytics.rankingCursor(p, ALL_AGENTS);
  for (let i = 0; i < order.length; i++) rows.push(getters.map((g) => g(row.at(order[i], i + 1))));
  const querySeconds = (performance.now() - tq) / 1000;
  const ours: number[] = [];
  const bare: number[] = [];
  const oursCpu: number[] = [];
  const bareCpu: number[] = [];
  const pairs: number[] = [];
  let last: Awaited<ReturnType<typeof measured<Awaited<ReturnType<typeof exportRanking>>>>> | undefined;
  let bareLast: Awaited<ReturnType<typeof measured<void>>> | undefined;
  // Interleaved, so load from other processes on the machine falls on both alike.
  for (let i = 0; i < RUNS; i++) {
    last = await measured(() => exportRanking(analytics, p, path.join(tmp, `ours-${days}.xlsx`), { masked: false, scope: ALL_AGENTS }));
    ours.push(last.seconds);
    oursCpu.push(last.cpuSeconds);
    bareLast = await measured(() => bareWriter(rows, path.join(tmp, `bare-${days}.xlsx`)));
    bare.push(bareLast.seconds);
    bareCpu.push(bareLast.cpuSeconds);
    pairs.push(round(last.seconds / bareLast.seconds));
  }
  print({
    bench: 'export.ranking',
    days,
    rows: last!.r.rows,
    columns: getters.length,
    runs: RUNS,
    seconds: round(median(ours)),
    /** Reading the kept ranking's rows (read model + display fields from SQL) and making the cells. */
    querySeconds: round(querySeconds),
    bareWriterSeconds: round(median(bare)),
    ratioToBareWriter: round(median(ours) / median(bare)),
    ratioWriterOnly: round((median(ours) - querySeconds) / median(bare)),
    /** Each run's ratio to the bare writer run right after it. */
    pairRatios: pairs,
    /** Process CPU time (user + system, every thread: zlib deflates off the main thread) per run, medians. */
    cpuSeconds: round(median(oursCpu)),
    bareWriterCpuSeconds: round(median(bareCpu)),
    cpuRatioToBareWriter: round(median(oursCpu) / median(bareCpu)),
    loadAverage: os.loadavg().map(round),
    peakExtraMb: last!.peakExtraMb,
    bareWriterPeakExtraMb: bareLast!.peakExtraMb,
    bytes: last!.r.bytes,
  });
}
fs.rmSync(tmp, { recursive: true, force: true });
await db.destroy();
