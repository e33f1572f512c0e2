import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApiError, contract, isMethodName, type ApiErrorBody } from '@contract';
import type { App } from '../app/open';
import { CSP } from '../app/csp';
import { exportPath } from '../app/handlers/system';
import { wipeBusinessData } from '../domain/system/data';
import { ensureDefaultLevels } from '../domain/catalog/levels';
import { defaultDemoUntil, generateDemo } from '../db/demo/generate';
import { HTTP_STATUS } from './status';
import { serveStatic } from './static';
import { openEventStream } from './eventStream';
import { callerFromSession, takeSession, type SessionChange } from '../app/session';
import { ensureDemoUsers } from '../domain/accounts/demoUsers';
import { authorize } from '../app/router';
import { importLimits, maxUploadBodyBytes, uploadTooLarge } from '../excel/importLimits';

const SESSION_COOKIE = 'ds_session';
const KEEP_SIGNED_IN_S = 30 * 86_400;

/** `decodeURIComponent`, or null for malformed percent-encoding (which would otherwise throw). */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function parsedUrl(s: string, base: string): URL | null {
  try {
    return new URL(s, base);
  } catch {
    return null;
  }
}

/**
 * The first well-formed value of cookie `name`. A malformed one is skipped, not an error: cookies are not
 * separated by port, so any page on 127.0.0.1 can set one, and it must not block every call.
 */
function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    const value = k === name ? decoded(v.join('=')) : null;
    if (value !== null) return value;
  }
  return undefined;
}

/** HttpOnly (scripts never see the token) and SameSite=Strict (no other site's page sends it). */
function sessionCookie(change: NonNullable<SessionChange>): string {
  const base = `${SESSION_COOKIE}=%s; Path=/; HttpOnly; SameSite=Strict`;
  if ('clear' in change) return base.replace('%s', '') + '; Max-Age=0';
  return base.replace('%s', encodeURIComponent(change.set.token)) + (change.set.persistent ? `; Max-Age=${KEEP_SIGNED_IN_S}` : '');
}

export interface ServeOptions {
  port: number;
  /** Built renderer (out/renderer). */
  rendererDir: string;
  /** Enables POST /api/__test/reset for end-to-end specs; never on in normal use. */
  testRoutes?: boolean;
  /** How often an open event stream checks its session (default EVENT_STREAM_CHECK_MS); tests shorten it. */
  eventStreamCheckMs?: number;
}

const MAX_BODY = 2 * 1024 * 1024;
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
const sendError = (res: http.ServerResponse, err: ApiErrorBody) => sendJson(res, HTTP_STATUS[err.code], { ok: false, error: err });

/** A body past its limit: refused as soon as its declared length or the bytes read so far pass it. */
class BodyTooLarge extends Error {
  constructor(readonly bytes: number) {
    super('request body too large');
  }
}

function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge(declared));
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData);
      chunks.length = 0;
      reject(new BodyTooLarge(size));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** 413 now; the rest of the body is read and dropped (never kept) so the client gets the answer, then the connection closes. */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, error: ApiErrorBody) {
  req.resume();
  res.setHeader('Connection', 'close');
  sendJson(res, 413, { ok: false, error });
}

/**
 * Web mode: the renderer and the same router over HTTP, bound to 127.0.0.1 only. Requests must name this
 * server in Host (no DNS rebinding), come from its own origin, and carry X-Dropship-Client (a header a
 * cross-site form cannot send), so other web pages in the user's browser cannot drive the API.
 */
