// Electronegativity (Doyensec) on the build in out/: fails on HIGH or CRITICAL findings that are not
// justified in .ci/electronegativity-justified.json ({ "CHECK_ID file": "why it is fine" }).
// Its messages are looked up by locale and it aborts quietly without one it knows, hence LANG=en_US.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electron = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eneg-')), 'findings.csv');
// Installed apart in .ci/tools (see its package.json for why).
const bin = path.join(root, '.ci/tools/node_modules/@doyensec/electronegativity/dist/index.js');
const input = path.resolve(process.argv[2] ?? path.join(root, 'out'));
const r = spawnSync(process.execPath, [bin, '-i', input, '-r', '-v', 'false', '-e', electron, '-o', csv], {
  env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
  encoding: 'utf8',
  timeout: 300_000,
});
if (!fs.existsSync(csv)) {
  console.error(r.stdout, r.stderr);
  console.error('electronegativity: the scan produced no report');
  process.exit(1);
}

const justified = JSON.parse(fs.readFileSync(path.join(root, '.ci/electronegativity-justified.json'), 'utf8'));
// Rows: issue, severity, confidence, filename, location, … (quoted CSV; the first five fields have no commas).
const findings = fs
  .readFileSync(csv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').slice(0, 5).map((f) => f.replace(/^"|"$/g, '')))
  .map(([issue, severity, confidence, file, location]) => ({ issue, severity, confidence, file, location }));
for (const f of findings) console.log(`electronegativity: ${f.severity.padEnd(8)} ${f.issue} ${f.file}:${f.location}`);
const blocking = findings.filter((f) => ['HIGH', 'CRITICAL'].includes(f.severity) && !justified[`${f.issue} ${f.file}`]);
if (blocking.length) {
  console.error(`electronegativity: ${blocking.length} high finding(s) without a justification in .ci/electronegativity-justified.json`);
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), none high and unjustified`);
