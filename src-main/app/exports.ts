import type { ExportResult } from '@contract';
import { appendAudit } from '../domain/accounts/audit';
import type { Env } from './env';
import path from 'node:path';
import { isLimited, type AgentScope } from '../domain/common/scope';
import type { JobHandle } from './jobs';
import { auditActor, scopeOf, seesPii, type Caller } from './router';

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

/**
 * An export job from start to hand-over: runs `write` as `caller`'s job `jobId` into `fileName` in the exports
 * folder, told whether to mask personal data and the caller's scope, then audits it (with whether it left masked
 * and scoped) and grants the file to its maker.
 */
export async function runExport(
  env: Env,
  caller: Caller,
  jobId: string,
  fileName: string,
  audit: { target: string; details: Record<string, unknown> },
  write: (file: string, job: JobHandle & { masked: boolean; scope: AgentScope }) => Promise<ExportResult>,
): Promise<ExportResult> {
  const masked = !seesPii(caller);
  const scope = scopeOf(caller);
  const file = path.join(env.exportsDir, fileName);
  const result = await env.jobs.run(jobId, caller, (job) => write(file, { ...job, masked, scope }));
  return handOverExport(env, caller, result, audit.target, { ...audit.details, masked, scoped: isLimited(scope) });
}
