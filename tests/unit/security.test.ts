import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, isAppUrl, resolveBundleFile } from '../../src-main/electron/appProtocol';
import { appMenuTemplate, denyAllPermissions, guardWebContents } from '../../src-main/electron/hardening';
import { rendererDir, rendererUrl, vetExternalUrl, windowOptions } from '../../src-main/electron/windowOptions';
import { CSP } from '../../src-main/app/csp';

const root = path.resolve(import.meta.dirname, '../..');
const mainSrc = () => fs.readFileSync(path.join(root, 'src-main/electron/main.ts'), 'utf8');
const DEV = 'http://localhost:5173';

describe('Electron window (options read from the code that creates it)', () => {
  const mainDir = path.join(root, 'out/main');

  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
    const opts = windowOptions(mainDir, true, '/app/resources');
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(opts.webPreferences.preload).toBe(path.join(root, 'out/preload/index.cjs'));
  });

  it('has DevTools only when not packaged, and main.ts passes app.isPackaged', () => {
    expect(windowOptions(mainDir, true, '/app/resources').webPreferences.devTools).toBe(false);
    expect(windowOptions(mainDir, false, '/app/resources').webPreferences.devTools).toBe(true);
    expect(mainSrc()).toContain('new BrowserWindow(windowOptions(__dirname, app.isPackaged, process.resourcesPath))');
  });

  it('packaged builds have no menu item or role that reloads or opens DevTools (macOS keeps Edit for copy/paste)', () => {
    const roles = (items: MenuItemConstructorOptions[] | null | undefined): string[] =>
      (items ?? []).flatMap((i) => [String(i.role ?? ''), ...roles(Array.isArray(i.submenu) ? i.submenu : [])]);
    const forbidden = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'defaultMenu'];
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const template = appMenuTemplate(true, platform);
      expect(template).not.toBeUndefined(); // undefined would keep Electron's default menu, which has them all
      for (const r of roles(template)) expect(forbidden).not.toContain(r);
    }
    expect(appMenuTemplate(true, 'win32')).toBeNull();
    expect(roles(appMenuTemplate(true, 'darwin'))).toContain('editMenu');
    expect(appMenuTemplate(false, 'win32')).toBeUndefined(); // development keeps the default menu and DevTools
    expect(mainSrc()).toMatch(/appMenuTemplate\(app\.isPackaged, process\.platform\)[\s\S]*Menu\.setApplicationMenu\(/);
  });

  it('the preload exposes only invoke, onEvent and openExternal, never ipcRenderer itself', () => {
    const src = fs.readFileSync(path.join(root, 'src-main/preload/index.ts'), 'utf8');
    expect(src.match(/exposeInMainWorld\('dropship', \{[\s\S]*\}\);/)?.[0]).toMatch(/invoke:[\s\S]*onEvent:/);
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it("answers IPC only from the app's top frame: app://bundle, or the dev server origin in dev", () => {
    const src = mainSrc();
    expect(src).toMatch(/!event\.senderFrame\?\.parent && isAppUrl\(event\.senderFrame\?\.url \?\? '', devUrl\)/);
    expect(src).toMatch(/if \(!fromAppFrame\(event\)\) return \{ ok: false/);
    expect(isAppUrl('app://bundle/index.html#/orders', undefined)).toBe(true);
    for (const bad of ['file://' + path.join(root, 'out/renderer/index.html'), 'file:///etc/passwd', 'https://evil.example/', 'app://evil/index.html', 'app://bundle:81/', 'app://x@bundle/', 'appx://bundle/', 'not a url', ''])
      expect(isAppUrl(bad, undefined), bad).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('app://bundle/index.html', DEV)).toBe(false); // dev loads only the dev server
  });

  it('opens only https links with a host and no credentials externally', () => {
    expect(vetExternalUrl('https://m.kuaidi100.com/result.jsp?nu=SF123')).toBe('https://m.kuaidi100.com/result.jsp?nu=SF123');
    expect(vetExternalUrl('HTTPS://Example.com')).toBe('https://example.com/');
    const refused = [
      'http://example.com/', // cleartext: anyone on the network could change the page
      'HTTP://Example.com',
      'file:///c:/windows/system32/calc.exe',
      'file://host/share/x.exe',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ms-settings:',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'vscode://file/etc/passwd',
      'smb://host/share',
      'app://bundle/index.html',
      'https://user:pw@example.com/',
      'https://user@example.com/',
      'https://:pw@example.com/',
      'https://',
      '//example.com/',
      '/relative',
      ' ',
      42,
      null,
      undefined,
      { href: 'https://example.com/' },
      `https://x.com/${'a'.repeat(3000)}`,
    ];
    for (const bad of refused) expect(vetExternalUrl(bad), String(bad)).toBeNull();
  });

  it('lets the preload open links only after a user gesture; main.ts opens only vetted URLs from the app frame', () => {
    const preload = fs.readFileSync(path.join(root, 'src-main/preload/index.ts'), 'utf8');
    expect(preload).toMatch(/openExternal: \(url: string\) =>\s+navigator\.userActivation\?\.isActive \?/);
    const src = mainSrc();
    expect(src).toMatch(/fromAppFrame\(event\) \? vetExternalUrl\(url\) : null/);
    expect(src.match(/shell\.openExternal\(([^)]*)\)/g)).toEqual(['shell.openExternal(href)']);
  });
});

