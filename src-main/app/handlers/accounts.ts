import { ApiError } from '@contract';
import { grantorOf, type AreaHandlers } from '../router';
import {
  changePassword,
  createUser,
  getUser,
  hasUsers,
  listUsers,
  resetPassword,
  sessionResult,
  sessionUser,
  setupOwner,
  signIn,
  updateUser,
} from '../../domain/accounts/users';
import { deleteRole, listRoles, saveRole } from '../../domain/accounts/roles';
import { getSetting } from '../../domain/system/settings';
import { endSession } from '../session';

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
  'auth.setupOwner': async (input, env) => setupOwner(env.db, input),
  'auth.signIn': async (input, env, caller) => {
    const { token, userId } = await signIn(env.db, { ...input, client: caller.client ?? caller.transport });
    return sessionResult(env.db, userId, token);
  },
  'auth.signOut': async (_i, env, caller) => {
    await endSession(env, caller);
    return { ok: true as const };
  },
  'auth.changePassword': async ({ oldPassword, newPassword }, env, caller) => {
    if (!caller.user) throw new ApiError('UNAUTHENTICATED', 'sign in first');
    await changePassword(env.db, caller.user.id, oldPassword, newPassword);
    return { ok: true as const };
  },
  'users.list': async (_i, env) => listUsers(env.db),
  'users.create': async (input, env, caller) => getUser(env.db, await createUser(env.db, input, Date.now(), grantorOf(caller))),
  'users.update': async (input, env, caller) => updateUser(env.db, grantorOf(caller), input),
  'users.resetPassword': async ({ id, password }, env, caller) => {
    await resetPassword(env.db, grantorOf(caller), id, password);
    return { ok: true as const };
  },
  'roles.list': async (_i, env) => listRoles(env.db),
  'roles.save': async (input, env, caller) => saveRole(env.db, grantorOf(caller), input),
  'roles.delete': async ({ id }, env, caller) => {
    await deleteRole(env.db, grantorOf(caller), id);
    return { ok: true as const };
  },
};
