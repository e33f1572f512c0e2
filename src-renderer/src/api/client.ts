// The typed client: every contract method as `api.call('products.list', input)` or `api.products.list(input)`.
import { METHOD_NAMES, type FieldIssue, type Input, type MethodName, type Output, type ProgressEvent } from '@contract';
import { call as send, subscribe, transportKind, type ClientErrorCode } from './transport';

/** A reply with `ok: false`, thrown so that callers can use try/catch. */
export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }

  /** Field issues of a VALIDATION_FAILED reply (empty for other codes). */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }
}

/** Methods whose input has defaults for everything may be called without an argument. */
type Args<M extends MethodName> = undefined extends Input<M> ? [input?: Input<M>] : [input: Input<M>];

/**
 * Methods whose UNAUTHENTICATED their callers handle themselves: "wrong password" rather than "the
 * session is gone" (sign-in), or an outcome that is fine anyway (sign-out).
 */
const SELF_HANDLED: ReadonlySet<MethodName> = new Set<MethodName>(['auth.signIn', 'auth.signOut']);
let sessionLostHandler: (() => void) | null = null;

/**
 * The one place that reacts to an ended session (expired, password changed on another PC, account
 * deactivated): any call answered UNAUTHENTICATED tells the handler (the auth store), which shows sign-in.
 */
export function onSessionLost(handler: () => void): void {
  sessionLostHandler = handler;
}

async function call<M extends MethodName>(method: M, ...args: Args<M>): Promise<Output<M>> {
  const reply = await send(method, args[0] ?? {});
  if (reply.ok) return reply.data as Output<M>;
  if (reply.error.code === 'UNAUTHENTICATED' && !SELF_HANDLED.has(method)) sessionLostHandler?.();
  throw new ApiCallError(reply.error.code, reply.error.message, reply.error.details);
}

type GroupOf<M> = M extends `${infer G}.${string}` ? G : never;
type Group = GroupOf<MethodName>;
type Groups = {
  [G in Group]: {
    [M in MethodName as M extends `${G}.${infer N}` ? N : never]: (...args: Args<M>) => Promise<Output<M>>;
  };
};

/** `api.products.list(…)` etc., built from the contract's method names so new methods appear by themselves. */
function buildGroups(): Groups {
  const groups: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const m of METHOD_NAMES) {
    const dot = m.indexOf('.');
    const g = m.slice(0, dot);
    (groups[g] ??= {})[m.slice(dot + 1)] = (input?: unknown) => call(m, input as never);
  }
  return groups as unknown as Groups;
}

/** Long jobs: methods whose input carries a client-generated jobId. */
export type JobMethod = { [M in MethodName]: 'jobId' extends keyof Input<M> ? M : never }[MethodName];

export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Run a long job: listen for its progress first, then call; the reply arrives when the job ends
 * (ApiCallError CANCELLED after `api.jobs.cancel({ jobId })`).
 */
async function runJob<M extends JobMethod>(
  method: M,
  input: Omit<Input<M>, 'jobId'>,
  onProgress: (e: ProgressEvent) => void,
  jobId: string = newJobId(),
): Promise<Output<M>> {
  const unsubscribe = await subscribe((e) => {
    if (e.type === 'progress' && e.jobId === jobId) onProgress(e);
  });
  try {
    return await call(method, ...([{ ...input, jobId }] as unknown as Args<M>));
  } finally {
    unsubscribe();
  }
}

/**
 * Hand an exported file from the exports folder to the user: a native save dialog on the desktop,
 * a download in the browser. Resolves to false when the user cancelled the dialog.
 */
async function downloadExport(fileName: string): Promise<{ saved: boolean; savedPath: string | null }> {
  if (transportKind === 'electron') {
    const { savedPath } = await call('files.saveAs', { fileName });
    return { saved: savedPath !== null, savedPath };
  }
  const a = document.createElement('a');
  a.href = `/api/files/${encodeURIComponent(fileName)}`;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  return { saved: true, savedPath: null };
}

export const api = Object.assign(buildGroups(), { call, runJob, downloadExport });
export { transportKind };
