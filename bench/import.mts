// Product import at scale: a generated workbook of N valid new products, read alone (readSheet) and imported
// end to end (acceptUpload + importProducts into an empty database), at 20,000 and 100,000 rows to show
// that memory stays flat as rows grow. Each measurement runs in its own process, so peak RSS is its own.
// `npx tsx --tsconfig tsconfig.node.json bench/import.mts` (or `npm run bench`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openApp } from '../src-main/app/open';
import { importProducts } from '../src-main/domain/catalog/importProducts';
import { listLevels } from '../src-main/domain/catalog/levels';
import { acceptUpload, importLimits } from '../src-main/excel/importLimits';
import { readSheet } from '../src-main/excel/sheetReader';
import { print } from './stats.mts';

const [phase, , file] = process.argv.slice(2); // phase, rows (for ps), workbook

/** A product workbook as Excel saves it (shared strings, a 说明 tab after it). */
async function generate(rows: number, to: string, levelNames: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: to, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('商品');
  ws.addRow(['SKU编码', '商品名称', '类目', '规格', '建议零售价（元）', '控价（元）', '成本价（元）', '重量（克）', '初始库存', '上架状态', '7天无理由退货', ...levelNames.map((n) => `代理价-${n}`)]).commit();
  for (let i = 0; i < rows; i++) {
    const retail = 50 + (i % 200);
    ws.addRow([`B-${String(i).padStart(6, '0')}`, `商品 ${i} 号`, ['食品', '美妆个护', '家居'][i % 3], '500g/袋', retail, retail - 5, 20.5, 300, i % 50, '上架', '是', ...levelNames.map((_n, k) => retail - 10 - k)]).commit();
  }
  ws.commit();
  wb.addWorksheet('说明').addRow(['说明', '这张表不导入']).commit();
  await wb.commit();
}

/**
 * Runs `fn`, sampling memory every 20 ms: seconds, peak RSS and peak heapUsed + external, garbage included
 * (Buffers are counted in external: adding arrayBuffers, as an earlier version did, counted them twice).
 * `gcSample` (called from the job's progress every ~10,000 rows) forces a full collection first (node
 * --expose-gc, which the driver passes), so `retainedHeapMb` is what the import really keeps at its largest;
 * the time spent collecting there is taken out of `seconds`.
 */
async function measured<T>(fn: (gcSample: () => void) => Promise<T>) {
  let peakRss = 0;
  let peakHeap = 0;
  let retained = 0;
  let gcMs = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  const gcSample = () => {
    if (!gc) return;
    sample();
    const t0 = performance.now();
    gc();
    const m = process.memoryUsage();
    retained = Math.max(retained, m.heapUsed + m.external);
    gcMs += performance.now() - t0;
  };
  const timer = setInterval(sample, 20);
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await fn(gcSample);
  const seconds = (performance.now() - t - gcMs) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  sample();
  const mb = (b: number) => Math.round(b / 1048576);
  // CPU seconds of the whole process (all its threads; the forced collections included): a shared machine's
  // load stretches the wall-clock seconds far more than it changes these.
  const cpuSeconds = Number(((cpu.user + cpu.system) / 1e6).toFixed(2));
  return { r, seconds: Number(seconds.toFixed(2)), cpuSeconds, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), retainedHeapMb: gc ? mb(retained) : null };
}

/** A job whose progress forces a post-GC sample every 10,000 rows (of either phase: reading or writing). */
const sampling = (gcSample: () => void) => {
  let next = 10_000;
  return {
    progress: (done: number) => {
      if (done >= next) {
        next = done + 10_000;
        gcSample();
      }
    },
  };
};

