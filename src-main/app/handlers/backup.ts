import { auditActor, type AreaHandlers } from '../router';
import { appendAudit } from '../../domain/accounts/audit';
import { createBackup, deleteBackup, listBackups, restoreBackup } from '../../domain/system/backups';
import { getSetting, setSetting } from '../../domain/system/settings';
import { ensureDefaultLevels } from '../../domain/catalog/levels';
import { everythingChanged } from '../../domain/ledger/changes';
import { publishChanges } from '../events';

export const backupHandlers: AreaHandlers<'backup.create' | 'backup.list' | 'backup.delete' | 'backup.restore'> = {
  'backup.create': async ({ jobId }, env, caller) => env.jobs.run(jobId, caller, (job) => createBackup(env, job)),
  'backup.list': async (_i, env) => listBackups(env.dataDir),
  'backup.delete': async ({ name }, env, caller) => {
    deleteBackup(env.dataDir, name);
    await appendAudit(env.db, { ...auditActor(caller), action: 'delete', target: name, details: { kind: 'backup' } });
    return { ok: true as const };
  },
  'backup.restore': async ({ name, jobId }, env, caller) => {
    // Says whether the demo accounts exist: accounts stay as they are, so this setting does too.
    const demoLogins = await getSetting(env.db, 'demoLogins');
    const result = await env.jobs.run(jobId, caller, (job) => restoreBackup(env, name, job));
    publishChanges(env.events, everythingChanged());
    if ((await getSetting(env.db, 'demoLogins')) !== demoLogins) await setSetting(env.db, 'demoLogins', demoLogins);
    // Settings came back with the data: the time zone that cuts days may differ now.
    env.timeZone = await getSetting(env.db, 'timeZone');
    await ensureDefaultLevels(env.db);
    await appendAudit(env.db, {
      ...auditActor(caller),
      action: 'restore',
      target: name,
      details: { tables: result.tables, rows: result.rows, safetyBackup: result.safetyBackup },
    });
    return result;
  },
};
