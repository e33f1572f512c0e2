import { ApiError, validationFailed, type Agent, type ParsedInput } from '@contract';
import type { Knex } from 'knex';
import type { Db } from '../../db/open';
import { periodMs } from '@contract/days';
import { pageSlice, parseJsonArray, wherePrefix } from '../common/sql';
import { assignedTo, whereAssignedInScope, type AgentScope } from '../common/scope';
import type { WriteContext } from '../common/context';
import { NAME_SHOWN_CHARS, type PiiView } from '../accounts/masking';
import { audit } from '../accounts/audit';
import { noteAgentsChanged } from '../ledger/agentChanges';

type ListQuery = ParsedInput<'agents.list'>;

const SORT_COLUMNS: Record<ListQuery['sort'], string> = {
  code: 'a.code',
  name: 'a.name',
  joinedAt: 'a.joined_at',
  status: 'a.status',
  level: 'l.rank',
};

/**
 * One search box for name, pinyin initials, WeChat ID, code (prefixes) and mobile (4-digit tail or full
 * number): each branch is an index range or equality, so SQLite answers with a multi-index OR, not a scan.
 *
 * `view` 'masked' (no pii.view): a search must not confirm what the mask hides, one guessed prefix at a
 * time (134****4037 fell to 5–7 digit prefixes). It then matches only a whole value the caller already
 * knows (name, mobile, WeChat ID) or what the mask shows (the last 4 digits, the first character of a
 * name); pinyin initials spell the hidden characters, so they are not searched. Codes are not personal.
 */
export function whereAgentMatches(w: Knex.QueryBuilder, search: string, view: PiiView, alias = 'a'): void {
  const s = search;
  const full = view === 'full';
  w.where((o) => {
    o.orWhere((x) => wherePrefix(x, `${alias}.code`, s.toUpperCase()));
    if (full || [...s].length <= NAME_SHOWN_CHARS) o.orWhere((x) => wherePrefix(x, `${alias}.name`, s));
    else o.orWhere(`${alias}.name`, s);
    if (full) o.orWhere((x) => wherePrefix(x, `${alias}.wechat_id`, s));
    else o.orWhere(`${alias}.wechat_id`, s);
    if (full && /^[a-z]+$/i.test(s)) o.orWhere((x) => wherePrefix(x, `${alias}.name_initials`, s.toLowerCase()));
    if (/^\d{4}$/.test(s)) o.orWhere(`${alias}.phone_tail`, s);
    else if (/^\d{5,11}$/.test(s)) o.orWhere((x) => (full ? wherePrefix(x, `${alias}.phone`, s) : x.where(`${alias}.phone`, s)));
  });
}

/** Sorting by a masked column would order rows by what the mask hides (a binary search on the name). */
function refuseMaskedSort(sort: ListQuery['sort'], view: PiiView): void {
  if (view === 'masked' && sort === 'name')
    throw validationFailed([{ path: 'sort', code: 'sortNeedsPii', message: 'sorting by name needs permission pii.view; sort by code instead' }]);
}

