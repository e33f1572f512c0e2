import type { ExportResult } from '@contract';
import { appendAudit } from '../domain/accounts/audit';
import type { Env } from './env';
import { auditActor, type Caller } from './router';

/**
 * What every export does once its file is written: the audit log records who exported what, with which filters,
 * how many rows and over which transport, and then only its maker may download it (no download unrecorded).
 * One INSERT, on its own: exports are no `mutates` methods (see reports.exportRanking's contract entry).
 */
export async function handOverExport(env: Env, caller: Caller, result: ExportResult, target: string, details: Record<string, unknown>): Promise<ExportResult> {
  await appendAudit(
    env.db,
    { ...auditActor(caller), action: 'export', target, details: { ...details, rows: result.rows, fileName: result.fileName, transport: caller.transport } },
    env.clock(),
  );
  env.files.grant(result.fileName, caller);
  return result;
}
