import type { ExportResult, ReportLocale } from '@contract';
import { addDays } from '@contract/days';
import { addKeyValueSheet, addTableSheet, writeWorkbook, type ColumnSpec } from '../../excel/tableSheet';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { isLimited, type AgentScope } from '../common/scope';
import { agentMatcher } from '../analytics/agentFilter';
import { dayRange } from '../analytics/epochDays';
import { AgentFigures } from '../analytics/figures';
import type { ModelData } from '../analytics/readModel';
import type { Analytics } from '../analytics/service';
import { piiLine, REPORT_LABELS } from './labels';
import { agentCells, agentColumns, reportAgents } from './reportAgents';

type Cell = string | number | null;

/** What one follow-up list (dormant, stock piling) adds to the shared skeleton. */
export interface AgentListSpec<K extends string, P> {
  /** The sheet's name and the report's, in the report's language. */
  sheet: string;
  columns: ColumnSpec<K>[];
  /** Days back from the as-of day that `f` (the figures handed to `pick`) covers. */
  windowDays: number;
  /** The agent's entry when it belongs on the list, else null; `f` is at agent slot `a`. */
  pick: (f: AgentFigures, a: number) => P | null;
  /** Rows first, by this order. */
  compare: (x: P, y: P) => number;
  /** Cells besides the agent columns; `extra` is what `prepare` read for the agents of one batch. */
  cells: (p: P, extra: Map<string, unknown>, agentId: string) => Record<K, Cell>;
  prepare?: (ids: string[]) => Promise<Map<string, unknown>>;
  summary: { label: string; value: string | number | null }[];
}

const BATCH = 500;

/**
 * A follow-up list of agents as of the end of local day `asOf`: the agents in the caller's scope that `spec.pick`
 * keeps, as one sheet (agent columns, masked as the caller's permissions say, then the list's own) and a summary
 * sheet. The choice is made with the analytics read model's definitions (alerts.ts), so the list is exactly what
 * the dashboard and the ranking's flags count.
 */
export async function exportAgentList<K extends string, P extends { a: number }>(
  an: Analytics,
  spec: AgentListSpec<K, P>,
  q: { asOf: string; locale: ReportLocale },
  file: string,
  job: JobControl & { masked: boolean; scope: AgentScope },
): Promise<ExportResult> {
  const { asOf, locale } = q;
  const w = REPORT_LABELS[locale];
  const to = addDays(asOf, 1);
  const m: ModelData = await an.model.current();
  const match = agentMatcher(m.agents, {}, job.scope);
  const range = dayRange({ from: addDays(to, -spec.windowDays), to });
  const f = new AgentFigures(m, range, { listedSkus: 0 });
  const picked: P[] = [];
  for (let a = 0; a < m.agents.count; a++) {
    if (!match(a)) continue;
    const p = spec.pick(f.at(a), a);
    if (p) picked.push(p);
  }
  picked.sort((x, y) => spec.compare(x, y) || (m.agents.codes[x.a] < m.agents.codes[y.a] ? -1 : 1));
  throwIfCancelled(job.signal);
  const result = await writeWorkbook(file, async (wb) => {
    const sheet = addTableSheet(wb, spec.sheet, [...agentColumns(w), ...spec.columns] as ColumnSpec<string>[]);
    for (let i = 0; i < picked.length; i += BATCH) {
      const batch = picked.slice(i, i + BATCH);
      const ids = batch.map((p) => m.agents.ids[p.a]);
      const [agents, extra] = await Promise.all([reportAgents(an.db, ids, job.masked), spec.prepare?.(ids) ?? new Map<string, unknown>()]);
      batch.forEach((p, j) => {
        const agent = agents.get(ids[j]);
        if (agent) sheet.add({ ...agentCells(agent, locale), ...spec.cells(p, extra, ids[j]) });
      });
      job.progress?.(i + batch.length, picked.length, 'rows');
      await yieldToLoop();
      throwIfCancelled(job.signal);
    }
    sheet.commit();
    addKeyValueSheet(wb, w.common.summarySheet, [
      { label: w.common.report, value: spec.sheet },
      { label: w.agentList.asOf, value: asOf },
      { label: w.common.timeZone, value: an.timeZone },
      piiLine(w, job.masked),
      ...(isLimited(job.scope) ? [{ label: w.common.scope, value: w.common.assignedOnly }] : []),
      { label: w.common.agents, value: picked.length, kind: 'int' as const },
      ...spec.summary,
    ]);
    return picked.length;
  });
  job.progress?.(result.rows, result.rows, 'done');
  return result;
}
