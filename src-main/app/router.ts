import {
  ApiError,
  contract,
  fieldIssueOf,
  isMethodName,
  validationFailed,
  type MethodName,
  type Output,
  type ParsedInput,
  type Permission,
  type Reply,
} from '@contract';
import type { Env } from './env';
import { redactBySchema, type PiiView } from '../domain/accounts/masking';
import type { AgentScope } from '../domain/common/scope';
import type { Grantor } from '../domain/accounts/grants';

/** Who is calling: the transport, the signed-in user (null: the local operator, until sign-in is wired) and what they may do. */
export interface Caller {
  transport: 'electron' | 'http' | 'cli' | 'test';
  permissions: ReadonlySet<Permission>;
  user?: { id: string; login: string };
  /** The session behind this call (web mode cookie, Electron window), so auth.signOut can end it. */
  sessionToken?: string;
  /** Where the call comes from, for per-client limits (web mode: the remote address); absent: the transport. */
  client?: string;
  /** Set for staff limited to the agents assigned to them; absent: every agent. */
  scope?: AgentScope;
}

/** Who an audit entry names for this call (the CLI is the local operator). */
export const auditActor = (caller: Caller) => ({ userId: caller.user?.id ?? null, userLogin: caller.user?.login ?? 'local' });

/** Who grants roles or manages accounts in this call: the audit name, with what they may do themselves. */
export const grantorOf = (caller: Caller): Grantor => ({ ...auditActor(caller), permissions: caller.permissions, scoped: !!caller.scope });

/** The data scope handlers pass to queries that return agents, orders or ranks. */
export const scopeOf = (caller: Caller): AgentScope => caller.scope ?? null;

/** Whether results and exports for this caller carry personal data in full. */
export const seesPii = (caller: Caller) => caller.permissions.has('pii.view');

/** What searches and sorts of this caller may use of personal data (see whereAgentMatches). */
export const piiViewOf = (caller: Caller): PiiView => (seesPii(caller) ? 'full' : 'masked');

export type Handler<M extends MethodName> = (input: ParsedInput<M>, env: Env, caller: Caller) => Promise<Output<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers one area registers; the registry combines all areas and must cover every method. */
export type AreaHandlers<M extends MethodName> = { [K in M]: Handler<K> };

/** Checked before the input is even parsed, so a refused caller learns nothing about valid inputs. */
export function authorize(method: string, needs: Permission | 'public' | 'signedIn', caller: Caller): void {
  if (needs === 'public') return;
  if (!caller.user) throw new ApiError('UNAUTHENTICATED', `sign in to use ${method}`);
  if (needs !== 'signedIn' && !caller.permissions.has(needs)) throw new ApiError('FORBIDDEN', `permission ${needs} is required for ${method}`, { permission: needs });
}

export interface Router {
  call(method: string, input: unknown, caller: Caller): Promise<Reply<unknown>>;
}

/** method → validate input → check permission → handler → validate output, one envelope out. */
export function createRouter(handlers: Handlers, env: Env, log: (e: unknown) => void = console.error): Router {
  return {
    async call(method, input, caller) {
      try {
        if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `unknown method: ${method}`);
        const def = contract[method];
        authorize(method, def.permission, caller);
        const given = input ?? {};
        const parsed = def.input.safeParse(given);
        if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => fieldIssueOf(i, given)));
        const handler = handlers[method] as Handler<MethodName>;
        const result = await handler(parsed.data as never, env, caller);
        // Output schemas strip anything a handler must not leak and catch drift from the contract.
        const data = def.output.parse(result);
        return { ok: true, data: redactBySchema(def.output, data, caller.permissions) };
      } catch (e) {
        if (e instanceof ApiError) return { ok: false, error: e.toBody() };
        if (e instanceof Error && e.name === 'AbortError')
          return { ok: false, error: { code: 'CANCELLED', message: 'the job was cancelled; nothing was changed' } };
        log(e);
        return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
      }
    },
  };
}
