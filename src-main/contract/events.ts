import { z } from 'zod';

/** Progress of a long job (import, export, demo data, backup, sync). */
export const progressEventSchema = z.object({
  type: z.literal('progress'),
  jobId: z.string(),
  done: z.number(),
  total: z.number(),
  phase: z.string(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/**
 * Facts changed (orders, lines, after-sales, sell-through reports, stock, or the rollups of them): sent to every
 * signed-in session after the write commits, so stores showing those tables refresh. Table names and ids only,
 * never personal data. '*' in `tables` or `agentIds` means all (a restore, a demo load, clearing the data; a
 * rollup rebuild touches every agent).
 */
export const dataChangedEventSchema = z.object({
  type: z.literal('data.changed'),
  tables: z.array(z.string()),
  agentIds: z.array(z.string()),
});
export type DataChangedEvent = z.infer<typeof dataChangedEventSchema>;

/** Whether a data.changed event concerns a view showing `tables` (optionally only agent `agentId`). */
export function touches(e: DataChangedEvent, tables: readonly string[], agentId?: string): boolean {
  const table = e.tables.includes('*') || e.tables.some((t) => tables.includes(t));
  return table && (agentId === undefined || e.agentIds.includes('*') || e.agentIds.includes(agentId));
}

export const appEventSchema = z.discriminatedUnion('type', [progressEventSchema, dataChangedEventSchema]);
export type AppEvent = ProgressEvent | DataChangedEvent;
