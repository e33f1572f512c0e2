import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '@contract';
import { auditActor, scopeOf, type AreaHandlers } from '../router';
import { appendAudit } from '../../domain/accounts/audit';
import { AUDIT_TARGETS } from '../../domain/accounts/auditSubjects';
import { countRows, wipeBusinessData } from '../../domain/system/data';
import { getSetting, setSetting } from '../../domain/system/settings';
import { ensureDefaultLevels } from '../../domain/catalog/levels';
import { ensureDemoUsers, removeDemoUsers } from '../../domain/accounts/demoUsers';
import { defaultDemoUntil, generateDemo } from '../../db/demo/generate';

export const systemHandlers: AreaHandlers<
  'system.info' | 'system.startEmpty' | 'system.dismissDemoNotice' | 'system.loadDemo' | 'jobs.cancel' | 'files.saveAs'
> = {
  'system.info': async (_i, env, caller) => ({
    version: env.version,
    transport: caller.transport,
    dataDir: env.dataDir,
    timeZone: env.timeZone,
    demoLoaded: await getSetting(env.db, 'demoNotice'),
    counts: await countRows(env.db, scopeOf(caller)),
  }),
  'system.startEmpty': async (_i, env, caller) => {
    const before = await countRows(env.db);
    await wipeBusinessData(env.db);
    // A deletion of everything is the most sensitive action there is; the audit log itself stays.
    await appendAudit(env.db, { ...auditActor(caller), action: 'delete', target: AUDIT_TARGETS.allData, details: before });
    await removeDemoUsers(env.db);
    await ensureDefaultLevels(env.db);
    await setSetting(env.db, 'demoNotice', false);
    return { ok: true as const };
  },
  'system.dismissDemoNotice': async (_i, env) => {
    await setSetting(env.db, 'demoNotice', false);
    return { ok: true as const };
  },
  'system.loadDemo': async (input, env, caller) =>
    env.jobs.run(input.jobId, caller, async (job) => {
      const before = await countRows(env.db);
      const result = await generateDemo(env.db, {
        agents: input.agents,
        lines: input.orders,
        seed: input.seed,
        until: input.until ?? defaultDemoUntil(env.timeZone),
        timeZone: env.timeZone,
        signal: job.signal,
        onProgress: job.progress,
      });
      await setSetting(env.db, 'demoNotice', true);
      await ensureDemoUsers(env.db);
      await appendAudit(env.db, { ...auditActor(caller), action: 'delete', target: AUDIT_TARGETS.allData, details: { ...before, replacedBy: 'demo' } });
      return result;
    }),
  'jobs.cancel': async ({ jobId }, env, caller) => ({ cancelled: env.jobs.cancel(jobId, caller) }),
  'files.saveAs': async ({ fileName }, env, caller) => {
    if (!env.files.mayRead(fileName, caller)) throw new ApiError('NOT_FOUND', `no exported file named ${fileName} for you; export it again`);
    if (!env.platform.saveFileAs) throw new ApiError('UNSUPPORTED', 'saving through a native dialog needs the desktop app; download the file instead');
    const source = exportPath(env.exportsDir, fileName);
    return { savedPath: await env.platform.saveFileAs(source, fileName) };
  },
};

/** A file inside the exports folder, by bare name only (no path tricks). */
export function exportPath(exportsDir: string, fileName: string): string {
  const full = path.join(exportsDir, path.basename(fileName));
  if (path.basename(fileName) !== fileName || !fs.existsSync(full)) throw new ApiError('NOT_FOUND', `no exported file named ${fileName}`);
  return full;
}
