import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '@contract';
import { BUILTIN_PERMISSIONS, BUILTIN_ROLES, type BuiltinRole } from '../../src-main/domain/accounts/roles';
import { openTempApp } from './helpers/tempApp';
import { ALL_AGENTS } from '../../src-main/domain/common/scope';

/**
 * Who may call what, decided here by hand. A new contract method without a row fails this test, so every
 * method gets an explicit decision for every built-in role.
 */
const ALLOWED: Record<string, BuiltinRole[]> = {
  'system.info': ['admin', 'cs', 'manager', 'warehouse'],
  'system.startEmpty': ['admin'],
  'system.dismissDemoNotice': ['admin'],
  'system.loadDemo': ['admin'],
  'jobs.cancel': ['admin', 'cs', 'manager', 'warehouse'],
  'files.saveAs': ['admin', 'cs', 'manager', 'warehouse'], // any signed-in user, for files their own calls wrote
  'backup.create': ['admin'],
  'backup.list': ['admin'],
  'backup.delete': ['admin'],
  'backup.restore': ['admin'],
  'settings.get': ['admin', 'cs', 'manager', 'warehouse'],
  'settings.update': ['admin'],
  'analytics.rebuild': ['admin'],
  'levels.list': ['admin', 'cs', 'manager', 'warehouse'],
  'products.list': ['admin', 'cs', 'manager', 'warehouse'],
  'products.get': ['admin', 'cs', 'manager', 'warehouse'],
  'products.categories': ['admin', 'cs', 'manager', 'warehouse'],
  'products.create': ['admin'],
  'products.update': ['admin'],
  'products.import': ['admin'],
  'products.importTemplate': ['admin'],
  'agents.list': ['admin', 'cs', 'manager'],
  'agents.assign': ['admin'],
  'pii.reveal': ['admin', 'cs'],
  'roles.list': ['admin'],
  'roles.save': ['admin'],
  'roles.delete': ['admin'],
  'orders.list': ['admin', 'cs', 'manager', 'warehouse'],
  'orders.get': ['admin', 'cs', 'manager', 'warehouse'],
  'reports.ranking': ['admin', 'manager'],
  'reports.exportRanking': ['admin', 'manager'],
  'reports.productRanking': ['admin', 'manager'],
  'reports.exportStatement': ['admin', 'manager'],
  'reports.exportDormant': ['admin', 'manager'],
  'reports.exportStockPiling': ['admin', 'manager'],
  'reports.exportProductSales': ['admin', 'manager'],
  'reportSetups.list': ['admin', 'manager'],
  'reportSetups.save': ['admin', 'manager'],
  'reportSetups.delete': ['admin', 'manager'],
  'agents.metrics': ['admin', 'cs', 'manager'], // a scoped clerk only for their own agents
  'analytics.dashboard': ['admin', 'cs', 'manager'], // over the caller's agents
  'audit.list': ['admin'],
  'audit.export': ['admin'],
  'auth.status': ['admin', 'cs', 'manager', 'warehouse'], // public
  'auth.setupOwner': ['admin', 'cs', 'manager', 'warehouse'], // public, refused once an account exists
  'auth.signIn': ['admin', 'cs', 'manager', 'warehouse'], // public
  'auth.signOut': ['admin', 'cs', 'manager', 'warehouse'], // any signed-in user
  'auth.changePassword': ['admin', 'cs', 'manager', 'warehouse'], // any signed-in user
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.resetPassword': ['admin'],
};

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => (app = await openTempApp()));
afterAll(() => app.close());

describe('permission table: every method × every built-in role, checked in the main process', () => {
  it('refuses signed-in-only methods to a caller without a user, and lets anyone reach the public ones', async () => {
    const anonymous = { transport: 'test' as const, permissions: new Set<never>() };
    expect(await app.router.call('auth.changePassword', 'probe', anonymous)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await app.router.call('auth.status', {}, anonymous)).toEqual({ ok: true, data: { needsOwner: true, demoLogins: false, timeZone: 'Asia/Shanghai', user: null } });
    expect(await app.router.call('products.list', {}, anonymous)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('has a decision for every contract method', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...METHOD_NAMES].sort());
  });

  for (const method of METHOD_NAMES)
    for (const role of BUILTIN_ROLES)
      it(`${role} ${ALLOWED[method]?.includes(role) ? 'may' : 'may not'} call ${method}`, async () => {
        // A string is invalid input for every method: an allowed caller gets VALIDATION_FAILED (nothing runs),
        // a refused one FORBIDDEN, because the permission is checked first.
        const r = await app.router.call(method, 'probe', { transport: 'test', permissions: new Set(BUILTIN_PERMISSIONS[role]), user: { id: `u-${role}`, login: role }, scope: ALL_AGENTS });
        expect(r.ok).toBe(false);
        expect(r.ok ? '' : r.error.code).toBe(ALLOWED[method]?.includes(role) ? 'VALIDATION_FAILED' : 'FORBIDDEN');
      });
});
