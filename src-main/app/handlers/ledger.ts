import { auditActor, type AreaHandlers } from '../router';
import { publishChanges } from '../events';
import { rebuildAnalytics, rollupsRebuilt } from '../../domain/ledger/rebuild';

export const ledgerHandlers: AreaHandlers<'analytics.rebuild'> = {
  // A job with its own transaction: the event goes out once it committed (a cancel or failure throws before).
  'analytics.rebuild': async ({ jobId }, env, caller) =>
    env.jobs.run(jobId, caller, async (job) => {
      const result = await rebuildAnalytics(env.db, auditActor(caller), job);
      publishChanges(env.events, rollupsRebuilt());
      return result;
    }),
};
