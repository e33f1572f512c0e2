// Build (electron-vite) when out/ is missing or older than any source file, so `npm run serve`,
// `npm run cli` and the e2e suite always run current code. --quiet: say nothing when up to date.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outputs = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => path.join(root, p));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(path.join(root, 'src-main')),
  newestMtime(path.join(root, 'src-renderer')),
  fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  fs.statSync(path.join(root, 'package.json')).mtimeMs,
  fs.statSync(path.join(root, 'resources', 'divisions.json')).mtimeMs,
);
const built = outputs.every((p) => fs.existsSync(p)) ? Math.min(...outputs.map((p) => fs.statSync(p).mtimeMs)) : 0;

if (built < sources) {
  process.stderr.write('Building (npm run build)…\n');
  execSync('npm run build --silent', { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
} else if (!process.argv.includes('--quiet')) {
  process.stderr.write('Build is up to date.\n');
}
