// The Electron shell: lifecycle, one hardened window, IPC bridged to the shared router.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP } from '../app/csp';
import { nativeModuleProblem } from '../app/nativeCheck';
import { openApp } from '../app/open';
import { deliverTo } from '../app/eventsForSession';
import { EventBus } from '../app/events';
import { callerFromSession, takeSession, type SessionChange } from '../app/session';
import type { Platform } from '../app/platform';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl, resolveBundleFile } from './appProtocol';
import { appMenuTemplate, denyAllPermissions, guardWebContents } from './hardening';
import { rendererDir, rendererUrl, vetExternalUrl, windowOptions } from './windowOptions';

const devUrl = process.env.ELECTRON_RENDERER_URL;
const IPC_INVOKE = 'dropship:invoke';
const IPC_EVENT = 'dropship:event';
const IPC_OPEN_EXTERNAL = 'dropship:open-external';

// Must happen before 'ready': app:// becomes a secure standard origin for the renderer.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** IPC is answered only for the app's own top frame. */
const fromAppFrame = (event: Electron.IpcMainInvokeEvent) =>
  !event.senderFrame?.parent && isAppUrl(event.senderFrame?.url ?? '', devUrl);

const electronPlatform: Platform = {
  async saveFileAs(source, suggestedName) {
    const win = BrowserWindow.getFocusedWindow();
    const opts = { defaultPath: suggestedName, filters: [{ name: 'Excel', extensions: ['xlsx'] }] };
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    if (r.canceled || !r.filePath) return null;
    await fs.promises.copyFile(source, r.filePath);
    return r.filePath;
  },
};

/**
 * The window's session token lives in the main process. "Stay signed in on this PC" keeps it on disk,
 * encrypted with the OS keychain (safeStorage); without a keychain it is kept for this run only.
 */
function keptSession(dataDir: string) {
  const file = path.join(dataDir, 'session.bin');
  return {
    load(): string | undefined {
      try {
        return safeStorage.isEncryptionAvailable() && fs.existsSync(file) ? safeStorage.decryptString(fs.readFileSync(file)) : undefined;
      } catch {
        return undefined;
      }
    },
    apply(change: NonNullable<SessionChange>): string | undefined {
      fs.rmSync(file, { force: true });
      if ('clear' in change) return undefined;
      if (change.set.persistent && safeStorage.isEncryptionAvailable()) fs.writeFileSync(file, safeStorage.encryptString(change.set.token), { mode: 0o600 });
      return change.set.token;
    },
  };
}

/** app://bundle/… serves files from out/renderer only, with the CSP header. */
function serveBundle() {
  const root = rendererDir(__dirname);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveBundleFile(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    const r = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(r.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(r.body, { status: r.status, headers });
  });
}

function harden() {
  denyAllPermissions(session.defaultSession);
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  // Packaged: no menu item or shortcut that reloads the page or opens DevTools.
  const menu = appMenuTemplate(app.isPackaged, process.platform);
  if (menu !== undefined) Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu));
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, devUrl));
}

async function start() {
  await app.whenReady();
  const native = nativeModuleProblem('electron');
  if (native) throw new Error(native); // shown in an error box below
  harden();
  serveBundle();
  const dataDir = process.env.DROPSHIP_DATA_DIR ?? app.getPath('userData');
  const core = await openApp({ dataDir, platform: electronPlatform });
  const sessionStore = keptSession(dataDir);
  let token = sessionStore.load();

  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, input: unknown) => {
    if (!fromAppFrame(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from an unknown frame refused' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'method must be a string' } };
    const caller = await callerFromSession(core.env, 'electron', token, method);
    const { reply, change } = takeSession(method, input, await core.router.call(method, input, caller));
    if (change) token = sessionStore.apply(change);
    return reply;
  });

  ipcMain.handle(IPC_OPEN_EXTERNAL, async (event, url: unknown) => {
    const href = fromAppFrame(event) ? vetExternalUrl(url) : null;
    if (href) await shell.openExternal(href);
    return href !== null;
  });

  const win = new BrowserWindow(windowOptions(__dirname, app.isPackaged, process.resourcesPath));
  // Only the events of jobs this window's session started (none once it signed out).
  // Read `token` when each event comes: it changes with sign-in and sign-out; a scoped clerk's data.changed keeps only their agents.
  core.env.events.on((e, to) => {
    if (win.isDestroyed() || !EventBus.isFor(to, token)) return;
    deliverTo(core.env, token, (x) => !win.isDestroyed() && win.webContents.send(IPC_EVENT, x))(e);
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(rendererUrl(devUrl));

  app.on('window-all-closed', () => {
    void core.close().finally(() => app.quit());
  });
}

start().catch((e) => {
  dialog.showErrorBox('Dropship Console', e instanceof Error ? e.message : String(e));
  console.error(e);
  app.exit(1);
});
