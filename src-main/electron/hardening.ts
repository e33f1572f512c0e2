// What main.ts applies to the session and to every web contents, written against Electron's types only
// so that unit tests can call it with recording stand-ins and fire the events at it.
import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { isAppUrl } from './appProtocol';

type PermissionHandlers = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** No camera, microphone, notifications, geolocation, USB/HID/serial devices…: neither asked for nor merely checked. */
export function denyAllPermissions(ses: PermissionHandlers): void {
  ses.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * The page, any frame and any redirect may lead only to the app itself (app://bundle, or the dev server in
 * `electron-vite dev`); no webviews; no new windows, and no external opening from window.open or
 * target=_blank: links the user clicks go through the preload's openExternal, which requires a user gesture.
 */
export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, devUrl: string | undefined): void {
  const stayInApp = (e: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(e.url, devUrl)) e.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The application menu, by Menu.buildFromTemplate; null: no menu at all. Packaged builds get no View menu,
 * so no item or accelerator reloads the page or opens DevTools (webPreferences.devTools is off as well);
 * macOS keeps the app and Edit menus, without which copy and paste shortcuts do nothing there.
 * Unpackaged runs keep Electron's default menu (undefined).
 */
export function appMenuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null | undefined {
  if (!packaged) return undefined;
  return platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] : null;
}
