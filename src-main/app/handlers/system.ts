import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '@contract';
import type { AreaHandlers } from '../router';
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
    counts: await countRows(env.db),
  }),
  'system.startEmpty': async (_i, env) => {
    await wipeBusinessData(env.db);
    await removeDemoUsers(env.db);
    await ensureDefaultLevels(env.db);
    await setSetting(env.db, 'demoNotice', false);
    return { ok: true as const };
  },
  'system.dismissDemoNotice': async (_i, env) => {
    await setSetting(env.db, 'demoNotice', false);
    return { ok: true as const };
  },
  'system.loadDemo': async (input, env) =>
    env.jobs.run(input.jobId, async (job) => {
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
      return result;
    }),
  'jobs.cancel': async ({ jobId }, env) => ({ cancelled: env.jobs.cancel(jobId) }),
  'files.saveAs': async ({ fileName }, env) => {
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
