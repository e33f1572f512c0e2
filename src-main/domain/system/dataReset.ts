// Replacing all business data: "start empty" and loading the demo. Deleting everything is the most sensitive
// action there is, so each commits with its audit entry (the audit log itself stays).
import type { Db } from '../../db/open';
import { generateDemo, type DemoOptions, type DemoResult } from '../../db/demo/generate';
import type { Actor, WriteContext } from '../common/context';
import { ALL_AGENTS } from '../common/scope';
import { appendAudit, audit } from '../accounts/audit';
import { AUDIT_TARGETS } from '../accounts/auditSubjects';
import { ensureDemoUsers, removeDemoUsers } from '../accounts/demoUsers';
import { ensureDefaultLevels } from '../catalog/levels';
import { countRows, wipeBusinessData } from './data';
import { setSetting } from './settings';


/** Delete all business data and the demo accounts, keeping default levels: all in the caller's one transaction. */
export async function startEmpty(ctx: WriteContext): Promise<void> {
  const { trx } = ctx;
  const before = await countRows(trx, ALL_AGENTS);
  await wipeBusinessData(trx);
  await audit(ctx, { action: 'delete', target: AUDIT_TARGETS.allData, details: before });
  await removeDemoUsers(trx);
  await ensureDefaultLevels(trx, ctx.now());
  await setSetting(trx, 'demoNotice', false);
  ctx.changes.touch(['*'], ['*']);
}

/**
 * Replace all business data with demo data (a bulk load in its own transaction: db/demo/bulk.ts). The notice,
 * the demo accounts and, when staff asked for it (`by`), the audit entry commit with the load.
 */
export async function loadDemo(db: Db, opts: DemoOptions, by?: { actor: Actor; now: () => number }): Promise<DemoResult> {
  const before = by && (await countRows(db, ALL_AGENTS));
  return generateDemo(db, {
    ...opts,
    inSameTransaction: async (trx) => {
      await setSetting(trx, 'demoNotice', true);
      await ensureDemoUsers(trx);
      if (by) await appendAudit(trx, { ...by.actor, action: 'delete', target: AUDIT_TARGETS.allData, details: { ...before, replacedBy: 'demo' } }, by.now());
    },
  });
}