async function child() {
  if (phase === 'generate') {
    // `bench/import.mts generate <rows> <file>`: only the workbook, for profiling one phase by hand
    // (`node --cpu-prof --import tsx bench/import.mts import <rows> <file>`).
    const app = await openApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-levels-')), demoOnEmpty: false, log: () => undefined });
    const levelNames = (await listLevels(app.env.db)).map((l) => l.name);
    await app.close();
    return generate(Number(process.argv[3]), file, levelNames);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-import-'));
  const app = await openApp({ dataDir: dir, demoOnEmpty: false, log: () => undefined });
  try {
    const limits = await importLimits(app.env.db);
    const buf = fs.readFileSync(file);
    if (phase === 'reader') {
      const m = await measured(async (gcSample) => {
        let n = 0;
        for await (const _row of readSheet(buf, { limits, job: sampling(gcSample), inProcess: true })) n++;
        return n - 1;
      });
      print({ phase, rows: m.r, seconds: m.seconds, cpuSeconds: m.cpuSeconds, peakRssMb: m.peakRssMb, peakHeapMb: m.peakHeapMb, retainedHeapMb: m.retainedHeapMb });
    } else {
      const upload = { name: 'products.xlsx', dataBase64: buf.toString('base64') };
      const m = await measured(async (gcSample) =>
        importProducts(
          app.env.db,
          await acceptUpload(upload, limits),
          { limits, canCost: true, actor: { userId: null, userLogin: 'bench' }, exportsDir: app.env.exportsDir },
          sampling(gcSample),
        ),
      );
      print({ phase, rows: m.r.rows, created: m.r.created, seconds: m.seconds, cpuSeconds: m.cpuSeconds, peakRssMb: m.peakRssMb, peakHeapMb: m.peakHeapMb, retainedHeapMb: m.retainedHeapMb });
    }
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** How many times each phase runs (BENCH_IMPORT_RUNS, default 3): seconds are medians, memory the largest. */
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
interface Phase {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  retainedHeapMb: number | null;
  created?: number;
}
function summary(runs: Phase[]) {
  const s = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpuSeconds).sort((a, b) => a - b);
  const max = (k: 'peakRssMb' | 'peakHeapMb' | 'retainedHeapMb') => Math.max(...runs.map((r) => r[k] ?? 0));
  return { seconds: s[Math.floor(s.length / 2)], cpuSeconds: cpu[Math.floor(cpu.length / 2)], peakRssMb: max('peakRssMb'), peakHeapMb: max('peakHeapMb'), retainedHeapMb: max('retainedHeapMb'), created: runs[0].created };
}

async function driver() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-xlsx-'));
  const app = await openApp({ dataDir: path.join(tmp, 'levels'), demoOnEmpty: false, log: () => undefined });
  const levelNames = (await listLevels(app.env.db)).map((l) => l.name);
  await app.close();
  const run = (p: string, rows: number, f: string): Phase => {
    const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', import.meta.filename, p, String(rows), f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${p} ${rows} failed (${r.status})`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  try {
    for (const rows of [20_000, 100_000]) {
      const f = path.join(tmp, `products-${rows}.xlsx`);
      await generate(rows, f, levelNames);
      // The machine is shared: run each phase RUNS times, alternating, and compare medians (and show the spread).
      const readers: Phase[] = [];
      const fulls: Phase[] = [];
      for (let i = 0; i < RUNS; i++) {
        readers.push(run('reader', rows, f));
        fulls.push(run('import', rows, f));
      }
      const reader = summary(readers);
      const full = summary(fulls);
      const ratios = fulls.map((x, i) => x.seconds / readers[i].seconds).sort((a, b) => a - b);
      print({
        bench: 'import.products',
        rows,
        runs: RUNS,
        fileMb: Number((fs.statSync(f).size / 1048576).toFixed(1)),
        readerSeconds: reader.seconds,
        readerCpuSeconds: reader.cpuSeconds,
        readerPeakRssMb: reader.peakRssMb,
        readerPeakHeapMb: reader.peakHeapMb,
        readerRetainedHeapMb: reader.retainedHeapMb,
        importSeconds: full.seconds,
        importCpuSeconds: full.cpuSeconds,
        importPeakRssMb: full.peakRssMb,
        importPeakHeapMb: full.peakHeapMb,
        importRetainedHeapMb: full.retainedHeapMb,
        ratioToReader: Number((full.seconds / reader.seconds).toFixed(2)),
        cpuRatioToReader: Number((full.cpuSeconds / reader.cpuSeconds).toFixed(2)),
        ratioRange: [Number(ratios[0].toFixed(2)), Number(ratios[ratios.length - 1].toFixed(2))],
        created: full.created,
      });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await (phase ? child() : driver());
