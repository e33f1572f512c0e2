// A list's first paint in the browser: from the sidebar click to the first data row on screen, in Chromium
// against the built app in web mode on the benchmark dataset, for the admin and for a cs clerk limited to
// 2,000 assigned agents. Cold: the first visit after a page load, once the layout's idle warm-up (WarmUp.vue:
// lazy chunks, naive-ui widgets' styles) has finished, as when a person clicks a second or more after the app
// shows; BENCH_LIST_COLD=immediate clicks as soon as settings shows instead (chunk and styles then come after the
// click). Warm: the second visit, after going to settings and back. Beside it, the API time of the same list in
// the same visit (Resource Timing of its /api/call request) and when the page's last API reply came.
//
//   npx tsx --tsconfig tsconfig.node.json bench/lists.mts <dataset dir>   (after `npm run build`)
//
// The server writes (sessions, audit, the clerk's account): it runs on a copy of the dataset in BENCH_TMP
// (default the OS temp folder), made once and reused while the dataset is unchanged. BENCH_LIST_RUNS: visits
// per screen and kind (default 10); BENCH_LIST_SCREENS / BENCH_LIST_USERS (comma lists, e.g. orders / cs): only those.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright';
import { startWebServer, type Credentials, type WebServer } from '../tests/e2e/support/server';
import { openBrowser } from '../tests/e2e/support/browser';
import { print, quantile } from './stats.mts';
import { workingCopy } from './workingCopy.mts';

const [source] = process.argv.slice(2);
if (!source) throw new Error('usage: bench/lists.mts <dataset dir>');
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 10);
const only = (v: string | undefined) => (v ? new Set(v.split(',')) : null);
const ONLY_SCREENS = only(process.env.BENCH_LIST_SCREENS);
const ONLY_USERS = only(process.env.BENCH_LIST_USERS);
const COLD_IMMEDIATE = process.env.BENCH_LIST_COLD === 'immediate';
const ADMIN: Credentials = { login: 'bench-admin', password: 'bench-pass-1' };
const CLERK: Credentials = { login: 'bench-cs', password: 'bench-pass-1' };

/** The sidebar's list screens, what their first data row is, and the API call that fills it. */
const SCREENS = [
  // The dashboard's first figures (its top-agents list is below the fold).
  { nav: 'workbench', row: '[data-testid="dashboard"] [data-testid="agent-count-active"]', method: 'analytics.dashboard' },
  { nav: 'catalog', row: '[data-testid="products-table"] tbody tr.n-data-table-tr td[data-col-key="sku"]', method: 'products.list' },
  { nav: 'agents', row: '[data-testid="agents-table"] tbody tr.n-data-table-tr td[data-col-key="code"]', method: 'agents.list' },
  { nav: 'orders', row: '[data-testid="orders-table"] tbody tr.n-data-table-tr td[data-col-key="orderNo"]', method: 'orders.list' },
  { nav: 'reports', row: '[data-testid="ranking-table"] tbody tr.n-data-table-tr td[data-col-key="agentCode"]', method: 'reports.ranking' },
  { nav: 'audit', row: '[data-testid="audit-table"] tbody tr.n-data-table-tr td[data-col-key="at"]', method: 'audit.list' },
  { nav: 'users', row: '[data-testid="users-table"] tbody tr.n-data-table-tr td[data-col-key="login"]', method: 'users.list' },
] as const;
type Screen = (typeof SCREENS)[number];

/** The dataset's copy the server writes to, with the clerk's agents, as in queries.mts: every 50th (2,000 of 100,000), read before the server opens it. */
const workingDir = () =>
  workingCopy(source, 'lists', (dir) => {
    const db = new Database(path.join(dir, 'dropship.sqlite'), { readonly: true });
    fs.writeFileSync(path.join(dir, 'clerk-agents.json'), JSON.stringify(db.prepare('SELECT id FROM agents WHERE rowid % 50 = 0').pluck().all()));
    db.close();
  });

/** The clerk's account (cs role, assigned agents only) and assignment, once per copy. */
async function ensureClerk(server: WebServer) {
  const users = await server.call<{ login: string }[]>('users.list');
  if (users.some((u) => u.login === CLERK.login)) return;
  const clerk = await server.call<{ id: string }>('users.create', { ...CLERK, name: '基准客服', roles: ['cs'], agentScope: 'assigned' });
  const ids = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'clerk-agents.json'), 'utf8')) as string[];
  await server.call('agents.assign', { agentIds: ids, csUserId: clerk.id });
}

interface Visit {
  /** Click → the frame that shows the first data row has been painted. */
  ms: number;
  /** Duration of the list's own API request (request start → response end), null when it was not asked. */
  apiMs: number | null;
  /** Click → the last API response of the visit. */
  lastApiMs: number;
}

/**
 * In the page: `__benchArm(row)` resolves, after the next click, when `row` exists with a size in the viewport
 * and the frame showing it is painted, with the API requests seen meanwhile. Plain JS text: tsx would wrap
 * the named functions of a TypeScript one in a helper the page does not have.
 */
