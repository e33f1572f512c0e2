import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, preparePasswordChange, resolveSession } from '../../src-main/domain/accounts/users';
import { call, errorOf, inWrite, openTempApp } from './helpers/tempApp';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => (app = await openTempApp()));
afterAll(() => app.close());


describe('accounts API through the router', () => {
  it('first start asks for the owner, who becomes admin and is signed in', async () => {
    expect(await call(app, 'auth.status', {})).toEqual({ needsOwner: true, demoLogins: false, timeZone: 'Asia/Shanghai', user: null });
    expect((await errorOf(call(app, 'auth.setupOwner', { login: 'boss', name: '老板', password: 'short' }))).details).toMatchObject({
      issues: [{ path: 'password' }],
    });
    const s = await call(app, 'auth.setupOwner', { login: 'boss', name: '老板', password: 'boss-pass-1' });
    expect(s.user).toMatchObject({ login: 'boss', name: '老板' });
    expect(s.user.permissions).toContain('accounts.manage');
    expect(await resolveSession(app.env.db, s.token, 60_000)).toMatchObject({ login: 'boss' });
    expect(await call(app, 'auth.status', {})).toMatchObject({ needsOwner: false });
    expect((await errorOf(call(app, 'auth.setupOwner', { login: 'other', name: 'x', password: 'other-pass-1' }))).code).toBe('CONFLICT');
  });

  it('admins create staff with roles; a cs sign-in carries only cs permissions', async () => {
    const u = await call(app, 'users.create', { login: 'kefu', name: '客服小王', password: 'kefu-pass-1', roles: ['cs'] });
    expect(u).toMatchObject({ login: 'kefu', roles: ['cs'], active: true, lockedUntil: null });
    const s = await call(app, 'auth.signIn', { login: 'kefu', password: 'kefu-pass-1' });
    expect(s.user.permissions.sort()).toEqual(['agents.view', 'catalog.view', 'orders.view', 'pii.reveal', 'system.view']);
    expect((await errorOf(call(app, 'auth.signIn', { login: 'kefu', password: 'nope' }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(call(app, 'users.create', { login: 'kefu', name: 'x', password: 'xxxxxxxx', roles: ['cs'] }))).code).toBe('CONFLICT');
  });

  it('role changes are audited, and the last active admin cannot be demoted or deactivated', async () => {
    const [boss, kefu] = await call(app, 'users.list', {});
    expect([boss.login, kefu.login]).toEqual(['boss', 'kefu']);
    const promoted = await call(app, 'users.update', { id: kefu.id, name: kefu.name, active: true, roles: ['cs', 'manager'] });
    expect(promoted.roles).toEqual(['cs', 'manager']);
    const audit = await call(app, 'audit.list', { action: 'role_change' });
    expect(audit.rows[0]).toMatchObject({ target: 'kefu', details: { from: ['cs'], to: ['cs', 'manager'] } });
    expect((await errorOf(call(app, 'users.update', { id: boss.id, name: boss.name, active: false, roles: ['admin'] }))).code).toBe('CONFLICT');
    expect((await errorOf(call(app, 'users.update', { id: boss.id, name: boss.name, active: true, roles: ['manager'] }))).code).toBe('CONFLICT');
  });

  it('a wrong current password is a field error, not a lost session', async () => {
    const s = await call(app, 'auth.signIn', { login: 'boss', password: 'boss-pass-1' });
    const caller = { transport: 'test' as const, permissions: new Set<never>(), user: { id: s.user.id, login: 'boss' }, scope: ALL_AGENTS, sessionToken: s.token };
    const r = await app.router.call('auth.changePassword', { oldPassword: 'not-it', newPassword: 'boss-pass-2' }, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'oldPassword', code: 'wrongPassword' }] } } });
    expect(await resolveSession(app.env.db, s.token, 60_000)).not.toBeNull();
  });

  it('a password reset by an admin ends the user’s sessions', async () => {
    const [, kefu] = await call(app, 'users.list', {});
    const s = await call(app, 'auth.signIn', { login: 'kefu', password: 'kefu-pass-1', persistent: true });
    await call(app, 'users.resetPassword', { id: kefu.id, password: 'kefu-pass-9' });
    expect(await resolveSession(app.env.db, s.token, 60_000)).toBeNull();
    expect((await call(app, 'auth.signIn', { login: 'kefu', password: 'kefu-pass-9' })).user.login).toBe('kefu');
  });

  it('passwords are hashed before the write’s transaction opens: other calls answer meanwhile', async () => {
    const [, kefu] = await call(app, 'users.list', {});
    const order: string[] = [];
    const track = <T>(name: string, p: Promise<T>) => p.then((v) => (order.push(name), v));
    // Each write hashes for ~0.5 s before it takes the one connection; a read started after it finishes first.
    await Promise.all([track('create', call(app, 'users.create', { login: 'kefu2', name: '客服二', password: 'kefu2-pass-1', roles: ['cs'] })), track('read', call(app, 'users.list', {}))]);
    await Promise.all([track('reset', call(app, 'users.resetPassword', { id: kefu.id, password: 'kefu-pass-10' })), track('read', call(app, 'products.list', {}))]);
    expect(order).toEqual(['read', 'create', 'read', 'reset']);
    expect((await call(app, 'auth.signIn', { login: 'kefu2', password: 'kefu2-pass-1' })).user.login).toBe('kefu2');
    expect((await call(app, 'auth.signIn', { login: 'kefu', password: 'kefu-pass-10' })).user.login).toBe('kefu');
  });

  it('a password change checked against a password that changed since is refused', async () => {
    const [, kefu] = await call(app, 'users.list', {});
    // The change is checked and hashed (outside the transaction); the admin's reset lands before it is written.
    const change = await preparePasswordChange(app.env.db, kefu.id, 'kefu-pass-10', 'kefu-pass-11');
    await call(app, 'users.resetPassword', { id: kefu.id, password: 'kefu-pass-12' });
    await expect(inWrite(app.env.db, (ctx) => changePassword(ctx, kefu.id, change))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await call(app, 'auth.signIn', { login: 'kefu', password: 'kefu-pass-12' })).user.login).toBe('kefu');
  });
});
