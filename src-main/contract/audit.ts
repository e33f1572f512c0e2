import { z } from 'zod';
import { PERIOD_ORDER, day, jobId, pageOf, paging, trimmed } from './common';
import { exportResultSchema } from './reports';
import { method } from './method';

export const auditActions = z.enum([
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'password_change',
  'password_reset',
  'export',
  'price_change',
  'delete',
  'role_change',
  'reveal',
  'restore',
  'settings_change',
  'account_create',
  'agents_assign',
]);

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  userLogin: z.string(),
  action: auditActions,
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryRow = z.infer<typeof auditEntrySchema>;

const auditFilter = {
  action: auditActions.optional(),
  login: trimmed(50).default(''),
  from: day.optional(),
  to: day.optional(),
};
const periodOrdered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from < q.to;

export const auditMethods = {
  'audit.list': method({
    summary: 'Audit log of sensitive actions, newest first; filter by action, login and local-day range [from, to)',
    input: z
      .object({ page: paging.page, pageSize: paging.pageSize, ...auditFilter })
      .refine(periodOrdered, { ...PERIOD_ORDER, path: ['to'] }),
    output: pageOf(auditEntrySchema),
    permission: 'audit.view',
    errors: [],
  }),
  'audit.export': method({
    summary: 'Write the filtered audit log to an .xlsx in the exports folder (itself audited)',
    input: z.object({ ...auditFilter, jobId }).refine(periodOrdered, { ...PERIOD_ORDER, path: ['to'] }),
    output: exportResultSchema,
    permission: 'audit.export',
    errors: ['CANCELLED'],
    job: true,
  }),
};