const ARM = `window.__benchArm = (row) => new Promise((resolve, reject) => {
  performance.clearResourceTimings();
  const timer = setTimeout(() => reject(new Error('no visible ' + row + ' within 120 s')), 120000);
  document.addEventListener('click', (e) => {
    const clickAt = e.timeStamp;
    const shown = () => {
      const el = document.querySelector(row);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top < innerHeight && (el.textContent || '').trim() !== '';
    };
    const frame = () => {
      if (!shown()) return void requestAnimationFrame(frame);
      // This frame paints the row; a message posted now is handled once the frame is rendered.
      const ch = new MessageChannel();
      window.__benchChannel = ch;
      ch.port1.onmessage = () => {
        clearTimeout(timer);
        const shownAt = performance.now();
        const calls = performance.getEntriesByType('resource')
          .filter((t) => t.name.includes('/api/call/'))
          .map((t) => ({ method: new URL(t.name).pathname.split('/').pop(), start: t.startTime - clickAt, end: t.responseEnd - clickAt }));
        resolve({ clickAt, shownAt, calls });
      };
      ch.port2.postMessage(null);
    };
    requestAnimationFrame(frame);
  }, { capture: true, once: true });
});`;
type Armed = { clickAt: number; shownAt: number; calls: { method: string; start: number; end: number }[] };

async function visit(page: Page, screen: Screen): Promise<Visit> {
  const result = page.evaluate((row) => (window as unknown as { __benchArm(row: string): Promise<Armed> }).__benchArm(row), screen.row);
  await page.getByTestId(`nav-${screen.nav}`).click();
  const r = await result;
  const own = r.calls.filter((c) => c.method === screen.method);
  debug(screen.nav, Math.round(r.shownAt - r.clickAt), r.calls.map((c) => `${c.method} ${Math.round(c.start)}–${Math.round(c.end)}`).join(', '));
  return {
    ms: r.shownAt - r.clickAt,
    apiMs: own.length ? Math.max(...own.map((c) => c.end - c.start)) : null,
    lastApiMs: Math.max(0, ...r.calls.map((c) => c.end)),
  };
}

/** Settings: the neutral screen visits start from (no list on it). */
async function atSettings(page: Page) {
  await page.getByTestId('nav-settings').click();
  await page.locator('.page-title').filter({ hasText: '设置' }).waitFor();
}

const debug = (...a: unknown[]) => process.env.BENCH_DEBUG && process.stderr.write(a.join(' ') + '\n');

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5, 1), p95: quantile(s, 0.95, 1) };
};

async function measure(server: WebServer, who: string, as: Credentials) {
  const session = await openBrowser();
  const { page } = session;
  await page.addInitScript({ content: ARM });
  try {
    await page.goto(`${server.url}#/settings`);
    await page.getByTestId('login-name').fill(as.login);
    await page.getByTestId('login-password').fill(as.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-settings').waitFor();
    debug(who, 'signed in');
    for (const screen of SCREENS) {
      if (ONLY_SCREENS && !ONLY_SCREENS.has(screen.nav)) continue;
      if (!(await page.getByTestId(`nav-${screen.nav}`).count())) continue; // not this user's screen
      const cold: Visit[] = [];
      const warm: Visit[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${server.url}#/settings`);
        await page.reload();
        await page.locator('.page-title').filter({ hasText: '设置' }).waitFor();
        if (!COLD_IMMEDIATE) await page.locator('html[data-warmed-up]').waitFor({ state: 'attached' });
        cold.push(await visit(page, screen));
        await atSettings(page);
        warm.push(await visit(page, screen));
        debug(who, screen.nav, i, JSON.stringify([cold.at(-1), warm.at(-1)]));
      }
      const sum = (vs: Visit[]) => ({
        ...stats(vs.map((v) => v.ms)),
        api: stats(vs.map((v) => v.apiMs ?? NaN).filter((x) => !Number.isNaN(x))),
        lastApi: stats(vs.map((v) => v.lastApiMs)),
      });
      print({ bench: 'list.firstPaint', user: who, screen: screen.nav, method: screen.method, runs: RUNS, coldClick: COLD_IMMEDIATE ? 'immediate' : 'afterWarmUp', cold: sum(cold), warm: sum(warm) });
    }
    if (session.errors.length) print({ bench: 'list.firstPaint', user: who, consoleErrors: session.errors.slice(0, 5) });
  } finally {
    await session.close();
  }
}

const server = await startWebServer({ dataDir: workingDir(), owner: ADMIN });
try {
  await ensureClerk(server);
  // The server's first analytics call loads its read model (analytics.mts measures that): done before the browser.
  const t = performance.now();
  await server.call('reports.ranking', { from: '2026-11-01', to: '2026-11-25' });
  print({ bench: 'list.firstPaint.serverWarmUp', ms: Math.round(performance.now() - t) });
  if (!ONLY_USERS || ONLY_USERS.has('admin')) await measure(server, 'admin', ADMIN);
  if (!ONLY_USERS || ONLY_USERS.has('cs')) await measure(server, 'cs', CLERK);
} finally {
  await server.stop();
}
