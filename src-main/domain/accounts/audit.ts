import type { AuditEntryRow, AuditEntryStored, ParsedInput } from '@contract';
import { dayStartMs } from '@contract/days';
import type { Db } from '../../db/open';
import { pageSlice, wherePrefix } from '../common/sql';
import { newId } from '../common/ids';
import { throwIfCancelled, type JobControl } from '../common/job';
import type { Actor, WriteContext } from '../common/context';
import type { AgentScope } from '../common/scope';
import { withSubjects } from './auditSubjects';

export type AuditAction = AuditEntryRow['action'];

/** Who an entry names: the acting staff member (the CLI's local operator has no user id). */
export type AuditActor = Actor;

export interface AuditEntry {
  userId: string | null;
  userLogin: string;
  action: AuditAction;
  target?: string;
  details?: Record<string, unknown>;
}

/** The entry of a write, in its transaction, naming its actor, at its clock's time: it commits with the write or not at all. */
export const audit = (ctx: WriteContext, e: Omit<AuditEntry, keyof Actor>): Promise<void> => appendAudit(ctx.trx, { ...ctx.actor, ...e }, ctx.now());

/** Append one entry (the table refuses updates and early deletes by trigger). Inside a write, use `audit(ctx, …)`. */
export const appendAudit = (db: Db, e: AuditEntry, now = Date.now()): Promise<void> => appendAudits(db, [e], now);

/** Append several entries at once, a hundred rows per INSERT (an import audits every product it reprices). */
export async function appendAudits(db: Db, entries: AuditEntry[], now = Date.now()): Promise<void> {
  const rows = entries.map((e) => ({
    id: newId(),
    at: now,
    user_id: e.userId,
    user_login: e.userLogin,
    action: e.action,
    target: e.target ?? '',
    details: JSON.stringify(e.details ?? {}),
  }));
  for (let i = 0; i < rows.length; i += 100) await db('audit_log').insert(rows.slice(i, i + 100));
}

type AuditFilter = Omit<ParsedInput<'audit.list'>, 'page' | 'pageSize'>;

function filtered(db: Db, q: AuditFilter, timeZone: string) {
  return db('audit_log').where((w) => {
    if (q.action) w.where('action', q.action);
    if (q.login) wherePrefix(w, 'user_login', q.login);
    if (q.from) w.where('at', '>=', dayStartMs(q.from, timeZone));
    if (q.to) w.where('at', '<', dayStartMs(q.to, timeZone));
  });
}

const toEntry = (r: Record<string, unknown>): AuditEntryStored => ({
  id: r.id as string,
  at: Number(r.at),
  userLogin: r.user_login as string,
  action: r.action as AuditEntryRow['action'],
  target: r.target as string,
  details: JSON.parse(r.details as string),
});

/** A page of the log, each entry with what it is about by name (agents' names only in `scope`). */
export async function listAudit(db: Db, q: ParsedInput<'audit.list'>, timeZone: string, scope: AgentScope): Promise<{ rows: AuditEntryRow[]; total: number }> {
  const base = filtered(db, q, timeZone);
  const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
  const { limit, offset } = pageSlice(q.page, q.pageSize);
  const rows = await base.clone().select('*').orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit).offset(offset);
  return { total, rows: await withSubjects(db, rows.map(toEntry), scope) };
}

/**
 * Every matching entry, newest first, in pages (the log grows without bound; memory stays flat). Pages
 * continue after the last entry seen, not by OFFSET, so each page costs the same; progress and cancel per page.
 */
export async function forEachAudit(
  db: Db,
  q: AuditFilter,
  timeZone: string,
  each: (e: AuditEntryStored) => void | Promise<void>,
  job: JobControl = {},
): Promise<number> {
  const PAGE = 2000;
  const total = Number((await filtered(db, q, timeZone).count({ n: '*' }).first())?.n ?? 0);
  let n = 0;
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const last = after;
    const rows = await filtered(db, q, timeZone)
      .where((w) => last && w.where('at', '<', last.at).orWhere((x) => x.where('at', last.at).where('id', '<', last.id)))
      .select('*')
      .orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(PAGE);
    for (const r of rows) await each(toEntry(r));
    n += rows.length;
    job.progress?.(n, Math.max(total, n), 'rows');
    throwIfCancelled(job.signal);
    if (rows.length < PAGE) return n;
    after = { at: Number(rows.at(-1).at), id: rows.at(-1).id };
  }
}
