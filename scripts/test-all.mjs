// `npm test`: every suite (unit, then browser e2e), one closing line `tests: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBrowser } from './find-browser.mjs';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-test-'));
const suites = [
  { name: 'unit', args: ['vitest', 'run'] },
  { name: 'e2e', args: ['vitest', 'run', '-c', 'vitest.e2e.config.mts'], before: ['node', ['scripts/ensure-built.mjs']], needsBrowser: true },
];

let passed = 0;
let failed = 0;
for (const s of suites) {
  const browser = s.needsBrowser ? findBrowser() : { ok: true };
  if (!browser.ok) {
    // Not run, so counted as one failure: one line that says how to get a browser, no stack trace.
    console.log(`[${s.name}] not run: ${browser.message}`);
    failed += 1;
    continue;
  }
  if (s.before) spawnSync(s.before[0], s.before[1], { cwd: root, stdio: 'inherit' });
  const report = path.join(tmp, `${s.name}.json`);
  const r = spawnSync('npx', [...s.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
  });
  let p = 0;
  let f = 0;
  if (fs.existsSync(report)) {
    const j = JSON.parse(fs.readFileSync(report, 'utf8'));
    p = j.numPassedTests;
    f = j.numFailedTests;
    // A suite that crashed or whose files failed to load counts as a failure even with no failed test.
    if (r.status !== 0 && f === 0) f = 1;
  } else f = 1;
  console.log(`[${s.name}] ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
