import { z } from 'zod';
import { jobId } from './common';
import { method } from './method';
import { restricted } from './pii';

export const appInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'http', 'cli', 'test']),
  /** The absolute data directory (user name, folder layout): admins (system.admin) only, null for everyone else. */
  dataDir: restricted(z.string().nullable(), 'system.admin'),
  timeZone: z.string(),
  /** Set when the app filled an empty data directory with demo data and the user has not dismissed it. */
  demoLoaded: z.boolean(),
  counts: z.object({ products: z.number().int(), agents: z.number().int(), orders: z.number().int() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const demoInput = z.object({
  agents: z.number().int().min(1).max(100_000).default(1_000),
  /** Target number of order lines. */
  orders: z.number().int().min(0).max(5_000_000).default(30_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Last local day of the generated history (default: yesterday in the supplier's time zone, so no order lies in the future). */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  jobId: jobId.optional(),
});

export const demoResultSchema = z.object({
  agents: z.number().int(),
  products: z.number().int(),
  orders: z.number().int(),
  lines: z.number().int(),
  ms: z.number().int(),
});

/** A backup file in the data folder's backups/ by bare name (no paths): dropship-<local time>[-before-restore].sqlite. */
export const BACKUP_NAME = /^dropship-[A-Za-z0-9_-]{1,80}\.sqlite$/;
export const backupName = z.string().regex(BACKUP_NAME, 'a backup file name like dropship-2026-11-25-153000.sqlite');

export const backupInfoSchema = z.object({
  name: z.string(),
  sizeBytes: z.number().int(),
  /** When the file was written, UTC ms. */
  createdAt: z.number().int(),
  /** Last migration applied in the backup (its schema version); null when the file cannot be read. */
  version: z.string().nullable(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const restoreResultSchema = z.object({
  tables: z.number().int(),
  rows: z.number().int(),
  /** The backup of the data as it was just before the restore, so a wrong restore can be undone. */
  safetyBackup: z.string(),
});

/**
 * Settings an admin edits (设置 → 安全 and 设置 → 代理分析), with their inclusive ranges; the UI reads the ranges
 * too. A `percent` setting is a share 0–1 edited as a whole percent.
 */
export const SETTING_RANGES = {
  sessionIdleMinutes: { min: 5, max: 1440 },
  importMaxFileMb: { min: 1, max: 200 },
  importMaxUnzippedMb: { min: 10, max: 2000 },
  importMaxRows: { min: 100, max: 1_000_000 },
  importMaxColumns: { min: 5, max: 500 },
  churnDays: { min: 30, max: 730 },
  stockPilingUnits: { min: 1, max: 100_000 },
  stockPilingSellThrough: { min: 0, max: 1, percent: true },
} as const;
export type EditableSettingKey = keyof typeof SETTING_RANGES;
export const EDITABLE_SETTING_KEYS = Object.keys(SETTING_RANGES) as EditableSettingKey[];
/** Which card of 设置 edits which settings. */
export const SETTING_GROUPS = {
  security: ['sessionIdleMinutes', 'importMaxFileMb', 'importMaxUnzippedMb', 'importMaxRows', 'importMaxColumns'],
  analytics: ['churnDays', 'stockPilingUnits', 'stockPilingSellThrough'],
} as const satisfies Record<string, readonly EditableSettingKey[]>;
export type SettingGroup = keyof typeof SETTING_GROUPS;
export const isPercentSetting = (k: EditableSettingKey): boolean => 'percent' in SETTING_RANGES[k];

/** A whole percent as a share (0.3 for 30 %), so 0.29 stays 0.29 and not 0.28999…: the UI sends these. */
export const percentShare = (percent: number) => Number((percent / 100).toFixed(2));
const isWholePercent = (share: number) => Number.isInteger(Math.round(share * 1e6) / 1e4);

const ranged = (k: EditableSettingKey) => {
  const { min, max } = SETTING_RANGES[k];
  if (isPercentSetting(k))
    return z
      .number({ error: 'expected a share between 0 and 1' })
      .min(min, `must be between ${min * 100}% and ${max * 100}%`)
      .max(max, `must be between ${min * 100}% and ${max * 100}%`)
      .refine(isWholePercent, 'expected a whole percent');
  return z
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);
};
export const editableSettingsSchema = z.object(
  Object.fromEntries(EDITABLE_SETTING_KEYS.map((k) => [k, ranged(k)])) as Record<EditableSettingKey, ReturnType<typeof ranged>>,
);
export type EditableSettings = z.infer<typeof editableSettingsSchema>;

export const systemMethods = {
  'system.info': method({
    summary: 'Version, data directory, time zone, demo flag and row counts',
    input: z.object({}).default({}),
    output: appInfoSchema,
    permission: 'system.view',
    errors: [],
  }),
  'system.startEmpty': method({
    summary: 'Delete all business data (the demo) and start with an empty database',
    input: z.object({ confirm: z.literal(true) }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'system.admin',
    errors: [],
    mutates: true,
  }),
  'system.dismissDemoNotice': method({
    summary: 'Keep the demo data and stop showing the notice',
    input: z.object({}).default({}),
    output: z.object({ ok: z.literal(true) }),
    permission: 'system.admin',
    errors: [],
    mutates: true,
  }),
  'system.loadDemo': method({
    summary: 'Replace all business data with generated demo data (deterministic per seed)',
    input: demoInput,
    output: demoResultSchema,
    permission: 'system.admin',
    errors: ['CANCELLED'],
    job: true,
    ownTransaction: 'a bulk load: its connection settings (foreign keys, journal mode) cannot change inside a transaction; the load, the demo accounts and the audit entry commit in its own one',
  }),
  'jobs.cancel': method({
    summary: 'Ask a running long job of yours (any job, with accounts.manage) to stop; it rolls back and fails with CANCELLED. Another user’s job answers cancelled: false, like an unknown one',
    input: z.object({ jobId }),
    output: z.object({ cancelled: z.boolean() }),
    permission: 'system.view',
    errors: [],
  }),
  'files.saveAs': method({
    summary: 'Desktop only: copy a file from the exports folder to a place the user picks',
    input: z.object({ fileName: z.string().regex(/^[\w.\-\u4e00-\u9fa5]{1,200}\.xlsx$/) }),
    output: z.object({ savedPath: z.string().nullable() }),
    permission: 'signedIn', // only files the caller's own calls wrote (FileGrants)
    errors: ['NOT_FOUND', 'UNSUPPORTED'],
  }),
  'backup.create': method({
    summary: 'Copy the live database into backups/ with the online backup API, verified by reopening it',
    input: z.object({ jobId: jobId.optional() }),
    output: backupInfoSchema,
    permission: 'system.admin',
    errors: ['CANCELLED'],
    job: true,
  }),
  'backup.list': method({
    summary: 'Backups in the data folder, newest first, with size and schema version',
    input: z.object({}).default({}),
    output: z.array(backupInfoSchema),
    permission: 'system.admin',
    errors: [],
  }),
  'backup.delete': method({
    summary: 'Delete one backup file (audited)',
    input: z.object({ name: backupName, confirm: z.literal(true) }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'system.admin',
    errors: ['NOT_FOUND'],
    mutates: true,
  }),
  'backup.restore': method({
    summary:
      'Replace all data with a backup (migrated if older) in one transaction, after a safety backup; the audit log and sessions stay (audited)',
    input: z.object({ name: backupName, confirm: z.literal(true), jobId: jobId.optional() }),
    output: restoreResultSchema,
    permission: 'system.admin',
    errors: ['NOT_FOUND', 'CONFLICT', 'CANCELLED'],
    job: true,
    ownTransaction: 'a bulk copy after a safety backup: like the demo load, in one transaction of its own with its audit entry',
  }),
  'settings.get': method({
    summary: 'Editable settings: session idle time, import limits, and the churn and stock-piling thresholds of the analytics',
    input: z.object({}).default({}),
    output: editableSettingsSchema,
    permission: 'system.view',
    errors: [],
  }),
  'settings.update': method({
    summary: 'Change some editable settings (each within its range); audited with before and after',
    input: editableSettingsSchema.partial().strict(),
    output: editableSettingsSchema,
    permission: 'system.admin',
    errors: [],
    mutates: true,
  }),
};