/** `only`: the agents a computed filter (q.signal) found; one JSON parameter, however many. */
export async function listAgents(db: Db, q: ListQuery, scope: AgentScope, view: PiiView, timeZone: string, only?: string[]): Promise<{ rows: Agent[]; total: number }> {
  refuseMaskedSort(q.sort, view);
  const cs = assignedTo(scope);
  const base = db('agents as a').where((w) => {
    whereAssignedInScope(w, 'a.cs_user_id', scope);
    if (q.csUserId === 'none') w.whereNull('a.cs_user_id');
    else if (q.csUserId) w.where('a.cs_user_id', q.csUserId);
    if (q.status) w.where('a.status', q.status);
    if (q.levelId) w.where('a.level_id', q.levelId);
    if (q.province) w.where('a.province', q.province);
    if (q.joinedIn) {
      const { fromMs, toMs } = periodMs(q.joinedIn.from, q.joinedIn.to, timeZone);
      w.where('a.joined_at', '>=', fromMs).where('a.joined_at', '<', toMs);
    }
    if (only) w.whereRaw('a.id IN (SELECT value FROM json_each(?))', [JSON.stringify(only)]);
    if (q.orderedIn) {
      const { fromMs, toMs } = periodMs(q.orderedIn.from, q.orderedIn.to, timeZone);
      // Counted orders as the figures count them; (agent_id, placed_at) is indexed.
      w.whereExists((x) =>
        x.select(db.raw('1')).from('orders as o').whereRaw('o.agent_id = a.id').where('o.placed_at', '>=', fromMs).where('o.placed_at', '<', toMs).whereNot('o.status', 'cancelled'),
      );
    }
    if (q.search) whereAgentMatches(w, q.search, view);
  });
  const total = Number((await base.clone().count({ n: '*' }).first())?.n ?? 0);
  const { limit, offset } = pageSlice(q.page, q.pageSize);
  const rows = await base
    .clone()
    .join('agent_levels as l', 'l.id', 'a.level_id')
    // A referrer outside the caller's scope is left out: a scoped clerk learns nothing of other staff's agents.
    .leftJoin('agents as r', (j) => {
      j.on('r.id', 'a.referrer_id');
      if (cs !== null) j.andOnVal('r.cs_user_id', cs);
    })
    .leftJoin('users as u', 'u.id', 'a.cs_user_id')
    .select(
      'a.id',
      'a.code',
      'a.name',
      'a.wechat_id',
      'a.phone',
      'a.province',
      'a.city',
      'a.district',
      'a.level_id',
      'l.name as level_name',
      'a.status',
      'a.source_channel',
      'r.id as referrer_id',
      'r.name as referrer_name',
      'a.verified',
      'a.tags',
      'a.joined_at',
      'a.cs_user_id',
      'u.name as cs_name',
    )
    .orderBy([{ column: SORT_COLUMNS[q.sort], order: q.order }, { column: 'a.code', order: 'asc' }])
    .limit(limit)
    .offset(offset);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      wechatId: r.wechat_id,
      phone: r.phone,
      province: r.province,
      city: r.city,
      district: r.district,
      levelId: r.level_id,
      levelName: r.level_name,
      status: r.status,
      sourceChannel: r.source_channel,
      referrerId: r.referrer_id,
      referrerName: r.referrer_name,
      verified: !!r.verified,
      tags: parseJsonArray(r.tags),
      joinedAt: Number(r.joined_at),
      csUserId: r.cs_user_id,
      csName: r.cs_name,
    })),
  };
}

/**
 * Assign agents to a staff member (null: nobody); unknown agents or staff are refused, nothing half-done.
 * Audited in the same transaction: an assignment widens what a scoped clerk sees. A scoped actor may hand on
 * only agents in their own scope, so assigning never widens their own view: one outside is refused like a missing one.
 */
export async function assignAgents(ctx: WriteContext, agentIds: string[], csUserId: string | null): Promise<number> {
  const { trx, scope } = ctx;
  const now = ctx.now();
  const staff = csUserId ? await trx('users').where({ id: csUserId }).first('login') : null;
  if (csUserId && !staff) throw new ApiError('NOT_FOUND', `staff account ${csUserId} does not exist`);
  const ids = [...new Set(agentIds)];
  let updated = 0;
  // SQLite caps bound parameters: update in slices, all inside the one transaction.
  for (let i = 0; i < ids.length; i += 500)
    updated += await trx('agents')
      .whereIn('id', ids.slice(i, i + 500))
      .where((w) => whereAssignedInScope(w, 'cs_user_id', scope))
      .update({ cs_user_id: csUserId, updated_at: now });
  if (updated !== ids.length) throw new ApiError('NOT_FOUND', `${ids.length - updated} of the chosen agents no longer exist or are not assigned to you; reload the list`);
  // Rankings of scoped staff follow the assignment (the analytics read model reloads these agents).
  await noteAgentsChanged(trx, ids);
  ctx.changes.touch(['agents'], ids);
  await audit(ctx, { action: 'agents_assign', target: staff?.login ?? '', details: { agents: updated, unassigned: !staff } });
  return updated;
}
