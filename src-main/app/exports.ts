import type { ExportResult } from '@contract';
import { appendAudit } from '../domain/accounts/audit';
import type { Env } from './env';
import { auditActor, type Caller } from './router';

/**
 * What every export does once its file is written: only its maker may download it, and the audit log
 * records who exported what, with which filters, how many rows and over which transport.
 */
export async function handOverExport(env: Env, caller: Caller, result: ExportResult, target: string, details: Record<string, unknown>): Promise<ExportResult> {
  env.files.grant(result.fileName, caller);
  await appendAudit(env.db, {
    ...auditActor(caller),
    action: 'export',
    target,
    details: { ...details, rows: result.rows, fileName: result.fileName, transport: caller.transport },
  });
  return result;
}
