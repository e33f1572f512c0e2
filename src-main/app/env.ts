import type { Db } from '../db/open';
import type { Analytics } from '../domain/analytics/service';
import type { ListTotals } from '../domain/common/listTotals';
import type { EventBus } from './events';
import type { FileGrants } from './fileGrants';
import type { Jobs } from './jobs';
import type { Platform } from './platform';

/** Everything a handler may use: built once by the composition root (open.ts). */
export interface Env {
  db: Db;
  dataDir: string;
  /** Where exports are written before the user downloads or saves them. */
  exportsDir: string;
  /** Which caller may download which exported file. */
  files: FileGrants;
  version: string;
  /** The supplier's time zone (setting), in which days are cut. */
  timeZone: string;
  /** Now, in UTC ms: what writes stamp and audit entries carry (Date.now; tests fix it). */
  clock: () => number;
  jobs: Jobs;
  events: EventBus;
  platform: Platform;
  /** The analytics read model and what is computed from it (rankings, dashboard, agent figures). */
  analytics: Analytics;
  /** Lists' totals, kept until a write touches what they count. */
  listTotals: ListTotals;
}
