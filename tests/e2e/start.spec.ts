// `npm start` on a machine without Electron's binary: one clear line, then web mode with its URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForWebMode } from './support/server';

const root = path.resolve(import.meta.dirname, '../..');
const electronInstalled = (() => {
  try {
    const dir = path.join(root, 'node_modules/electron');
    return fs.existsSync(path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
})();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-start-'));
let proc: ReturnType<typeof spawn> | undefined;
afterAll(() => void proc?.kill('SIGTERM'));

describe.skipIf(electronInstalled)('npm start without the Electron binary', () => {
  it('says why in one line and serves the console in web mode', async () => {
    proc = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', dataDir], { cwd: root, env: { ...process.env, DROPSHIP_WEB: '' } });
    const { url, out } = await waitForWebMode(proc, 90_000);
    expect(out).toMatch(/^Electron's binary is not installed .*starting web mode instead/m);
    expect(out).toMatch(/首次启动：已载入演示数据/);
    const html = await (await fetch(url)).text();
    expect(html).toContain('<div id="app">');
    const headers = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };
    // The first start with demo data comes with the documented demo accounts.
    const signIn = await fetch(new URL('/api/call/auth.signIn', url), { method: 'POST', headers, body: JSON.stringify({ login: 'admin', password: 'demo-1234' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const info = await fetch(new URL('/api/call/system.info', url), { method: 'POST', headers: { ...headers, Cookie: cookie }, body: '{}' }).then(
      (r) => r.json() as Promise<{ data: { dataDir: string; counts: { agents: number } } }>,
    );
    expect(info.data.dataDir).toBe(dataDir);
    expect(info.data.counts.agents).toBeGreaterThan(0);
  });
});
