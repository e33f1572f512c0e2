import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, hashPassword, parsePhc, verifyPassword } from '../../src-main/domain/accounts/password';

describe('password hashing (scrypt, PHC string)', () => {
  it('uses OWASP parameters and a PHC string with a random salt', async () => {
    expect(CURRENT_PARAMS).toEqual({ ln: 17, r: 8, p: 1 });
    const a = await hashPassword('正确的马电池订书钉');
    const b = await hashPassword('正确的马电池订书钉');
    expect(a).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('正确的马电池订书钉', a)).toEqual({ ok: true, rehash: false });
    expect(await verifyPassword('正确的马电池订书钉 ', a)).toEqual({ ok: false, rehash: false });
  });

  it('asks for a rehash when a matching hash was made with older parameters', async () => {
    const old = await hashPassword('secret-1', { ln: 14, r: 8, p: 1 });
    expect(parsePhc(old)?.params).toEqual({ ln: 14, r: 8, p: 1 });
    expect(await verifyPassword('secret-1', old)).toEqual({ ok: true, rehash: true });
    expect(await verifyPassword('secret-2', old)).toEqual({ ok: false, rehash: false });
  });

  it('refuses malformed stored hashes', async () => {
    expect(await verifyPassword('x', 'plaintext')).toEqual({ ok: false, rehash: false });
    expect(await verifyPassword('x', '$argon2id$v=19$m=1,t=1,p=1$AAAA$BBBB')).toEqual({ ok: false, rehash: false });
  });
});
