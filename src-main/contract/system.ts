import { z } from 'zod';
import { jobId } from './common';
import { method } from './method';

export const appInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'http', 'cli', 'test']),
  dataDir: z.string(),
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
  }),
  'system.dismissDemoNotice': method({
    summary: 'Keep the demo data and stop showing the notice',
    input: z.object({}).default({}),
    output: z.object({ ok: z.literal(true) }),
    permission: 'system.view',
    errors: [],
  }),
  'system.loadDemo': method({
    summary: 'Replace all business data with generated demo data (deterministic per seed)',
    input: demoInput,
    output: demoResultSchema,
    permission: 'system.admin',
    errors: ['CANCELLED'],
    job: true,
  }),
  'jobs.cancel': method({
    summary: 'Ask a running long job to stop; it rolls back and fails with CANCELLED',
    input: z.object({ jobId }),
    output: z.object({ cancelled: z.boolean() }),
    permission: 'system.view',
    errors: [],
  }),
  'files.saveAs': method({
    summary: 'Desktop only: copy a file from the exports folder to a place the user picks',
    input: z.object({ fileName: z.string().regex(/^[\w.\-\u4e00-\u9fa5]{1,200}\.xlsx$/) }),
    output: z.object({ savedPath: z.string().nullable() }),
    permission: 'reports.export',
    errors: ['NOT_FOUND', 'UNSUPPORTED'],
  }),
};
