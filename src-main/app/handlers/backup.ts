import { Analytics } from '../../domain/analytics/service';
import { auditActor, type AreaHandlers } from '../router';
import { appendAudit, audit } from '../../domain/accounts/audit';
import { createBackup, deleteBackup, listBackups, restoreBackup } from '../../domain/system/backups';
import { getSetting, setSetting } from '../../domain/system/settings';
import { ensureDefaultLevels } from '../../domain/catalog/levels';
import { everythingChanged } from '../../domain/ledger/changes';
import { publishChanges } from '../events';

export const backupHandlers: AreaHandlers<'backup.create' | 'backup.list' | 'backup.delete' | 'backup.restore'> = {
  'backup.create': async ({ jobId }, env, caller) => env.jobs.run(jobId, caller, (job) => createBackup(env, job)),
  'backup.list': async (_i, env) => listBackups(env.dataDir),
  // The entry first: if the file is missing (NOT_FOUND) or cannot be deleted, it rolls back; no deletion goes unrecorded.
  'backup.delete': async ({ name }, ctx, env) => {
    await audit(ctx, { action: 'delete', target: name, details: { kind: 'backup' } });
    deleteBackup(env.dataDir, name);
    return { ok: true as const };
  },
  // Not `mutates` (see its contract entry): the restore is its own bulk transaction, with what must commit with it.
  'backup.restore': async ({ name, jobId }, env, caller) => {
    // Says whether the demo accounts exist: accounts stay as they are, so this setting does too.
    const demoLogins = await getSetting(env.db, 'demoLogins');
    const result = await env.jobs.run(jobId, caller, (job) =>
      restoreBackup(env, name, job, async (trx, restored) => {
        if ((await getSetting(trx, 'demoLogins')) !== demoLogins) await setSetting(trx, 'demoLogins', demoLogins);
        await ensureDefaultLevels(trx, env.clock());
        await appendAudit(trx, { ...auditActor(caller), action: 'restore', target: name, details: { ...restored } }, env.clock());
      }),
    );
    publishChanges(env.events, everythingChanged());
    // Settings came back with the data: the time zone that cuts days may differ now, and the read model
    // (whose "today" and kept periods are cut in it) starts afresh in the new one.
    const timeZone = await getSetting(env.db, 'timeZone');
    if (timeZone !== env.timeZone) {
      env.timeZone = timeZone;
      env.analytics = new Analytics(env.db, timeZone);
    }
    return result;
  },
};
