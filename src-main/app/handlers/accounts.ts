import { ApiError } from '@contract';
import { grantorOf, type AreaHandlers } from '../router';
import {
  changePassword,
  createStaffUser,
  getUser,
  hasUsers,
  listUsers,
  resetPassword,
  sessionResult,
  sessionUser,
  setupOwner,
  signIn,
  signOut,
  updateUser,
} from '../../domain/accounts/users';
import { deleteRole, listRoles, saveRole } from '../../domain/accounts/roles';
import { getSetting } from '../../domain/system/settings';

export const accountsHandlers: AreaHandlers<
  | 'auth.status'
  | 'auth.setupOwner'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.resetPassword'
  | 'roles.list'
  | 'roles.save'
  | 'roles.delete'
> = {
  'auth.status': async (_i, env, caller) => ({
    needsOwner: !(await hasUsers(env.db)),
    demoLogins: await getSetting(env.db, 'demoLogins'),
    user: caller.user && caller.sessionToken ? await sessionUser(env.db, caller.user.id) : null,
  }),
  'auth.setupOwner': async (input, ctx) => setupOwner(ctx, input),
  // Not `mutates` (see its contract entry): a failed attempt stays counted although the call fails.
  'auth.signIn': async (input, env, caller) => {
    const { token, userId } = await signIn(env.db, { ...input, client: caller.client ?? caller.transport });
    return sessionResult(env.db, userId, token);
  },
  'auth.signOut': async (_i, { trx, caller, now }) => {
    if (caller.sessionToken) await signOut(trx, caller.sessionToken, now());
    return { ok: true as const };
  },
  'auth.changePassword': async ({ oldPassword, newPassword }, ctx) => {
    if (!ctx.caller.user) throw new ApiError('UNAUTHENTICATED', 'sign in first');
    await changePassword(ctx, ctx.caller.user.id, oldPassword, newPassword);
    return { ok: true as const };
  },
  'users.list': async (_i, env) => listUsers(env.db),
  'users.create': async (input, ctx) => getUser(ctx.trx, await createStaffUser(ctx, grantorOf(ctx.caller), input)),
  'users.update': async (input, ctx) => updateUser(ctx, grantorOf(ctx.caller), input),
  'users.resetPassword': async ({ id, password }, ctx) => {
    await resetPassword(ctx, grantorOf(ctx.caller), id, password);
    return { ok: true as const };
  },
  'roles.list': async (_i, env) => listRoles(env.db),
  'roles.save': async (input, ctx) => saveRole(ctx, grantorOf(ctx.caller), input),
  'roles.delete': async ({ id }, ctx) => {
    await deleteRole(ctx, grantorOf(ctx.caller), id);
    return { ok: true as const };
  },
};
