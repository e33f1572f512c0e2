// Ranking export vs exceljs's bare streaming writer writing the same rows: time ratio and memory.
// Memory is sampled during each run; "flat" means peak heap+external does not grow with the row count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openApp } from '../src-main/app/open';
import { exportRanking } from '../src-main/domain/reports/exportRanking';
import { addDays } from '../src-main/contract/days';
import { ALL_AGENTS } from '../src-main/domain/common/scope';
import { measured, print } from './stats.mts';

const [dir] = process.argv.slice(2);
const app = await openApp({ dataDir: dir, demoOnEmpty: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-bench-'));
const until = '2026-11-25';
// The read model's load is measured in analytics.mts; here only the export.
await app.env.analytics.model.current();

/** The same rows through exceljs's streaming writer with no styling, widths or text checks. */
async function bareWriter(rows: unknown[][], file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('bare');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

for (const days of [90, 800]) {
  const p = { from: addDays(until, -days), to: until, metric: 'amount' as const, filters: {}, compare: false };
  const ours = await measured(() => exportRanking(app.env.analytics, p, path.join(tmp, `ours-${days}.xlsx`), { masked: false, scope: ALL_AGENTS }));
  // Rows as the export writes them (yuan), fetched outside the timed part so only the writer is timed.
  const rows: unknown[][] = [];
  for await (const b of app.env.analytics.rankingBatches(p, ALL_AGENTS))
    for (const r of b.rows) {
      const v = r.values;
      rows.push([r.rank, r.agentCode, r.agentName, r.levelName, v.orders, v.amount / 100, v.units, v.aov === null ? null : v.aov / 100, v.refund / 100, v.shippingFee / 100]);
    }
  const t = performance.now();
  for await (const _b of app.env.analytics.rankingBatches(p, ALL_AGENTS));
  const querySeconds = (performance.now() - t) / 1000;
  const bare = await measured(() => bareWriter(rows, path.join(tmp, `bare-${days}.xlsx`)));
  print({
    bench: 'export.ranking',
    days,
    rows: ours.r.rows,
    seconds: ours.seconds,
    querySeconds: Number(querySeconds.toFixed(2)),
    bareWriterSeconds: bare.seconds,
    ratioToBareWriter: Number((ours.seconds / bare.seconds).toFixed(2)),
    ratioWriterOnly: Number(((ours.seconds - querySeconds) / bare.seconds).toFixed(2)),
    peakExtraMb: ours.peakExtraMb,
    bytes: ours.r.bytes,
  });
}
fs.rmSync(tmp, { recursive: true, force: true });
await app.close();