describe('Electron session and web contents hardening (the functions main.ts applies)', () => {
  it('main.ts applies them to the default session and to every web contents', () => {
    const src = mainSrc();
    expect(src).toContain('denyAllPermissions(session.defaultSession)');
    expect(src).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => guardWebContents\(contents, devUrl\)\)/);
  });

  it('denies every permission request, permission check and device permission', () => {
    const handlers: Record<string, (...a: never[]) => unknown> = {};
    const record = (name: string) => (fn: (...a: never[]) => unknown) => void (handlers[name] = fn);
    const ses = { setPermissionRequestHandler: record('request'), setPermissionCheckHandler: record('check'), setDevicePermissionHandler: record('device') };
    denyAllPermissions(ses as unknown as Parameters<typeof denyAllPermissions>[0]);
    expect(Object.keys(handlers).sort()).toEqual(['check', 'device', 'request']);
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb']) {
      let granted: boolean | undefined;
      (handlers.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, perm, (ok) => (granted = ok));
      expect(granted, perm).toBe(false);
      expect((handlers.check as (wc: unknown, p: string) => boolean)({}, perm), perm).toBe(false);
    }
    expect((handlers.device as (d: unknown) => boolean)({ deviceType: 'usb', origin: APP_ENTRY_URL })).toBe(false);
  });

  describe('navigation: the page, a frame or a redirect may lead only to the app', () => {
    const guarded = (devUrl: string | undefined) => {
      const listeners = new Map<string, (e: { url?: string; preventDefault(): void }) => void>();
      let openHandler: (() => unknown) | undefined;
      const contents = {
        on: (name: string, fn: (e: { url?: string; preventDefault(): void }) => void) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
      };
      guardWebContents(contents as unknown as Parameters<typeof guardWebContents>[0], devUrl);
      const prevented = (event: string, url?: string) => {
        let stopped = false;
        listeners.get(event)!({ url, preventDefault: () => (stopped = true) });
        return stopped;
      };
      return { listeners, prevented, openHandler: () => openHandler?.() };
    };

    it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s allows app://bundle only, and the dev server in dev', (event) => {
      const g = guarded(undefined);
      expect(g.prevented(event, 'app://bundle/index.html#/orders')).toBe(false);
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/', 'http://localhost:5173/', 'javascript:alert(1)'])
        expect(g.prevented(event, url), url).toBe(true);
      const dev = guarded(DEV);
      expect(dev.prevented(event, `${DEV}/#/orders`)).toBe(false);
      expect(dev.prevented(event, 'https://evil.example/')).toBe(true);
    });

    it('refuses webviews and new windows', () => {
      const g = guarded(undefined);
      expect(g.prevented('will-attach-webview')).toBe(true);
      expect(g.openHandler()).toEqual({ action: 'deny' });
    });
  });
});

