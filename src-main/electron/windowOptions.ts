// Kept free of 'electron' imports so unit tests can read the exact options the window is created with.
import path from 'node:path';

/** webPreferences of every BrowserWindow: the renderer gets no Node, no Electron, only the preload's bridge. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

export function windowOptions(mainDir: string) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '一件代发供货台 Dropship Console',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(path.join(mainDir, '../preload/index.cjs')),
  };
}

/** Where the renderer comes from: the dev server in `electron-vite dev`, else the built file. */
export function rendererLocation(mainDir: string, devUrl: string | undefined) {
  return devUrl ? { url: devUrl } : { file: path.join(mainDir, '../renderer/index.html') };
}

/** IPC is answered only for the app's own top frame: the built file or the dev server's origin. */
export function isTrustedSenderUrl(frameUrl: string, mainDir: string, devUrl: string | undefined): boolean {
  try {
    const u = new URL(frameUrl);
    if (devUrl) return u.origin === new URL(devUrl).origin;
    if (u.protocol !== 'file:') return false;
    const file = decodeURIComponent(u.pathname).replace(/^\/([A-Za-z]:)/, '$1');
    return path.resolve(file) === path.resolve(mainDir, '../renderer/index.html');
  } catch {
    return false;
  }
}

/**
 * The URL shell.openExternal may open, normalized, or null: http(s) with a host and no credentials. The
 * caller also needs a user click (checked in the preload with the frame's transient user activation).
 */
export function vetExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const u = new URL(url);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname || u.username || u.password) return null;
    return u.href;
  } catch {
    return null;
  }
}
