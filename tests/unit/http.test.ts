import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src-main/http/server';
import { openHandmadeApp, tempDir } from './helpers/tempApp';
import { createUser } from '../../src-main/domain/accounts/users';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
let server: http.Server;
let base: string;
let H: Record<string, string> = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };
const JSON_H = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };

/** Sign in over HTTP; returns the Set-Cookie header and the reply body. */
async function signIn(login: string, password: string, persistent = false) {
  const r = await fetch(`${base}/api/call/auth.signIn`, { method: 'POST', headers: JSON_H, body: JSON.stringify({ login, password, persistent }) });
  return { status: r.status, setCookie: r.headers.get('set-cookie') ?? '', body: (await r.json()) as { ok: boolean; data: { token: string; user: { login: string } } } };
}
const cookieOf = (setCookie: string) => setCookie.split(';')[0];

beforeAll(async () => {
  app = await openHandmadeApp();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = await startHttpServer(app, { port: 0, rendererDir });
  server = s.server;
  base = s.url.replace(/\/$/, '');
  await createUser(app.env.db, { login: 'boss', name: '老板', password: 'boss-pass-1', roles: ['admin'] });
  await createUser(app.env.db, { login: 'kefu', name: '客服', password: 'kefu-pass-1', roles: ['cs'] });
  H = { ...JSON_H, Cookie: cookieOf((await signIn('boss', 'boss-pass-1')).setCookie) };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.close();
});

/** Raw request, so the Host header can be forged (fetch does not allow it). */
function rawGet(pathname: string, host: string): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) =>
    http.get({ host: '127.0.0.1', port: u.port, path: pathname, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject),
  );
}

/** Raw GET with the request target exactly as given (fetch would normalise a malformed one). */
function rawRequest(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) =>
    http.get({ host: '127.0.0.1', port: u.port, path: target, headers: { Host: u.host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject),
  );
}

