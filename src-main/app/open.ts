import path from 'node:path';
import { PERMISSIONS, type Permission } from '@contract';
import { openDb } from '../db/open';
import { isEmpty } from '../domain/system/data';
import { ensureRollups } from '../domain/ledger/rebuild';
import { Analytics } from '../domain/analytics/service';
import { ensureDefaultLevels } from '../domain/catalog/levels';
import { ensureBuiltinRoles } from '../domain/accounts/roles';
import { ALL_AGENTS } from '../domain/common/scope';
import { getSetting } from '../domain/system/settings';
import { loadDemo } from '../domain/system/dataReset';
import { defaultDemoUntil } from '../db/demo/generate';
import { EventBus } from './events';
import { Jobs } from './jobs';
import { FileGrants } from './fileGrants';
import { nodePlatform, type Platform } from './platform';
import { createRouter, type Caller, type Router, type SignedInCaller } from './router';
import { handlers } from './handlers';
import type { Env } from './env';
import { ListTotals } from '../domain/common/listTotals';

declare const __APP_VERSION__: string | undefined;

export interface OpenOptions {
  dataDir: string;
  platform?: Platform;
  /** First start with an empty data directory loads a small demo dataset unless this is false. */
  demoOnEmpty?: boolean;
  log?: (e: unknown) => void;
  /** The clock writes use (default Date.now); tests fix it. */
  clock?: () => number;
}

export interface App {
  env: Env;
  router: Router;
  /** Set when this start filled an empty data directory with demo data. */
  loadedDemo: boolean;
  close(): Promise<void>;
}

/** The demo a first start loads: big enough to look real, quick enough not to keep anyone waiting. */
export const FIRST_START_DEMO = { agents: 1_000, lines: 30_000, seed: 1 };

/**
 * The operator of this PC on the command line (and in tests): every permission and, explicitly, every agent.
 * Whoever can run the CLI can read the database file anyway; the windows and web mode sign staff in instead.
 */
export const localCaller = (transport: Caller['transport']): SignedInCaller => ({
  transport,
  permissions: new Set<Permission>(PERMISSIONS),
  user: { id: 'local', login: 'local' },
  scope: ALL_AGENTS,
});

/** Composition root: data dir → database (migrated) → env → router. Shared by Electron, HTTP and CLI. */
export async function openApp(opts: OpenOptions): Promise<App> {
  const db = await openDb(opts.dataDir);
  await ensureRollups(db);
  const events = new EventBus();
  const timeZone = await getSetting(db, 'timeZone');
  const env: Env = {
    db,
    dataDir: opts.dataDir,
    exportsDir: path.join(opts.dataDir, 'exports'),
    files: new FileGrants(),
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
    timeZone,
    clock: opts.clock ?? Date.now,
    jobs: new Jobs(events.emit),
    events,
    platform: opts.platform ?? nodePlatform,
    // Loaded on first use, not here: opening stays quick and calls that need no analytics never wait for it.
    analytics: new Analytics(db, timeZone),
    listTotals: new ListTotals(),
  };
  events.on((e) => void (e.type === 'data.changed' && env.listTotals.changed(e.tables)));
  let loadedDemo = false;
  if (opts.demoOnEmpty !== false && (await isEmpty(db))) {
    await loadDemo(db, { ...FIRST_START_DEMO, until: defaultDemoUntil(env.timeZone), timeZone: env.timeZone });
    loadedDemo = true;
  } else await ensureDefaultLevels(db);
  // Here once rather than in roles.list, which is then a read like any other.
  await ensureBuiltinRoles(db);
  return { env, router: createRouter(handlers, env, opts.log), loadedDemo, close: () => db.destroy() };
}
