// Saved report setups (报表方案). Shared by the team rather than kept per user: a manager sets up "月度前 100" and the
// owner, a colleague or a nightly `export ranking --setup` script re-runs it; a setup holds no data (whoever runs it
// gets their own scope and masking), so sharing it shares nothing but the choice of figures. Changing or deleting
// one is for its creator, or for a holder of accounts.manage (someone has to tidy up after a colleague leaves).
import { ApiError, RANKING_COLUMN_IDS, reportSetupSpec, type ReportSetup, type ReportSetupSpec } from '@contract';
import type { Db } from '../../db/open';
import type { WriteContext } from '../common/context';
import { audit } from '../accounts/audit';

/** Who asks: whose setups are theirs, and whether they may change everyone's. */
export interface SetupUser {
  userId: string | null;
  manageAll: boolean;
}

interface SetupRow {
  id: string;
  name: string;
  spec: string;
  created_by: string | null;
  created_by_login: string;
  updated_at: number;
}

/** A stored spec read back through the contract's schema; columns that no longer exist are dropped. */
function parseSpec(json: string): ReportSetupSpec {
  const raw = JSON.parse(json) as { columns?: unknown };
  if (Array.isArray(raw.columns)) raw.columns = raw.columns.filter((c) => (RANKING_COLUMN_IDS as readonly unknown[]).includes(c));
  return reportSetupSpec.parse(raw);
}

const mayEdit = (r: Pick<SetupRow, 'created_by'>, by: SetupUser) => by.manageAll || (r.created_by !== null && r.created_by === by.userId);

const toSetup = (r: SetupRow, by: SetupUser): ReportSetup => ({
  id: r.id,
  name: r.name,
  spec: parseSpec(r.spec),
  createdBy: r.created_by_login,
  updatedAt: Number(r.updated_at),
  editable: mayEdit(r, by),
});

export async function listSetups(db: Db, by: SetupUser): Promise<ReportSetup[]> {
  const rows: SetupRow[] = await db('report_setups').orderBy('name').select('*');
  return rows.map((r) => toSetup(r, by));
}

/** The setup of that name (the CLI's `--setup`); NOT_FOUND lists the names there are. */
export async function setupByName(db: Db, name: string, by: SetupUser): Promise<ReportSetup> {
  const all = await listSetups(db, by);
  const found = all.find((s) => s.name === name.trim());
  if (!found) throw new ApiError('NOT_FOUND', `no report setup named "${name}"; saved setups: ${all.map((s) => s.name).join(', ') || 'none'}`, { field: 'setup' });
  return found;
}

async function stored(db: Db, id: string): Promise<SetupRow | undefined> {
  return db('report_setups').where({ id }).first();
}

function requireEditable(r: SetupRow, by: SetupUser, what: string): void {
  if (!mayEdit(r, by)) throw new ApiError('FORBIDDEN', `the setup "${r.name}" was saved by ${r.created_by_login}; only they (or an administrator) may ${what} it`);
}

/** Create (a new id) or change (a known one) a setup; names are unique. Audited. */
export async function saveSetup(ctx: WriteContext, by: SetupUser, s: { id: string; name: string; spec: ReportSetupSpec }): Promise<ReportSetup> {
  const db = ctx.trx;
  const before = await stored(db, s.id);
  if (before) requireEditable(before, by, 'change');
  const clash = await db('report_setups').where({ name: s.name }).whereNot({ id: s.id }).first('id');
  if (clash) throw new ApiError('CONFLICT', `a report setup named "${s.name}" already exists; choose another name or change that one`, { field: 'name' });
  const now = ctx.now();
  const spec = JSON.stringify(s.spec);
  if (before) await db('report_setups').where({ id: s.id }).update({ name: s.name, spec, updated_at: now });
  else
    await db('report_setups').insert({ id: s.id, name: s.name, spec, created_by: ctx.actor.userId, created_by_login: ctx.actor.userLogin, created_at: now, updated_at: now });
  await audit(ctx, { action: 'report_setup', target: `reportSetup:${s.name}`, details: { id: s.id, created: !before, renamedFrom: before && before.name !== s.name ? before.name : undefined, ...s.spec } });
  return toSetup((await stored(db, s.id))!, by);
}

export async function deleteSetup(ctx: WriteContext, by: SetupUser, id: string): Promise<void> {
  const before = await stored(ctx.trx, id);
  if (!before) throw new ApiError('NOT_FOUND', `report setup ${id} does not exist`);
  requireEditable(before, by, 'delete');
  await ctx.trx('report_setups').where({ id }).delete();
  await audit(ctx, { action: 'delete', target: `reportSetup:${before.name}`, details: { kind: 'reportSetup', id, createdBy: before.created_by_login } });
}