describe('web mode HTTP adapter', () => {
  it('binds to 127.0.0.1 and serves the renderer with a CSP header', async () => {
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie and never shows the token to the page', async () => {
    const r = await signIn('kefu', 'kefu-pass-1');
    expect(r.body.ok).toBe(true);
    expect(r.body.data.token).toBe('');
    expect(r.body.data.user.login).toBe('kefu');
    expect(r.setCookie).toMatch(/^ds_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await signIn('kefu', 'kefu-pass-1', true)).setCookie).toMatch(/Max-Age=2592000/);
  });

  it('refuses every call but the public ones without a session', async () => {
    const anon = await fetch(`${base}/api/call/reports.ranking`, { method: 'POST', headers: JSON_H, body: JSON.stringify({ from: '2026-03-01', to: '2026-03-08' }) });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const status = await fetch(`${base}/api/call/auth.status`, { method: 'POST', headers: JSON_H, body: '{}' });
    expect(await status.json()).toMatchObject({ ok: true, data: { needsOwner: false, user: null } });
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const forged = await fetch(`${base}/api/call/reports.ranking`, {
      method: 'POST',
      headers: { ...JSON_H, Cookie: 'ds_session=' + 'A'.repeat(43) },
      body: JSON.stringify({ from: '2026-03-01', to: '2026-03-08' }),
    });
    expect(forged.status).toBe(401);
  });

  it('masks personal data in the HTTP payload itself for a cs session', async () => {
    const cs = { ...JSON_H, Cookie: cookieOf((await signIn('kefu', 'kefu-pass-1')).setCookie) };
    const raw = await (await fetch(`${base}/api/call/agents.list`, { method: 'POST', headers: cs, body: '{}' })).text();
    const full = await (await fetch(`${base}/api/call/agents.list`, { method: 'POST', headers: H, body: '{}' })).text();
    expect(full).toContain('"name":"张三"');
    expect(raw).not.toContain('张三');
    expect(raw).toContain('"name":"张*"');
    const products = await (await fetch(`${base}/api/call/products.list`, { method: 'POST', headers: cs, body: '{}' })).json() as { data: { rows: { costFen: number | null }[] } };
    expect(products.data.rows.every((p) => p.costFen === null)).toBe(true);
    const refused = await fetch(`${base}/api/call/products.create`, { method: 'POST', headers: cs, body: '{}' });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { permission: 'catalog.edit' } } });
  });

  it('signing out ends the session and clears the cookie', async () => {
    const cookie = cookieOf((await signIn('kefu', 'kefu-pass-1')).setCookie);
    const out = await fetch(`${base}/api/call/auth.signOut`, { method: 'POST', headers: { ...JSON_H, Cookie: cookie }, body: '{}' });
    expect(out.headers.get('set-cookie')).toMatch(/^ds_session=; .*Max-Age=0$/);
    const after = await fetch(`${base}/api/call/agents.list`, { method: 'POST', headers: { ...JSON_H, Cookie: cookie }, body: '{}' });
    expect(after.status).toBe(401);
  });

  it('answers a call with the envelope', async () => {
    const r = await fetch(`${base}/api/call/reports.ranking`, { method: 'POST', headers: H, body: JSON.stringify({ from: '2026-03-01', to: '2026-03-08' }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; data: { totals: { amount: number } } };
    expect(body.ok).toBe(true);
    expect(body.data.totals.amount).toBe(86200);
  });

  it('maps error codes to statuses and keeps the envelope', async () => {
    const bad = await fetch(`${base}/api/call/reports.ranking`, { method: 'POST', headers: H, body: JSON.stringify({ from: 'yesterday' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknown = await fetch(`${base}/api/call/no.such`, { method: 'POST', headers: H, body: '{}' });
    expect(unknown.status).toBe(404);
    const broken = await fetch(`${base}/api/call/levels.list`, { method: 'POST', headers: H, body: '{oops' });
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses requests without the client header, from another origin, or for another host', async () => {
    const noHeader = await fetch(`${base}/api/call/levels.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: H.Cookie }, body: '{}' });
    expect(noHeader.status).toBe(403);
    const cross = await fetch(`${base}/api/call/levels.list`, { method: 'POST', headers: { ...H, Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
  });

  it('streams job progress as server-sent events and serves the exported file for download', async () => {
    const seen: string[] = [];
    const ctrl = new AbortController();
    const sse = await fetch(`${base}/api/events`, { signal: ctrl.signal, headers: { Cookie: H.Cookie } });
    const reader = sse.body!.getReader();
    const reading = (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        seen.push(dec.decode(value));
      }
    })();
    const r = await fetch(`${base}/api/call/reports.exportRanking`, {
      method: 'POST',
      headers: H,
      body: JSON.stringify({ from: '2026-03-01', to: '2026-03-08', jobId: 'sse-job-1' }),
    });
    const { data } = (await r.json()) as { data: { fileName: string } };
    await new Promise((res) => setTimeout(res, 50));
    ctrl.abort();
    await reading;
    const events = seen.join('').split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
    expect(events.at(-1)).toEqual({ type: 'progress', jobId: 'sse-job-1', done: 4, total: 4, phase: 'done' });

    const dl = await fetch(`${base}/api/files/${encodeURIComponent(data.fileName)}`, { headers: { Cookie: H.Cookie } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(data.fileName)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await dl.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('分销商排行')!.getRow(2).getCell(2).value).toBe('A002');
    expect((await fetch(`${base}/api/files/${encodeURIComponent('../dropship.sqlite')}`, { headers: { Cookie: H.Cookie } })).status).toBe(404);

    // Another staff member cannot fetch that (unmasked) export by its predictable name, even with reports.export.
    await createUser(app.env.db, { login: 'jingli', name: '经理', password: 'jingli-pass-1', roles: ['manager'] });
    const manager = cookieOf((await signIn('jingli', 'jingli-pass-1')).setCookie);
    expect((await fetch(`${base}/api/files/${encodeURIComponent(data.fileName)}`, { headers: { Cookie: manager } })).status).toBe(404);
    const saveAs = await fetch(`${base}/api/call/files.saveAs`, { method: 'POST', headers: { ...JSON_H, Cookie: manager }, body: JSON.stringify({ fileName: data.fileName }) });
    expect(await saveAs.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  // Another page on 127.0.0.1 (any port: cookies are not separated by port) sets a malformed cookie; it must
  // not make every call fail with 500, and the real session cookie beside it still counts.
  it('ignores a cookie with malformed percent-encoding and answers malformed URLs with 400/404, never 500', async () => {
    const status = (cookie: string) => fetch(`${base}/api/call/auth.status`, { method: 'POST', headers: { ...JSON_H, Cookie: cookie }, body: '{}' });
    const bad = await status('ds_session=%E0%A4%A');
    expect(bad.status).toBe(200);
    expect(await bad.json()).toMatchObject({ ok: true, data: { user: null } });
    const tossed = await status(`ds_session=%; ${H.Cookie}`);
    expect(await tossed.json()).toMatchObject({ ok: true, data: { user: { login: 'boss' } } });

    const file = await rawRequest('/api/files/%E0%A4%A.xlsx', { Cookie: H.Cookie });
    expect(file.status).toBe(400);
    expect(JSON.parse(file.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/percent-encoding/) } });
    expect((await rawRequest('/%E0%A4%A')).status).toBe(404); // a renderer file
    const url = await rawRequest('//[oops');
    expect(url.status).toBe(400);
    expect(JSON.parse(url.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/not a valid URL/) } });
  });
});
