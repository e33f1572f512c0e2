// Vitest global setup (unit and e2e): every temporary file of a run — the tests' data directories, the web
// servers' and CLIs' they start, downloads — under one directory, removed when the run ends, so repeated runs do
// not fill the machine's /tmp (a full e2e run leaves ~2 GB otherwise). Set before the workers start, so they and
// every process they spawn inherit it (os.tmpdir() reads TMPDIR).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
