// Kept free of 'electron' imports so unit tests can read the exact options the window is created with.
import path from 'node:path';
import { APP_ENTRY_URL } from './appProtocol';

/**
 * webPreferences of every BrowserWindow: the renderer gets no Node, no Electron, only the preload's bridge.
 * DevTools only in an unpackaged (development) run.
 */
export function secureWebPreferences(preloadPath: string, packaged: boolean) {
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
    devTools: !packaged,
  } as const;
}

/**
 * The window and taskbar icon (Windows, Linux; macOS takes the bundle's .icns): packaged, electron-builder's
 * extraResources puts resources/icon.png beside app.asar; unpackaged, it is the repository's resources/ folder.
 */
export const appIconPath = (mainDir: string, packaged: boolean, resourcesPath: string) =>
  packaged ? path.join(resourcesPath, 'icon.png') : path.join(mainDir, '../../resources/icon.png');

export function windowOptions(mainDir: string, packaged: boolean, resourcesPath: string) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '一件代发供货台 Dropship Console',
    autoHideMenuBar: true,
    icon: appIconPath(mainDir, packaged, resourcesPath),
    webPreferences: secureWebPreferences(path.join(mainDir, '../preload/index.cjs'), packaged),
  };
}

/** The folder app:// serves: the built renderer next to the main bundle. */
export const rendererDir = (mainDir: string) => path.join(mainDir, '../renderer');

/** Where the renderer comes from: the dev server in `electron-vite dev`, else the bundle over app://. */
export const rendererUrl = (devUrl: string | undefined) => devUrl ?? APP_ENTRY_URL;

/**
 * The URL shell.openExternal may open, normalized, or null: https with a host and no credentials (no
 * http, file, javascript or custom schemes, which hand the URL to another program). The caller also needs
 * a user click (checked in the preload with the frame's transient user activation).
 */
export function vetExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return null;
    return u.href;
  } catch {
    return null;
  }
}
