// The one place that knows how a call travels: IPC inside Electron, same-origin HTTP in a browser.
import type { AppEvent } from '@contract';
import { NETWORK, type ClientErrorCode } from './clientErrors';

export { NETWORK, type ClientErrorCode };
/** The reply envelope as the renderer sees it: the server's codes plus NETWORK. */
export type ClientReply =
  | { ok: true; data: unknown }
  | { ok: false; error: { code: ClientErrorCode; message: string; details?: unknown } };
const networkError = (message: string): ClientReply => ({ ok: false, error: { code: NETWORK, message } });

export type TransportKind = 'electron' | 'http';
export const transportKind: TransportKind = window.dropship ? 'electron' : 'http';

async function callHttp(method: string, input: unknown): Promise<ClientReply> {
  let res: Response;
  try {
    res = await fetch(`/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dropship-Client': '1' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (e) {
    return networkError(e instanceof Error ? e.message : String(e));
  }
  try {
    // Errors come with 4xx/5xx but still carry the envelope; only a body that is not one is a transport failure.
    const body = (await res.json()) as ClientReply;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    /* fall through */
  }
  return networkError(`HTTP ${res.status} ${res.statusText}`);
}

export function call(method: string, input: unknown): Promise<ClientReply> {
  const bridge = window.dropship;
  if (!bridge) return callHttp(method, input);
  // The bridge rejects only when IPC itself broke (e.g. the main process is gone).
  return bridge.invoke(method, input).catch((e: unknown) => networkError(e instanceof Error ? e.message : String(e)));
}

// Web mode shares one EventSource among all listeners and closes it when the last one leaves.
const listeners = new Set<(e: AppEvent) => void>();
let source: EventSource | null = null;
let opened: Promise<void> | null = null;

function openSource(): Promise<void> {
  if (opened) return opened;
  const es = new EventSource('/api/events');
  source = es;
  es.onmessage = (m) => {
    let e: AppEvent;
    try {
      e = JSON.parse(m.data as string) as AppEvent;
    } catch {
      return;
    }
    for (const fn of listeners) fn(e);
  };
  // The server ends the stream with its session (sign-out, expiry); the next job opens a new one.
  es.addEventListener('error', () => {
    if (es.readyState !== EventSource.CLOSED || source !== es) return;
    source = null;
    opened = null;
  });
  // A job must not start before the stream is open, or its first events are lost; but never wait forever.
  opened = new Promise<void>((resolve) => {
    const done = () => resolve();
    es.addEventListener('open', done, { once: true });
    es.addEventListener('error', done, { once: true });
    setTimeout(done, 3000);
  });
  return opened;
}

/** Listen to app events (job progress); resolves once events can arrive. Returns the unsubscribe function. */
export async function subscribe(cb: (e: AppEvent) => void): Promise<() => void> {
  const bridge = window.dropship;
  if (bridge) return bridge.onEvent(cb);
  listeners.add(cb);
  await openSource();
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
      opened = null;
    }
  };
}
