// The renderer is served from app://bundle/ instead of file://, so that the CSP's 'self', the navigation
// guards and the IPC sender check mean the built renderer and not the whole file system.
// Kept free of 'electron' imports so unit tests can exercise the exact resolver main.ts registers.
import path from 'node:path';

export const APP_SCHEME = 'app';
const APP_HOST = 'bundle';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged: a standard secure origin (like https) that fetch may load. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Exactly the app's origin: app://bundle with no credentials and no port (Node gives non-special schemes no .origin). */
function isBundleUrl(u: URL): boolean {
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
}

/**
 * Whether a URL belongs to the app: the bundle, or in `electron-vite dev` the dev server's origin. Used for
 * the navigation guards and for answering IPC.
 */
export function isAppUrl(url: string, devUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    return devUrl ? u.origin === new URL(devUrl).origin : isBundleUrl(u);
  } catch {
    return false;
  }
}

/**
 * The file under `rootDir` (out/renderer) that an app:// request names, or null. Every segment is checked
 * after percent-decoding, so `..`, `%2e%2e`, `%2f`, backslashes, drive letters and NUL never reach the file
 * system; the result is checked once more to lie inside `rootDir`. `p` is there to test Windows paths.
 */
export function resolveBundleFile(requestUrl: string, rootDir: string, p: path.PlatformPath = path): string | null {
  let rel: string;
  try {
    const u = new URL(requestUrl);
    if (!isBundleUrl(u)) return null;
    rel = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'index.html';
  } catch {
    return null; // not a URL, or a malformed %-escape
  }
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\\:\0]/.test(s))) return null;
  const root = p.resolve(rootDir);
  const file = p.resolve(root, ...segments);
  const inside = p.relative(root, file);
  return inside && !inside.startsWith('..') && !p.isAbsolute(inside) ? file : null;
}
