// Password hashing: scrypt at OWASP's recommended cost (N=2^17, r=8, p=1), stored as a PHC string
// `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64, no padding). Verification is constant-time, and a hash made
// with other parameters is reported so the caller can rehash it at the next successful sign-in.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  ln: number; // log2 of N
  r: number;
  p: number;
}

export const CURRENT_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };
const KEY_LEN = 32;
const SALT_LEN = 16;

function scrypt(password: string, salt: Buffer, { ln, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default).
  const opts: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, KEY_LEN, opts, (e, k) => (e ? reject(e) : resolve(k))));
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const key = await scrypt(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function parsePhc(phc: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = PHC.exec(phc);
  if (!m) return null;
  return { params: { ln: +m[1], r: +m[2], p: +m[3] }, salt: Buffer.from(m[4], 'base64'), key: Buffer.from(m[5], 'base64') };
}

/** `ok`: the password matches; `rehash`: it matches but was hashed with other parameters than today's. */
export async function verifyPassword(password: string, phc: string): Promise<{ ok: boolean; rehash: boolean }> {
  const parsed = parsePhc(phc);
  if (!parsed) return { ok: false, rehash: false };
  const key = await scrypt(password, parsed.salt, parsed.params);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const p = parsed.params;
  return { ok, rehash: ok && (p.ln !== CURRENT_PARAMS.ln || p.r !== CURRENT_PARAMS.r || p.p !== CURRENT_PARAMS.p) };
}
