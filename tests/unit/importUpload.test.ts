import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src-main/http/server';
import { openTempApp, tempDir } from './helpers/tempApp';
import { createUser } from '../../src-main/domain/accounts/users';
import { setSetting } from '../../src-main/domain/system/settings';

// The upload path of imports in web mode: the body limit follows the import size limit, only for callers
// who may import, and a body above it is refused as it streams in.
let app: Awaited<ReturnType<typeof openTempApp>>;
let server: http.Server;
let base: string;
const JSON_H = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await openTempApp();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = await startHttpServer(app, { port: 0, rendererDir });
  server = s.server;
  base = s.url.replace(/\/$/, '');
  for (const [login, role] of [['boss', 'admin'], ['kefu', 'cs']] as const) {
    await createUser(app.env.db, { login, name: login, password: `${login}-pass-1`, roles: [role] });
    const r = await fetch(`${base}/api/call/auth.signIn`, { method: 'POST', headers: JSON_H, body: JSON.stringify({ login, password: `${login}-pass-1` }) });
    cookies[login] = (r.headers.get('set-cookie') ?? '').split(';')[0];
  }
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.close();
});

async function workbook(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/**
 * POST products.import whose body streams out in 64 KiB chunks (no Content-Length unless given) until the
 * server answers; resolves with the answer and how many bytes had been sent by then.
 */
function streamUpload(login: string, totalBytes: number, contentLength?: number): Promise<{ status: number; body: { ok: boolean; error?: { code: string; details?: unknown } }; sent: number }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port: u.port, path: '/api/call/products.import', method: 'POST', headers: { ...JSON_H, Cookie: cookies[login], ...(contentLength ? { 'Content-Length': contentLength } : {}) } },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sent });
        });
      },
    );
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 'A');
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const first = sent === 0 ? Buffer.from('{"jobId":"upload-1","file":{"name":"big.xlsx","dataBase64":"') : chunk;
        sent += first.length;
        if (!req.write(first)) return void req.once('drain', pump);
      }
      if (!answered) setTimeout(pump, 20);
    };
    pump();
  });
}

describe('import upload over HTTP', () => {
  it('takes a file bigger than the ordinary 2 MB body limit when it is within the import limit', async () => {
    const rows: unknown[][] = [['SKU编码', '商品名称', '类目', '建议零售价', '控价', '备注']];
    // Random notes in a column the import ignores, so the workbook does not compress below 2 MB.
    for (let i = 0; i < 120; i++) rows.push([`U-${i}`, `商品${i}`, '食品', 10, 9, randomBytes(20_000).toString('base64')]);
    const dataBase64 = await workbook(rows);
    expect(dataBase64.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await fetch(`${base}/api/call/products.import`, {
      method: 'POST',
      headers: { ...JSON_H, Cookie: cookies.boss },
      body: JSON.stringify({ jobId: 'upload-ok', file: { name: 'p.xlsx', dataBase64 } }),
    });
    expect(await r.json()).toMatchObject({ ok: true, data: { created: 120, ignoredColumns: ['备注'] } });
  });

  it('refuses a body above the import limit while it streams in, without reading it all (413)', async () => {
    await setSetting(app.env.db, 'importMaxFileMb', 1);
    const r = await streamUpload('boss', 64 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'IMPORT_TOO_LARGE', details: { limit: 'fileMb', max: 1 } } });
    // The answer came after about 1.4 MB (1 MB as base64), long before the 64 MB were sent.
    expect(r.sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a declared Content-Length above the limit before reading any of it', async () => {
    const r = await streamUpload('boss', 64 * 1024, 500 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'IMPORT_TOO_LARGE', details: { limit: 'fileMb', actual: 375, max: 1 } } });
  });

  it('answers FORBIDDEN to a caller without catalog.edit before reading the body', async () => {
    const r = await streamUpload('kefu', 64 * 1024 * 1024);
    expect(r.status).toBe(403);
    expect(r.sent).toBeLessThan(8 * 1024 * 1024);
  });
});
