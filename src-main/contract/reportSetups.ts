import { z } from 'zod';
import { PERIOD_ORDER, day, id, trimmed } from './common';
import { method } from './method';
import { metricId } from './metrics';
import { agentFilters } from './analytics';
import { PERIOD_PRESETS, presetPeriod } from './periods';
import { rankingColumns } from './rankingReport';

/**
 * Saved report setups (报表方案): a distributor ranking as a user set it up (metric, period preset or fixed range,
 * filters, columns, comparison), saved under a name and re-run in one click or from the CLI
 * (`export ranking --setup NAME`). Setups are shared by the supplier's team: a manager sets one up, the owner or a
 * nightly script re-runs it. A setup holds no data: whoever runs it gets the ranking within their own scope and
 * masking. Only its creator (or a holder of accounts.manage) may change or delete it.
 */
export const periodPreset = z.enum(PERIOD_PRESETS);
export const setupPeriod = z.discriminatedUnion('kind', [
  /** Cut again on the day the setup runs (last-30-days is always the last 30 days). */
  z.object({ kind: z.literal('preset'), preset: periodPreset }).strict(),
  z.object({ kind: z.literal('range'), from: day, to: day }).strict().refine((p) => p.from < p.to, { ...PERIOD_ORDER, path: ['to'] }),
]);
export type SetupPeriod = z.infer<typeof setupPeriod>;

export const reportSetupSpec = z.object({
  metric: metricId,
  period: setupPeriod,
  filters: agentFilters.default({}),
  /** Chosen columns in their order (metric ids and agent columns); the ranked metric is always written. */
  columns: rankingColumns,
  compare: z.boolean().default(true),
});
export type ReportSetupSpec = z.output<typeof reportSetupSpec>;

export const reportSetupSchema = z.object({
  id: z.string(),
  name: z.string(),
  spec: reportSetupSpec,
  createdBy: z.string(),
  updatedAt: z.number().int(),
  /** Whether the caller may change or delete it (its creator, or a holder of accounts.manage). */
  editable: z.boolean(),
});
export type ReportSetup = z.output<typeof reportSetupSchema>;

export const reportSetupsMethods = {
  'reportSetups.list': method({
    summary: 'Saved distributor-ranking setups of the team, by name',
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(reportSetupSchema) }),
    permission: 'reports.view',
    errors: [],
  }),
  'reportSetups.save': method({
    summary: 'Save a ranking setup under a name (a new client-generated id creates it, a known one changes it); names are unique; audited',
    input: z.object({ id, name: trimmed(40).min(1, 'name: give the setup a name'), spec: reportSetupSpec }),
    output: reportSetupSchema,
    permission: 'reports.export',
    errors: ['CONFLICT', 'FORBIDDEN'],
    mutates: true,
  }),
  'reportSetups.delete': method({
    summary: 'Delete a saved ranking setup (its creator, or a holder of accounts.manage); audited',
    input: z.object({ id, confirm: z.literal(true) }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'reports.export',
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    mutates: true,
  }),
};

/**
 * What running a setup on local day `today` asks for (the screen's ranking and the export, from the renderer and
 * the CLI alike): a preset is cut again on that day, a fixed range stays.
 */
export function setupQuery(spec: ReportSetupSpec, today: string) {
  const p = spec.period;
  const period = p.kind === 'preset' ? { ...presetPeriod(p.preset, today), preset: p.preset } : { from: p.from, to: p.to, preset: undefined };
  return { ...period, metric: spec.metric, filters: spec.filters, compare: spec.compare, columns: spec.columns };
}
