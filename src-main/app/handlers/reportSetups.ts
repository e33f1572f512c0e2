import type { AreaHandlers, Caller } from '../router';
import { deleteSetup, listSetups, saveSetup, type SetupUser } from '../../domain/reports/setups';

const setupUser = (caller: Caller): SetupUser => ({ userId: caller.user?.id ?? null, manageAll: caller.permissions.has('accounts.manage') });

export const reportSetupsHandlers: AreaHandlers<'reportSetups.list' | 'reportSetups.save' | 'reportSetups.delete'> = {
  'reportSetups.list': async (_input, env, caller) => ({ rows: await listSetups(env.db, setupUser(caller)) }),
  'reportSetups.save': async (s, ctx) => saveSetup(ctx, setupUser(ctx.caller), s),
  'reportSetups.delete': async ({ id }, ctx) => {
    await deleteSetup(ctx, setupUser(ctx.caller), id);
    return { ok: true as const };
  },
};
