import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering rules of architecture.md, checked on the import statements of every source file.
const root = path.resolve(import.meta.dirname, '../../src-main');

function importsIn(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    const file = path.join(e.parentPath, e.name);
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g))
      out.push({ file: path.relative(root, file), spec: m[1] ?? m[2] ?? m[3] });
  }
  return out;
}

const offenders = (dirs: string[], bad: (spec: string, file: string) => boolean) =>
  dirs.flatMap(importsIn).filter(({ spec, file }) => bad(spec, file)).map(({ file, spec }) => `${file} → ${spec}`);

describe('layers', () => {
  it("only electron/ and preload/ import 'electron'", () => {
    expect(offenders(['contract', 'domain', 'db', 'excel', 'app', 'http', 'cli', 'sync-server'].filter((d) => fs.existsSync(path.join(root, d))), (s) => s === 'electron')).toEqual([]);
  });

  it('the contract imports nothing from Node or other layers (the renderer imports it too)', () => {
    const allowed = ['zod', 'dayjs', 'dayjs/plugin/utc'];
    expect(offenders(['contract'], (s) => !s.startsWith('./') && !allowed.includes(s))).toEqual([]);
  });

  it('domain, db and excel never reach up into app, http, cli or electron', () => {
    expect(offenders(['domain', 'db', 'excel'], (s) => /\/(app|http|cli|electron|preload)\//.test(s + '/'))).toEqual([]);
  });
});
