// A copy of the benchmark dataset that a benchmark may write to (sessions, audit, rollup rows, reassigned agents),
// so the dataset itself stays as generated. Made once in BENCH_TMP (default the OS temp folder) under `name` and
// reused while the dataset's bench-ready.json is unchanged; `prepare` runs once on each new copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function workingCopy(source: string, name: string, prepare: (dir: string) => void = () => undefined): string {
  const ready = fs.readFileSync(path.join(source, 'bench-ready.json'), 'utf8');
  const dir = path.join(process.env.BENCH_TMP ?? os.tmpdir(), `dropship-${name}-${path.basename(path.resolve(source))}`);
  const marker = path.join(dir, 'copied-from.json');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === ready) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(source)) if (f.startsWith('dropship.sqlite')) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  prepare(dir);
  fs.writeFileSync(marker, ready);
  return dir;
}
