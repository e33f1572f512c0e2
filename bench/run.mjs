// `npm run bench`: one JSON object per benchmark on stdout. Scale with BENCH_AGENTS / BENCH_LINES
// (default 100,000 agents and 5,000,000 order lines); the dataset is kept in .data/bench-<agents>-<lines>
// and rebuilt only when missing (BENCH_REGENERATE=1 forces it; the generation figure comes from that run).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const agents = Number(process.env.BENCH_AGENTS ?? 100_000);
const lines = Number(process.env.BENCH_LINES ?? 5_000_000);
const dir = path.join(root, '.data', `bench-${agents}-${lines}`);

function tsx(script, args = []) {
  const r = spawnSync('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', path.join('bench', script), ...args], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--expose-gc'].filter(Boolean).join(' ') },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status})`);
  process.stdout.write(r.stdout);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const marker = path.join(dir, 'bench-ready.json');
if (process.env.BENCH_REGENERATE || !fs.existsSync(marker)) {
  fs.rmSync(dir, { recursive: true, force: true });
  const [gen] = tsx('generate.mts', [dir, String(agents), String(lines)]);
  fs.writeFileSync(marker, JSON.stringify(gen));
} else {
  process.stdout.write(fs.readFileSync(marker, 'utf8') + '\n');
}
tsx('queries.mts', [dir]);
// A list's first paint in Chromium (the built app in web mode, on a copy of the dataset in BENCH_TMP).
tsx('lists.mts', [dir]);
// The analytics read model: cold load, rankings with previous ranks beside the direct computation, dashboard, agent page.
tsx('analytics.mts', [dir]);
tsx('export.mts', [dir]);
// Statement of a staff member's agents and the product sales report.
tsx('reportExports.mts', [dir]);
// analytics rebuild on a copy of the dataset (BENCH_TMP: where the copy goes, default the OS temp folder).
tsx('rebuild.mts', [dir]);
// Product import of a generated workbook (its own temp databases; does not need the dataset above).
tsx('import.mts');
// Reading a receiver from a pasted message (no database).
tsx('paste.mts');
