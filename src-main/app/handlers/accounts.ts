import { ApiError } from '@contract';
import { grantorOf, type AreaHandlers } from '../router';
import {
  changePassword,
  createStaffUser,
  preparePasswordChange,
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
import { hashPassword } from '../../domain/accounts/password';

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
    timeZone: env.timeZone,
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
  // Passwords are checked and hashed before the transaction opens (PreparedWrite): ~0.5 s each, by design.
  'auth.changePassword': {
    async prepare({ oldPassword, newPassword }, env, caller) {
      const userId = caller.user?.id;
      if (!userId) throw new ApiError('UNAUTHENTICATED', 'sign in first');
      const change = await preparePasswordChange(env.db, userId, oldPassword, newPassword);
      return async (ctx) => {
        await changePassword(ctx, userId, change);
        return { ok: true as const };
      };
    },
  },
  'users.list': async (_i, env) => listUsers(env.db),
  'users.create': {
    async prepare({ password, ...input }) {
      const passwordHash = await hashPassword(password);
      return async (ctx) => getUser(ctx.trx, await createStaffUser(ctx, grantorOf(ctx.caller), { ...input, passwordHash }));
    },
  },
  'users.update': async (input, ctx) => updateUser(ctx, grantorOf(ctx.caller), input),
  'users.resetPassword': {
    async prepare({ id, password }) {
      const hash = await hashPassword(password);
      return async (ctx) => {
        await resetPassword(ctx, grantorOf(ctx.caller), id, hash);
        return { ok: true as const };
      };
    },
  },
  'roles.list': async (_i, env) => listRoles(env.db),
  'roles.save': async (input, ctx) => saveRole(ctx, grantorOf(ctx.caller), input),
  'roles.delete': async ({ id }, ctx) => {
    await deleteRole(ctx, grantorOf(ctx.caller), id);
    return { ok: true as const };
  },
};
