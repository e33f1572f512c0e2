// Which browser the e2e suite drives: CHROMIUM_PATH, Chrome/Edge channels on Windows and macOS, command names
// on PATH; with none, one line saying what to install, and the e2e run stops with that line, no stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findBrowser } from '../../scripts/find-browser.mjs';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
beforeEach(() => void (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-browser-'))));

/** A real file at tmp/rel (executable unless asked otherwise); returns its path. */
function put(rel: string, mode = 0o755): string {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, mode);
  return file;
}

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH first, and says so when it points at nothing runnable', () => {
    const chrome = put('opt/chrome');
    put('bin/chromium');
    const env = { CHROMIUM_PATH: chrome, PATH: path.join(tmp, 'bin') };
    expect(findBrowser({ env, platform: 'linux' })).toEqual({ ok: true, launch: { executablePath: chrome }, describe: chrome });
    for (const bad of [path.join(tmp, 'missing'), put('opt/plain', 0o644), path.join(tmp, 'opt')]) {
      const r = findBrowser({ env: { ...env, CHROMIUM_PATH: bad }, platform: 'linux' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain(`CHROMIUM_PATH=${bad}`);
    }
  });

  it('finds the command names on PATH, chromium before chrome and edge, skipping files that cannot run', () => {
    put('a/google-chrome');
    put('a/chromium', 0o644); // not executable
    const chromiumBrowser = put('b/chromium-browser');
    const PATH = [path.join(tmp, 'a'), path.join(tmp, 'missing'), path.join(tmp, 'b')].join(':');
    expect(findBrowser({ env: { PATH }, platform: 'linux' })).toMatchObject({ ok: true, launch: { executablePath: chromiumBrowser } });
    fs.rmSync(chromiumBrowser);
    expect(findBrowser({ env: { PATH }, platform: 'linux' })).toMatchObject({ launch: { executablePath: path.join(tmp, 'a/google-chrome') } });
  });

  it("launches Chrome or Edge through playwright's channel where their installers put them (Windows, macOS)", () => {
    put('local/Microsoft/Edge/Application/msedge.exe');
    const win = { PROGRAMFILES: path.join(tmp, 'pf'), LOCALAPPDATA: path.join(tmp, 'local'), PATH: '' };
    expect(findBrowser({ env: win, platform: 'win32' })).toMatchObject({ ok: true, launch: { channel: 'msedge' } });
    put('pf/Google/Chrome/Application/chrome.exe');
    expect(findBrowser({ env: win, platform: 'win32' })).toMatchObject({ ok: true, launch: { channel: 'chrome' } });

    const mac = { HOME: tmp, PATH: '' };
    const chromium = put('Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(findBrowser({ env: mac, platform: 'darwin' })).toMatchObject({ ok: true, launch: { executablePath: chromium } });
    put('Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(findBrowser({ env: mac, platform: 'darwin' })).toMatchObject({ ok: true, launch: { channel: 'msedge' } });
  });

  it('with none, answers one line naming how to install one for the system, and CHROMIUM_PATH', () => {
    for (const [platform, install] of [
      ['linux', 'apt install chromium'],
      ['darwin', 'Google Chrome or Microsoft Edge'],
      ['win32', 'Google Chrome or Microsoft Edge'],
    ]) {
      const r = findBrowser({ env: { PATH: path.join(tmp, 'empty'), HOME: tmp }, platform });
      expect(r.ok, platform).toBe(false);
      const message = r.ok ? '' : r.message;
      expect(message).toContain(install);
      expect(message).toContain('CHROMIUM_PATH');
      expect(message).not.toContain('\n');
    }
  });
});

describe('the e2e run without a browser', () => {
  it('stops before any spec with that one line and no stack trace', () => {
    // A fresh Linux machine: nothing on PATH. (On a Mac or PC with Chrome installed, a CHROMIUM_PATH to nothing.)
    const env: Record<string, string> = { PATH: path.join(tmp, 'empty'), HOME: tmp, NO_COLOR: '1' };
    if (process.platform !== 'linux') env.CHROMIUM_PATH = path.join(tmp, 'missing');
    const expected = findBrowser({ env });
    expect(expected.ok).toBe(false);
    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run', '-c', 'vitest.e2e.config.mts'], { cwd: root, env, encoding: 'utf8', timeout: 50_000 });
    expect(r.status).toBe(1);
    const printed = (r.stdout + r.stderr).trim();
    expect(printed).toBe(expected.ok ? '' : expected.message);
    expect(printed).not.toMatch(/^\s+at /m);
  });
});
