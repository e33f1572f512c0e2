import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@contract';
import { BUILTIN_PERMISSIONS } from '../../src-main/domain/accounts/roles';
import { changePassword, createUser, preparePasswordChange, LOCK_MS, resetPassword, resolveSession, signIn, signOut, userPermissions } from '../../src-main/domain/accounts/users';
import { hashPassword } from '../../src-main/domain/accounts/password';
import { inWrite, openTempApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openTempApp>>;
let ownerId: string;
let csId: string;
const db = () => app.env.db;
const T0 = Date.parse('2026-11-25T02:00:00Z');
const IDLE = 30 * 60_000;

beforeAll(async () => {
  app = await openTempApp();
  ownerId = await createUser(db(), { login: 'owner', name: '老板', password: 'owner-pass-1', roles: ['admin'] }, T0);
  csId = await createUser(db(), { login: 'kefu1', name: '小美', password: 'kefu-pass-1', roles: ['cs'] }, T0);
});
afterAll(() => app.close());

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e as { code: string }).code);

describe('accounts', () => {
  it('gives built-in roles their permissions; admin has all, cs no costs and no personal data', async () => {
    expect([...(await userPermissions(db(), ownerId))].sort()).toEqual([...PERMISSIONS].sort());
    const cs = await userPermissions(db(), csId);
    expect(cs.has('agents.view')).toBe(true);
    expect(cs.has('catalog.cost')).toBe(false);
    expect(cs.has('pii.view')).toBe(false);
    expect(BUILTIN_PERMISSIONS.manager).not.toContain('catalog.edit');
  });

  it('refuses a taken login and an unknown role', async () => {
    expect(await codeOf(createUser(db(), { login: 'kefu1', name: 'x', password: 'xxxxxxxx1', roles: ['cs'] }))).toBe('CONFLICT');
    expect(await codeOf(createUser(db(), { login: 'new', name: 'x', password: 'xxxxxxxx1', roles: ['boss'] }))).toBe('NOT_FOUND');
  });

  it('signs in with a 256-bit token stored only as its hash, and audits it', async () => {
    const { token } = await signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: false }, T0);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await db()('sessions').select('token_hash');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    const who = await resolveSession(db(), token, IDLE, T0 + 60_000);
    expect(who).toMatchObject({ userId: csId, login: 'kefu1' });
    expect(await db()('audit_log').where({ action: 'sign_in', user_id: csId }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('ends a session after the idle time, unless "stay signed in" was chosen', async () => {
    const short = await signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: false }, T0);
    const long = await signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: true }, T0);
    expect(await resolveSession(db(), short.token, IDLE, T0 + IDLE + 1)).toBeNull();
    expect(await resolveSession(db(), long.token, IDLE, T0 + IDLE + 1)).not.toBeNull();
    await signOut(db(), long.token, T0 + IDLE + 2);
    expect(await resolveSession(db(), long.token, IDLE, T0 + IDLE + 3)).toBeNull();
  });

  it('locks the account for 30 s after 5 failed attempts, even for the right password', async () => {
    for (let i = 0; i < 4; i++) expect(await codeOf(signIn(db(), { login: 'kefu1', password: 'wrong', persistent: false }, T0 + i))).toBe('UNAUTHENTICATED');
    expect(await codeOf(signIn(db(), { login: 'kefu1', password: 'wrong', persistent: false }, T0 + 4))).toBe('LOCKED'); // the 5th says so at once
    expect(await codeOf(signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: false }, T0 + 10))).toBe('LOCKED');
    expect(await codeOf(signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: false }, T0 + 4 + LOCK_MS + 1))).toBe('ok');
    expect(Number((await db()('audit_log').where({ action: 'sign_in_failed' }).count({ n: '*' }))[0].n)).toBe(5);
  });

  it('a password change or an admin reset ends every session of that user', async () => {
    const s = await signIn(db(), { login: 'kefu1', password: 'kefu-pass-1', persistent: true }, T0 + 100_000);
    const change = await preparePasswordChange(db(), csId, 'kefu-pass-1', 'kefu-pass-2');
    await inWrite(db(), (ctx) => changePassword(ctx, csId, change), { now: () => T0 + 100_001 });
    expect(await resolveSession(db(), s.token, IDLE, T0 + 100_002)).toBeNull();
    const s2 = await signIn(db(), { login: 'kefu1', password: 'kefu-pass-2', persistent: true }, T0 + 100_003);
    const owner = { userId: ownerId, userLogin: 'owner' };
    const hash = await hashPassword('kefu-pass-3');
    await inWrite(db(), (ctx) => resetPassword(ctx, { ...owner, permissions: new Set(PERMISSIONS), scoped: false }, csId, hash), {
      actor: owner,
      now: () => T0 + 100_004,
    });
    expect(await resolveSession(db(), s2.token, IDLE, T0 + 100_005)).toBeNull();
    expect(await db()('audit_log').where({ action: 'password_reset' }).first('target', 'user_login')).toEqual({ target: 'kefu1', user_login: 'owner' });
  });

  it('rehashes a password stored with older scrypt parameters at sign-in', async () => {
    await db()('users').where({ id: ownerId }).update({ password_hash: await hashPassword('owner-pass-1', { ln: 14, r: 8, p: 1 }) });
    await signIn(db(), { login: 'owner', password: 'owner-pass-1', persistent: false }, T0 + 200_000);
    expect((await db()('users').where({ id: ownerId }).first('password_hash')).password_hash).toMatch(/^\$scrypt\$ln=17,/);
  });

  it('keeps the audit log append-only', async () => {
    await expect(db()('audit_log').update({ action: 'x' })).rejects.toThrow(/append-only/);
    await expect(db()('audit_log').delete()).rejects.toThrow(/6 months/);
  });
});