export function startHttpServer(app: App, opts: ServeOptions): Promise<{ server: http.Server; url: string }> {
  let origin = '';
  const allowedHosts = new Set<string>();

  const server = http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) return sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: 'unknown host' } });
      const url = parsedUrl(req.url ?? '/', origin);
      if (!url) return sendError(res, { code: 'VALIDATION_FAILED', message: `the request URL ${JSON.stringify(req.url)} is not a valid URL` });

      if (url.pathname.startsWith('/api/')) {
        if (req.method === 'POST') {
          if (req.headers.origin && !allowedHosts.has(req.headers.origin.replace(/^https?:\/\//, '')))
            return sendError(res, { code: 'FORBIDDEN', message: 'cross-origin request refused' });
          if (req.headers['x-dropship-client'] !== '1')
            return sendError(res, { code: 'FORBIDDEN', message: 'missing X-Dropship-Client header' });
        }
        return await routeApi(url, req, res);
      }
      if (req.method === 'GET' && serveStatic(opts.rendererDir, url.pathname, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    } catch (e) {
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
      else res.end();
    }
  });

  async function routeApi(url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    const call = url.pathname.match(/^\/api\/call\/([\w.]+)$/);
    const session = await callerFromSession(app.env, 'http', readCookie(req, SESSION_COOKIE), call?.[1]);
    const caller = { ...session, client: req.socket.remoteAddress ?? 'http' }; // per-client sign-in limits
    if (call && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return sendError(res, { code: 'VALIDATION_FAILED', message: 'send the input as application/json' });
      // An upload (an import's file) may be as big as the import limit, once the caller may make it at all.
      const def = isMethodName(call[1]) ? contract[call[1]] : undefined;
      const limits = def?.upload ? await importLimits(app.env.db) : null;
      if (def && limits) {
        try {
          authorize(call[1], def.permission, caller);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          return sendError(res, e.toBody());
        }
      }
      let input: unknown;
      try {
        const text = await readBody(req, limits ? maxUploadBodyBytes(limits) : MAX_BODY);
        input = text ? JSON.parse(text) : {};
      } catch (e) {
        if (e instanceof BodyTooLarge)
          return refuseBody(req, res, limits ? uploadTooLarge(e.bytes, limits).toBody() : { code: 'VALIDATION_FAILED', message: `the request body is larger than ${MAX_BODY} bytes` });
        return sendError(res, { code: 'VALIDATION_FAILED', message: `the request body is not valid JSON: ${(e as Error).message}` });
      }
      const { reply, change } = takeSession(call[1], input, await app.router.call(call[1], input, caller));
      if (change) res.setHeader('Set-Cookie', sessionCookie(change));
      return reply.ok ? sendJson(res, 200, reply) : sendError(res, reply.error);
    }
    if (!caller.user && !(opts.testRoutes && url.pathname.startsWith('/api/__test/')))
      return sendError(res, { code: 'UNAUTHENTICATED', message: 'sign in first' });
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(app.env, caller, req, res, opts.eventStreamCheckMs);
    const file = url.pathname.match(/^\/api\/files\/([^/]+)$/);
    if (file && req.method === 'GET') {
      const name = decoded(file[1]);
      if (name === null) return sendError(res, { code: 'VALIDATION_FAILED', message: `the file name in ${url.pathname} is not valid percent-encoding; encode it with encodeURIComponent` });
      let full: string;
      try {
        // Only files this user's own calls wrote; others answer like missing ones.
        if (!app.env.files.mayRead(name, caller)) throw new Error('not granted');
        full = exportPath(app.env.exportsDir, name);
      } catch {
        return sendError(res, { code: 'NOT_FOUND', message: `no exported file named ${name}` });
      }
      res.writeHead(200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Length': fs.statSync(full).size,
        'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(full).pipe(res);
      return;
    }
    if (opts.testRoutes && url.pathname === '/api/__test/reset' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { demo?: { agents: number; lines: number; seed: number } };
      await wipeBusinessData(app.env.db);
      if (body.demo) {
        await generateDemo(app.env.db, { ...body.demo, until: defaultDemoUntil(app.env.timeZone), timeZone: app.env.timeZone });
        await ensureDemoUsers(app.env.db);
      } else await ensureDefaultLevels(app.env.db);
      return sendJson(res, 200, { ok: true, data: null });
    }
    return sendError(res, { code: 'UNKNOWN_METHOD', message: `no route ${req.method} ${url.pathname}` });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      origin = `http://127.0.0.1:${port}`;
      allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
      resolve({ server, url: `${origin}/` });
    });
  });
}

export const defaultRendererDir = (mainDir: string) => path.resolve(mainDir, '../renderer');
