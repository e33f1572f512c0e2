// `npm start`: the desktop app when Electron's binary is installed, else web mode with a one-line reason.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Electron's binary without triggering its on-demand download (require('electron') would fetch it). */
function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const run = (cmd, args) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
};

await import('./ensure-built.mjs');
const bin = electronBinary();
const extra = process.argv.slice(2);
if (bin && !process.env.DROPSHIP_WEB) {
  run(bin, ['.', ...extra]);
} else {
  console.log(
    bin
      ? 'DROPSHIP_WEB is set: starting web mode.'
      : "Electron's binary is not installed (its download is blocked or skipped): starting web mode instead — open the URL below in a browser.",
  );
  run(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', ...extra]);
}
