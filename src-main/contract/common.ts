import { z } from 'zod';
import { rule } from './fieldIssues';

export const id = z.string().min(1).max(64);
/** Money in integer fen (分). */
export const fen = z.number().int().min(0).max(1e12);
/** A local day in the supplier's time zone. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');
/** The issue at `to` of a period whose end is not after its start. */
export const PERIOD_ORDER = rule('periodOrder', '"to" must be after "from"');
/** Half-open period [from, to) of local days. */
export const period = z
  .object({ from: day, to: day })
  .refine((p) => p.from < p.to, { ...PERIOD_ORDER, path: ['to'] });
/** Client-generated id of a long job, so the caller can listen for its progress before the reply. */
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

export const paging = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  order: z.enum(['asc', 'desc']).default('asc'),
};
export const trimmed = (max: number) => z.string().trim().max(max);

export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int() });
}
