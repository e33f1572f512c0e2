import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '@contract';
import { auditActor, scopeOf, type AreaHandlers } from '../router';
import { countRows } from '../../domain/system/data';
import { loadDemo, startEmpty } from '../../domain/system/dataReset';
import { getSetting, setSetting } from '../../domain/system/settings';
import { defaultDemoUntil } from '../../db/demo/generate';
import { everythingChanged } from '../../domain/ledger/changes';
import { publishChanges } from '../events';

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
  'system.startEmpty': async (_i, ctx) => {
    await startEmpty(ctx);
    return { ok: true as const };
  },
  'system.dismissDemoNotice': async (_i, { trx }) => {
    await setSetting(trx, 'demoNotice', false);
    return { ok: true as const };
  },
  // Not `mutates` (see its contract entry): the bulk load is its own transaction, its audit entry inside it.
  'system.loadDemo': async (input, env, caller) => {
    const result = await env.jobs.run(input.jobId, caller, (job) =>
      loadDemo(
        env.db,
        {
          agents: input.agents,
          lines: input.orders,
          seed: input.seed,
          until: input.until ?? defaultDemoUntil(env.timeZone),
          timeZone: env.timeZone,
          signal: job.signal,
          onProgress: job.progress,
        },
        { actor: auditActor(caller), now: env.clock },
      ),
    );
    publishChanges(env.events, everythingChanged()); // committed: the load returned
    return result;
  },
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
