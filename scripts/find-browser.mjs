// Which installed Chromium-family browser the e2e specs and the list benchmark drive (never a downloaded one).
// Order: CHROMIUM_PATH; on Windows and macOS Chrome or Edge where they install themselves (launched through
// playwright's `channel`, which knows those places), a Chromium app on macOS; then, on every system, the
// usual command names on PATH. Nothing found: one line that says how to get one.
import fs from 'node:fs';
import path from 'node:path';

const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'chrome', 'msedge'];

const INSTALL_HINT = {
  linux: 'install one (Debian/Ubuntu: sudo apt install chromium fonts-noto-cjk)',
  darwin: 'install Google Chrome or Microsoft Edge (or: brew install --cask chromium)',
  win32: 'install Google Chrome or Microsoft Edge',
};

function isExecutable(file, platform) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chrome and Edge where their installers put them; playwright's channel finds them at the same places. */
function channelCandidates(env, platform) {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return [
      ...roots.map((r) => ({ channel: 'chrome', file: path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe') })),
      ...roots.map((r) => ({ channel: 'msedge', file: path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe') })),
    ];
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', env.HOME && path.join(env.HOME, 'Applications')].filter(Boolean);
    return [
      ...apps.map((a) => ({ channel: 'chrome', file: path.join(a, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome') })),
      ...apps.map((a) => ({ channel: 'msedge', file: path.join(a, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge') })),
      ...apps.map((a) => ({ file: path.join(a, 'Chromium.app', 'Contents', 'MacOS', 'Chromium') })),
    ];
  }
  return [];
}

function onPath(env, platform) {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const ext = platform === 'win32' ? '.exe' : '';
  for (const name of COMMANDS)
    for (const dir of dirs) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file, platform)) return file;
    }
  return null;
}

/**
 * `{ ok: true, launch, describe }`: spread `launch` into playwright's `chromium.launch` ({ executablePath } or
 * { channel }); or `{ ok: false, message }`, one line for the person running the tests.
 */
export function findBrowser({ env = process.env, platform = process.platform } = {}) {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (isExecutable(given, platform)) return { ok: true, launch: { executablePath: given }, describe: given };
    return { ok: false, message: `CHROMIUM_PATH=${given} is not an executable browser: point it at chromium, chrome or msedge, or unset it` };
  }
  for (const c of channelCandidates(env, platform))
    if (isExecutable(c.file, platform))
      return { ok: true, launch: c.channel ? { channel: c.channel } : { executablePath: c.file }, describe: c.file };
  const file = onPath(env, platform);
  if (file) return { ok: true, launch: { executablePath: file }, describe: file };
  const hint = INSTALL_HINT[platform] ?? INSTALL_HINT.linux;
  return { ok: false, message: `No Chromium, Chrome or Edge found for the browser tests: ${hint}, or set CHROMIUM_PATH to its executable.` };
}