describe('app:// protocol (the renderer bundle instead of file://)', () => {
  const rendererRoot = path.join(root, 'out/renderer');
  const inside = (file: string | null, p: path.PlatformPath = path, dir = rendererRoot) => {
    if (file === null) return true; // refused
    const rel = p.relative(p.resolve(dir), file);
    return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
  };

  it('is registered before ready as a privileged standard, secure, fetch-capable scheme and served from out/renderer', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    const src = mainSrc();
    const registered = src.indexOf('protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])');
    expect(registered).toBeGreaterThan(-1);
    expect(registered).toBeLessThan(src.indexOf('await app.whenReady()'));
    expect(src).toMatch(/protocol\.handle\(APP_SCHEME, async \(request\) => \{\s+const file = resolveBundleFile\(request\.url, root\);\s+if \(!file\) return new Response\('Not found', \{ status: 404 \}\);/);
    expect(src).toContain('const root = rendererDir(__dirname);');
    expect(rendererDir(path.join(root, 'out/main'))).toBe(rendererRoot);
    expect(src).toContain('await win.loadURL(rendererUrl(devUrl));');
    expect(src).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('loads the renderer from app://bundle/index.html, or the dev server in dev', () => {
    expect(rendererUrl(undefined)).toBe('app://bundle/index.html');
    expect(APP_ENTRY_URL).toBe('app://bundle/index.html');
    expect(isAppUrl(rendererUrl(undefined), undefined)).toBe(true);
    expect(rendererUrl(DEV)).toBe(DEV);
  });

  it('resolves bundle files inside out/renderer', () => {
    expect(resolveBundleFile('app://bundle/index.html', rendererRoot)).toBe(path.join(rendererRoot, 'index.html'));
    expect(resolveBundleFile('app://bundle/', rendererRoot)).toBe(path.join(rendererRoot, 'index.html'));
    expect(resolveBundleFile('app://bundle/assets/index-1.js?v=2#x', rendererRoot)).toBe(path.join(rendererRoot, 'assets/index-1.js'));
    expect(resolveBundleFile('app://bundle/assets/%E5%9B%BE.png', rendererRoot)).toBe(path.join(rendererRoot, 'assets/图.png'));
  });

  it('refuses path traversal: .., encoded dots and slashes, backslashes, absolute paths, NUL, other hosts', () => {
    // The URL parser already removes these dot segments (Chromium does the same before the handler runs).
    const normalized = ['app://bundle/../../../etc/passwd', 'app://bundle/assets/../../main/index.js', 'app://bundle/%2e%2e/%2e%2e/etc/passwd', 'app://bundle/.', 'app://bundle/%2e'];
    // What survives parsing is refused outright.
    const refused = [
      'app://bundle/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      'app://bundle/..%2f..%2fetc%2fpasswd',
      'app://bundle/..%5c..%5cmain%5cindex.js',
      'app://bundle/assets\\..\\..\\main\\index.js',
      'app://bundle/%2fetc%2fpasswd',
      'app://bundle//etc/passwd',
      'app://bundle/C:/Windows/win.ini',
      'app://bundle/C%3A%5CWindows%5Cwin.ini',
      'app://bundle/index.html%00.png',
      'app://bundle/%zz',
    ];
    for (const url of [...normalized, ...refused]) {
      expect(inside(resolveBundleFile(url, rendererRoot)), url).toBe(true);
      expect(inside(resolveBundleFile(url, 'C:\\app\\out\\renderer', path.win32), path.win32, 'C:\\app\\out\\renderer'), `${url} (Windows)`).toBe(true);
    }
    for (const url of refused) {
      expect(resolveBundleFile(url, rendererRoot), url).toBeNull();
      expect(resolveBundleFile(url, 'C:\\app\\out\\renderer', path.win32), `${url} (Windows)`).toBeNull();
    }
    for (const url of ['app://evil/index.html', 'app://bundle:80/index.html', 'app://x@bundle/index.html', 'file:///etc/passwd', 'https://bundle/index.html', 'nonsense'])
      expect(resolveBundleFile(url, rendererRoot), url).toBeNull();
  });
});

type BuilderConfig = { electronFuses?: Record<string, boolean> };
const builderConfig = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = createRequire(import.meta.url)('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder: fuses of the packaged binary', () => {
  it('are read and accepted by electron-builder itself, and lock the binary down', async () => {
    const config = await builderConfig.getConfig(root, null, null);
    await builderConfig.validateConfiguration(config, new DebugLogger(false)); // a misspelt fuse fails here
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  }, 30_000);
});

describe('Content-Security-Policy', () => {
  it('has no unsafe-eval and no inline scripts', () => {
    expect(CSP).not.toMatch(/unsafe-eval/);
    expect(CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CSP).toMatch(/object-src 'none'/);
  });

  it('index.html carries the same policy in its meta tag (the fallback where no header is set)', () => {
    const html = fs.readFileSync(path.join(root, 'src-renderer/index.html'), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    // frame-ancestors is ignored in a meta tag; the header (web mode) carries it.
    expect(meta?.replace(/;\s*frame-ancestors 'none'/, '')).toBe(CSP.replace(/;\s*frame-ancestors 'none'/, ''));
  });
});
