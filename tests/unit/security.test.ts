import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl, vetExternalUrl, windowOptions } from '../../src-main/electron/windowOptions';
import { CSP } from '../../src-main/app/csp';

const root = path.resolve(import.meta.dirname, '../..');

describe('Electron window (options read from the code that creates it)', () => {
  const mainDir = path.join(root, 'out/main');
  const opts = windowOptions(mainDir);

  it('isolates the renderer: context isolation, sandbox, no Node, web security on', () => {
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

  it('main.ts builds its window from windowOptions and denies navigation, new windows and permissions', () => {
    const src = fs.readFileSync(path.join(root, 'src-main/electron/main.ts'), 'utf8');
    expect(src).toContain('new BrowserWindow(windowOptions(__dirname))');
    expect(src).toMatch(/will-navigate', \(e\) => e\.preventDefault\(\)/);
    expect(src).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(src).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)/);
    expect(src).toMatch(/isTrustedSenderUrl\(event\.senderFrame\?\.url \?\? '', __dirname, devUrl\)/);
    expect(src).toMatch(/if \(!fromAppFrame\(event\)\) return \{ ok: false/);
  });

  it('the preload exposes only invoke, onEvent and openExternal, never ipcRenderer itself', () => {
    const src = fs.readFileSync(path.join(root, 'src-main/preload/index.ts'), 'utf8');
    expect(src.match(/exposeInMainWorld\('dropship', \{[\s\S]*\}\);/)?.[0]).toMatch(/invoke:[\s\S]*onEvent:/);
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it('answers IPC only from the built renderer file or the dev server origin', () => {
    const index = 'file://' + path.join(root, 'out/renderer/index.html');
    expect(isTrustedSenderUrl(index, mainDir, undefined)).toBe(true);
    expect(isTrustedSenderUrl('file:///etc/passwd', mainDir, undefined)).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example/', mainDir, undefined)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/#/x', mainDir, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', mainDir, 'http://localhost:5173')).toBe(false);
  });

  it('opens only http(s) links with a host and no credentials externally', () => {
    expect(vetExternalUrl('https://m.kuaidi100.com/result.jsp?nu=SF123')).toBe('https://m.kuaidi100.com/result.jsp?nu=SF123');
    expect(vetExternalUrl('HTTP://Example.com')).toBe('http://example.com/');
    for (const bad of ['file:///c:/windows/system32/calc.exe', 'javascript:alert(1)', 'ms-settings:', 'https://user:pw@example.com/', 'smb://host/share', 'http://', 42, `https://x.com/${'a'.repeat(3000)}`])
      expect(vetExternalUrl(bad)).toBeNull();
  });

  it('lets the preload open links only after a user gesture, and the window open no new windows', () => {
    const preload = fs.readFileSync(path.join(root, 'src-main/preload/index.ts'), 'utf8');
    expect(preload).toMatch(/openExternal: \(url: string\) =>\s+navigator\.userActivation\?\.isActive \?/);
    const main = fs.readFileSync(path.join(root, 'src-main/electron/main.ts'), 'utf8');
    expect(main).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(main).toMatch(/fromAppFrame\(event\) \? vetExternalUrl\(url\) : null/);
  });
});

describe('Content-Security-Policy', () => {
  it('has no unsafe-eval and no inline scripts', () => {
    expect(CSP).not.toMatch(/unsafe-eval/);
    expect(CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CSP).toMatch(/object-src 'none'/);
  });

  it('index.html carries the same policy in its meta tag (for file:// loads in Electron)', () => {
    const html = fs.readFileSync(path.join(root, 'src-renderer/index.html'), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    // frame-ancestors is ignored in a meta tag; the header (web mode) carries it.
    expect(meta?.replace(/;\s*frame-ancestors 'none'/, '')).toBe(CSP.replace(/;\s*frame-ancestors 'none'/, ''));
  });
});
