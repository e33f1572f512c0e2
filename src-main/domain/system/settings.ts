import type { Db } from '../../db/open';
import { DEFAULT_TIME_ZONE } from '@contract/days';

/** Known settings and their defaults; stored as JSON text in `settings`. */
export const SETTING_DEFAULTS = {
  timeZone: DEFAULT_TIME_ZONE,
  /** Shown on the workbench until the user keeps or clears the demo data. */
  demoNotice: false,
  /** The demo accounts of DEMO_LOGINS exist with the documented password (shown on the sign-in screen). */
  demoLogins: false,
  /** A session not "kept on this PC" ends after this many minutes without use. */
  sessionIdleMinutes: 30,
  /** Imports refuse files above these limits (a spreadsheet is a zip: the unzipped cap stops zip bombs). */
  importMaxFileMb: 20,
  importMaxUnzippedMb: 200,
  importMaxRows: 100_000,
  importMaxColumns: 60,
  /** 压货预警 (domain.md): at least this many stock-order units in the last 60 days … */
  stockPilingUnits: 50,
  /** … with sell-through over those 60 days below this share. */
  stockPilingSellThrough: 0.3,
  /** 流失: no counted order for this many days. */
  churnDays: 180,
};
export type Settings = typeof SETTING_DEFAULTS;

export async function getSetting<K extends keyof Settings>(db: Db, key: K): Promise<Settings[K]> {
  const row = await db('settings').where({ key }).first('value');
  return row ? (JSON.parse(row.value) as Settings[K]) : SETTING_DEFAULTS[key];
}

export async function setSetting<K extends keyof Settings>(db: Db, key: K, value: Settings[K]): Promise<void> {
  await db('settings')
    .insert({ key, value: JSON.stringify(value) })
    .onConflict('key')
    .merge();
}
