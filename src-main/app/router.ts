import type { z } from 'zod';
import type { Knex } from 'knex';
import {
  ApiError,
  contract,
  fieldIssueOf,
  isMethodName,
  validationFailed,
  type Contract,
  type MethodName,
  type Output,
  type ParsedInput,
  type Permission,
  type Reply,
} from '@contract';
import type { Env } from './env';
import { redactBySchema, type PiiView } from '../domain/accounts/masking';
import { isLimited, ScopeMissingError, type AgentScope } from '../domain/common/scope';
import type { Actor, WriteContext } from '../domain/common/context';
import { ChangeSet } from '../domain/ledger/changes';
import { publishChanges } from './events';
import type { Grantor } from '../domain/accounts/grants';

interface CallerBase {
  transport: 'electron' | 'http' | 'cli' | 'test';
  permissions: ReadonlySet<Permission>;
  /** The session behind this call (web mode cookie, Electron window), so auth.signOut can end it. */
  sessionToken?: string;
  /** Where the call comes from, for per-client limits (web mode: the remote address); absent: the transport. */
  client?: string;
}

/**
 * Who is calling: the transport, what they may do, and for a signed-in user (or the local operator) who they are
 * and their data scope, which must be given: ALL_AGENTS or { csUserId }, never left out to mean everyone.
 * Nobody signed in has neither (only public methods get that far).
 */
export type Caller = CallerBase & ({ user?: undefined; scope?: undefined } | { user: { id: string; login: string }; scope: AgentScope });
export type SignedInCaller = Extract<Caller, { scope: AgentScope }>;

/** Who an audit entry names for this call (the CLI is the local operator). */
export const auditActor = (caller: Caller): Actor => ({ userId: caller.user?.id ?? null, userLogin: caller.user?.login ?? 'local' });

/** The data scope handlers pass to queries that return agents, orders or ranks; a caller without one is refused. */
export function scopeOf(caller: Caller): AgentScope {
  if (!caller.scope) throw new ScopeMissingError(`a call from ${auditActor(caller).userLogin}`);
  return caller.scope;
}

/** Who grants roles or manages accounts in this call: the audit name, with what they may do themselves. */
export const grantorOf = (caller: Caller): Grantor => ({ ...auditActor(caller), permissions: caller.permissions, scoped: isLimited(scopeOf(caller)) });

/** Whether results and exports for this caller carry personal data in full. */
export const seesPii = (caller: Caller) => caller.permissions.has('pii.view');

/** What searches and sorts of this caller may use of personal data (see whereAgentMatches). */
export const piiViewOf = (caller: Caller): PiiView => (seesPii(caller) ? 'full' : 'masked');

/** A mutating method's context: the domain's WriteContext plus the caller (permissions, transport, session). */
export interface HandlerContext extends WriteContext {
  caller: Caller;
}

/**
 * What a mutating handler gets besides its context: the env without `db`, since the one pooled connection is the
 * transaction's until it ends (the root handle would wait for it forever). Every statement goes through ctx.trx.
 */
export type WriteEnv = Omit<Env, 'db'>;

type ReadHandler<M extends MethodName> = (input: ParsedInput<M>, env: Env, caller: Caller) => Promise<Output<M>>;
type WriteStep<M extends MethodName> = (ctx: HandlerContext, env: WriteEnv) => Promise<Output<M>>;
export type WriteFn<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext, env: WriteEnv) => Promise<Output<M>>;
/**
 * A write with a slow step that needs no transaction (hashing a password takes ~0.5 s by design): `prepare`
 * runs it before the transaction opens, since the pool's one connection is the transaction's while it lasts and
 * every other call would wait; it returns the write, which then runs in the transaction like any other.
 */
export interface PreparedWrite<M extends MethodName> {
  prepare(input: ParsedInput<M>, env: Env, caller: Caller): Promise<WriteStep<M>>;
}
type WriteHandler<M extends MethodName> = WriteFn<M> | PreparedWrite<M>;
/** A method marked `mutates` gets (input, ctx, env) and runs inside the router's transaction; others get (input, env, caller). */
export type Handler<M extends MethodName> = Contract[M] extends { mutates: true } ? WriteHandler<M> : ReadHandler<M>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers one area registers; the registry combines all areas and must cover every method. */
export type AreaHandlers<M extends MethodName> = { [K in M]: Handler<K> };

/** Checked before the input is even parsed, so a refused caller learns nothing about valid inputs. */
export function authorize(method: string, needs: Permission | 'public' | 'signedIn', caller: Caller): void {
  if (needs === 'public') return;
  if (!caller.user) throw new ApiError('UNAUTHENTICATED', `sign in to use ${method}`);
  if (needs !== 'signedIn' && !caller.permissions.has(needs)) throw new ApiError('FORBIDDEN', `permission ${needs} is required for ${method}`, { permission: needs });
}

/** The context of one write; its scope is looked up when the write asks, so a caller without one fails there. */
function writeContext(trx: Knex.Transaction, env: Env, caller: Caller): HandlerContext {
  return {
    trx,
    caller,
    actor: auditActor(caller),
    get scope() {
      return scopeOf(caller);
    },
    timeZone: env.timeZone,
    now: env.clock,
    changes: new ChangeSet(),
  };
}

export interface Router {
  call(method: string, input: unknown, caller: Caller): Promise<Reply<unknown>>;
}

/**
 * method → check permission → validate input → handler → validate output, one envelope out. A `mutates` method's
 * handler and its output check run in one transaction (knex holds the pool's only connection until it ends, so
 * other calls wait rather than interleave): a throw anywhere rolls back the write and its audit entry together.
 */
export function createRouter(handlers: Handlers, env: Env, log: (e: unknown) => void = console.error): Router {
  return {
    async call(method, input, caller) {
      try {
        if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `unknown method: ${method}`);
        const def: { input: z.ZodType; output: z.ZodType; permission: Permission | 'public' | 'signedIn'; mutates?: true } = contract[method];
        authorize(method, def.permission, caller);
        const given = input ?? {};
        const parsed = def.input.safeParse(given);
        if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => fieldIssueOf(i, given)));
        // Output schemas strip anything a handler must not leak and catch drift from the contract.
        let changes: ChangeSet | undefined;
        let data: unknown;
        if (def.mutates) {
          const h = handlers[method] as unknown as WriteHandler<MethodName>;
          const step: WriteStep<MethodName> = typeof h === 'function' ? (ctx, writeEnv) => h(parsed.data as never, ctx, writeEnv) : await h.prepare(parsed.data as never, env, caller);
          data = await env.db.transaction(async (trx) => {
            const { db: _root, ...writeEnv } = env;
            const ctx = writeContext(trx, env, caller);
            changes = ctx.changes;
            return def.output.parse(await step(ctx, writeEnv));
          });
        } else data = def.output.parse(await (handlers[method] as unknown as ReadHandler<MethodName>)(parsed.data as never, env, caller));
        // Only now, after the commit: a rolled-back write threw above and announces nothing.
        if (changes) publishChanges(env.events, changes);
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
