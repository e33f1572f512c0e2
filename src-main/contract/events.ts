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

export type AppEvent = ProgressEvent;
