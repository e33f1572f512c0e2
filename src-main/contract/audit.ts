import { z } from 'zod';
import { PERIOD_ORDER, day, jobId, pageOf, paging, trimmed } from './common';
import { exportResultSchema } from './reports';
import { method } from './method';
import { piiString } from './pii';

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
  'report_setup', // a saved ranking setup created or changed (its deletion is a 'delete')
  // The order facts (domain/ledger): every write names its order, case, report or product.
  'order_create',
  'order_status',
  'order_cancel',
  'after_sales',
  'sellthrough_report',
  'stock_move',
  'rollups_rebuild',
]);

/** What an entry is about, as the screen names it (exports: the list exported; deletions of all data…). */
export const auditSubjectKinds = z.enum(['agent', 'order', 'product', 'account', 'role', 'backup', 'ranking', 'auditLog', 'statement', 'dormantList', 'stockPilingList', 'productSales', 'allData', 'settings']);
export type AuditSubjectKind = z.infer<typeof auditSubjectKinds>;

const auditEntryBase = {
  id: z.string(),
  at: z.number().int(),
  userLogin: z.string(),
  action: auditActions,
  /** As recorded: agent:CODE, order:NO, a SKU, role:NAME, a login, a backup file, a list method… */
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
};
/** An entry as stored (what the audit export writes). */
export type AuditEntryStored = z.infer<z.ZodObject<typeof auditEntryBase>>;

export const auditEntrySchema = z.object({
  ...auditEntryBase,
  /**
   * The target parsed, with today's names (null where it names nothing more, or an unknown shape): `code` is the
   * agent code, order number, SKU, login, role name or backup file; `name` the product's or staff member's;
   * `agentName` the agent's (personal data: masked without pii.view; null outside the caller's data scope).
   */
  subject: z.object({ kind: auditSubjectKinds, code: z.string(), name: z.string().nullable(), agentName: piiString('name').nullable() }).nullable(),
  /** Names of the agent levels a price change names (details `price:<levelId>`). */
  levelNames: z.record(z.string(), z.string()),
});
export type AuditEntryRow = z.infer<typeof auditEntrySchema>;
export type AuditSubject = NonNullable<AuditEntryRow['subject']>;

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
    ownTransaction: 'its one row is the export’s audit entry, one INSERT once the file is complete; a transaction held over the long read would pin its snapshot',
  }),
};
