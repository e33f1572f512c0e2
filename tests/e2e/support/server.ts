import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIRST_START_DEMO } from '../../../src-main/app/open';

const root = path.resolve(import.meta.dirname, '../../..');

export interface Credentials {
  login: string;
  password: string;
}
/** The demo accounts (README) and the owner the empty-start specs create. */
export const DEMO_ADMIN: Credentials = { login: 'admin', password: 'demo-1234' };
export const OWNER: Credentials = { login: 'owner', password: 'owner-pass-1' };

export interface WebServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** Who the specs sign in as: the demo admin, or the owner created right after an empty start. */
  credentials: Credentials;
  /** Calls the API as the renderer does (same envelope, signed in with `credentials`); throws on ok:false. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Sign the API session in again as `credentials` (a restore ends every session). */
  signIn(): Promise<void>;
  /** Test-only route: wipe the data, then load a small demo if asked. */
  reset(demo?: { agents: number; lines: number; seed: number }): Promise<void>;
  stop(): Promise<void>;
}

/** Resolve with the URL web mode prints at start (and everything printed until then). */
export function waitForWebMode(proc: ChildProcess, timeoutMs = 60_000): Promise<{ url: string; out: string }> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/web mode: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${out}`)));
  });
}

/**
 * The last day of the first-start demo is yesterday, so the data shifts with the calendar. E2E_DEMO_UNTIL=
 * YYYY-MM-DD reloads the same demo ending on that day instead: running the suite with several days shows
 * that no spec depends on the day it runs (the test route's reset keeps ending yesterday).
 */
const DEMO_UNTIL = process.env.E2E_DEMO_UNTIL;
/**
 * "Today" for a spec whose screens count periods back from today (last 30 days…): the day after the demo's
 * last day when E2E_DEMO_UNTIL moved it, else null (the first-start demo already ends yesterday).
 */
export const DEMO_TODAY: string | null = DEMO_UNTIL ? new Date(Date.parse(`${DEMO_UNTIL}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;

/**
 * Start the built app in web mode (`cli.js serve`) on a free port with its own temporary data directory,
 * exactly as `npm start` does without Electron. `empty`: skip the first-start demo. `owner`: a data directory
 * that already has data (a benchmark's): sign in as this owner, creating the account when there is none yet.
 */
export async function startWebServer(opts: { empty?: boolean; dataDir?: string; owner?: Credentials } = {}): Promise<WebServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-e2e-'));
  const args = [path.join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--test-routes'];
  if (opts.empty) args.push('--empty');
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const { url } = await waitForWebMode(proc);
  let cookie = '';
  const post = async (p: string, input: unknown) => {
    const r = await fetch(new URL(p, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dropship-Client': '1', Cookie: cookie },
      body: JSON.stringify(input ?? {}),
    });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const body = (await r.json()) as { ok: boolean; data: unknown; error: { code: string; message: string } };
    if (!body.ok) throw new Error(`${p}: ${body.error.code} ${body.error.message}`);
    return body.data as never;
  };
  const credentials = opts.owner ?? (opts.empty ? OWNER : DEMO_ADMIN);
  const signIn = async () => void (await post('/api/call/auth.signIn', credentials));
  if (opts.owner) {
    const { needsOwner } = await post('/api/call/auth.status', {});
    if (needsOwner) await post('/api/call/auth.setupOwner', { ...opts.owner, name: '店主' });
    else await signIn();
  } else if (opts.empty) await post('/api/call/auth.setupOwner', { ...OWNER, name: '店主' });
  else {
    await signIn();
    const { agents, lines, seed } = FIRST_START_DEMO;
    if (DEMO_UNTIL) await post('/api/call/system.loadDemo', { agents, orders: lines, seed, until: DEMO_UNTIL });
  }
  return {
    url,
    dataDir,
    proc,
    credentials,
    call: (method, input) => post(`/api/call/${method}`, input),
    signIn,
    reset: async (demo) => void (await post('/api/__test/reset', { demo })),
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
