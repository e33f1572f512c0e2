// Demo data: replaces all business data with a deterministic, realistic history of a supplier and its agents.
import type { Database } from 'better-sqlite3';
import { BUSINESS_TABLES } from '../../domain/system/data';
import { seededIds } from '../../domain/common/ids';
import { addDays, isValidTimeZone, todayIn } from '@contract/days';
import { type Db, rawConnection } from '../open';
import { insertAgents, planAgents } from './agents';
import { Progress, type ProgressFn, dropObjects, inBulkTransaction } from './bulk';
import { historyCalendar } from './calendar';
import { insertCatalog, insertStock } from './catalog';
import { DERIVED_TABLES } from '../../domain/ledger/rebuild';
import { OrderGenerator, type OrderOutcome } from './orders';
import { People } from './people';
import { DemoRollups } from './rollups';
import { Random } from './random';

export interface DemoOptions {
  agents: number;
  /** Exact number of order lines. */
  lines: number;
  seed: number;
  /** Last local day of the history, YYYY-MM-DD. */
  until: string;
  timeZone: string;
  signal?: AbortSignal;
  /** Called synchronously from inside the load, at most about every 50,000 lines. */
  onProgress?: ProgressFn;
  /** Writes that commit with the load or not at all (its audit entry, the demo accounts), run last inside its transaction. */
  inSameTransaction?: (trx: Db) => Promise<void>;
  /** Facts per range of agents whose rollups are grouped at once (tests: several ranges in a small demo). */
  rollupPartitionFacts?: number;
}

export interface DemoResult {
  agents: number;
  products: number;
  orders: number;
  lines: number;
  ms: number;
}

export const HISTORY_DAYS = 400;

/** The default last day of the history: yesterday, so that no generated order lies in the future. */
export const defaultDemoUntil = (timeZone: string, now = Date.now()): string => addDays(todayIn(timeZone, now), -1);
export const DEMO_SETTING = 'demo.generated';

/** Tables loaded in bulk: their secondary indexes are dropped and built once after the load. */
const BULK_TABLES = ['orders', 'order_lines', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'agents', ...DERIVED_TABLES];

/** Independent random streams, so that a change in one part does not reshuffle the others. */
const STREAM = { ids: 0, catalog: 1, people: 2, agents: 3, orders: 4, agentRows: 5, stock: 6 };

/**
 * Same options, same rows (ids included). All in one transaction: an error or a cancellation (AbortError)
 * leaves the previous data as it was. The load yields to the event loop between days: progress goes out,
 * a cancel request comes in, and other calls wait for the connection until the load ends.
 */
export async function generateDemo(db: Db, opts: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  validate(opts);
  const progress = new Progress(opts.signal, opts.onProgress);
  progress.check();
  const counts = await rawConnection(db, (conn) =>
    inBulkTransaction(db, conn, async (trx) => {
      const loaded = await load(conn, opts, progress);
      await opts.inSameTransaction?.(trx);
      return loaded;
    }),
  );
  // In case the load went through the WAL after all, give its disk space back now.
  await rawConnection(db, (conn) => conn.pragma('wal_checkpoint(TRUNCATE)'));
  return { ...counts, ms: Math.round(performance.now() - started) };
}

function validate(o: DemoOptions): void {
  if (!Number.isInteger(o.agents) || o.agents < 1) throw new RangeError('agents must be a whole number ≥ 1');
  if (!Number.isInteger(o.lines) || o.lines < 0) throw new RangeError('lines must be a whole number ≥ 0');
  if (!Number.isInteger(o.seed)) throw new RangeError('seed must be a whole number');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.until) || Number.isNaN(Date.parse(o.until))) throw new RangeError('until must be YYYY-MM-DD');
  if (!isValidTimeZone(o.timeZone)) throw new RangeError(`unknown time zone ${o.timeZone}`);
}

async function load(conn: Database, opts: DemoOptions, progress: Progress): Promise<Omit<DemoResult, 'ms'>> {
  const { seed, timeZone } = opts;
  progress.report(0, 1, 'products');
  const indexes = dropObjects(conn, 'index', BULK_TABLES);
  for (const table of [...BUSINESS_TABLES, ...DERIVED_TABLES]) conn.exec(`DELETE FROM ${table}`);

  const cal = historyCalendar(opts.until, timeZone, HISTORY_DAYS);
  // Every id carries the first instant of the history, so ids rise in insertion order and anything the
  // app creates later sorts after the demo data.
  const idRng = new Random(seed, STREAM.ids);
  const newId = seededIds(() => idRng.uint32(), cal.startMs[0]);
  const people = new People(new Random(seed, STREAM.people));

  const catalog = insertCatalog(conn, cal, newId, new Random(seed, STREAM.catalog));
  progress.report(1, 1, 'products');
  const plan = planAgents(opts.agents, cal, newId, new Random(seed, STREAM.agents), people);
  const rng = new Random(seed, STREAM.orders);
  // The rollups come from the facts as they are generated (no rebuild re-reading them): ~1.6 lines per order,
  // each order placed and shipped, a few cases and reports.
  const rollups = new DemoRollups({
    agentIds: plan.ids,
    productIds: catalog.products.map((p) => p.id),
    expectedFacts: 1.5 * opts.lines,
    factsPerPartition: opts.rollupPartitionFacts,
  });
  let outcome: OrderOutcome;
  try {
    outcome = await new OrderGenerator({ conn, cal, timeZone, plan, catalog, newId, rng, people, progress, rollups }).run(opts.lines);
    insertAgents(conn, plan, cal, catalog.levelIds, new Random(seed, STREAM.agentRows), people, progress);
    insertStock(conn, cal, catalog, outcome.shipped, outcome.restocked, newId, new Random(seed, STREAM.stock));
    conn
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(DEMO_SETTING, JSON.stringify({ seed, agents: opts.agents, lines: opts.lines, until: opts.until }));
    // Progress per range of agents, and a cancel between them.
    await rollups.write(conn, progress);
  } finally {
    rollups.dispose();
  }

  indexes.forEach((sql, i) => {
    progress.report(i, indexes.length, 'indexes');
    conn.exec(sql);
  });
  progress.report(indexes.length, indexes.length, 'indexes');
  return { agents: plan.count, products: catalog.products.length, orders: outcome.orders, lines: outcome.lines };
}
