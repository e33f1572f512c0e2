import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src-main/http/server';
import { openHandmadeApp, tempDir } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
let server: http.Server;
let base: string;
const H = { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' };

beforeAll(async () => {
  app = await openHandmadeApp();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = await startHttpServer(app, { port: 0, rendererDir });
  server = s.server;
  base = s.url.replace(/\/$/, '');
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

describe('web mode HTTP adapter', () => {
  it('binds to 127.0.0.1 and serves the renderer with a CSP header', async () => {
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
  });

  it('answers a call with the envelope', async () => {
    const r = await fetch(`${base}/api/call/reports.ranking`, { method: 'POST', headers: H, body: JSON.stringify({ from: '2026-03-01', to: '2026-03-08' }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; data: { totals: { amountFen: number } } };
    expect(body.ok).toBe(true);
    expect(body.data.totals.amountFen).toBe(86200);
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
    const noHeader = await fetch(`${base}/api/call/levels.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noHeader.status).toBe(403);
    const cross = await fetch(`${base}/api/call/levels.list`, { method: 'POST', headers: { ...H, Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
  });

  it('streams job progress as server-sent events and serves the exported file for download', async () => {
    const seen: string[] = [];
    const ctrl = new AbortController();
    const sse = await fetch(`${base}/api/events`, { signal: ctrl.signal });
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

    const dl = await fetch(`${base}/api/files/${encodeURIComponent(data.fileName)}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(data.fileName)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await dl.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('分销商排行')!.getRow(2).getCell(2).value).toBe('A002');
    expect((await fetch(`${base}/api/files/${encodeURIComponent('../dropship.sqlite')}`)).status).toBe(404);
  });
});
