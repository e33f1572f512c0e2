// The ranking sheet's columns as the user chose them: rank, the previous rank and movement (with comparison),
// agent code and name, then the chosen columns in their order (the ranked metric first when it was not chosen).
// Each column is a header in the report's language, a cell kind (¥ from fen, %, integers) and a getter that
// reads the ranked agent's row cursor (analytics/rows.ts) without allocating: one getter per column, built once
// per export, so only the columns written are computed.
import {
  AGENT_STATUS_NAMES,
  METRICS,
  RANKING_FIXED_COLUMNS,
  RANKING_INFO_COLUMNS,
  RFM_SEGMENTS,
  SIGNAL_NAMES,
  isInfoColumn,
  movementOf,
  type MetricId,
  type MetricInfo,
  type RankingColumnId,
  type ReportLocale,
  type RfmSegment,
} from '@contract';
import type { ColumnKind, ColumnSpec } from '../../excel/tableSheet';
import { maskName } from '../accounts/masking';
import { METRIC_VALUE } from '../analytics/figures';
import type { RankedAgent } from '../analytics/rows';

export type Cell = string | number | null;
export interface SheetColumn extends ColumnSpec {
  get: (row: RankedAgent) => Cell;
}

const KIND: Record<MetricInfo['unit'], ColumnKind> = { fen: 'yuan', count: 'int', ratio: 'percent', days: 'decimal', perMonth: 'decimal' };
const SAMPLE: Record<MetricInfo['unit'], string> = { fen: '¥000,000,000.00', count: '00,000,000', ratio: '000.0%', days: '0,000.00', perMonth: '0,000.00' };

export const UNASSIGNED = { 'zh-CN': '未分配', en: 'Unassigned' } as const;

/** The chosen columns with the ranked metric in: where it was chosen, else first. */
export function withRankedMetric(columns: readonly RankingColumnId[], metric: MetricId): RankingColumnId[] {
  return columns.includes(metric) ? [...columns] : [metric, ...columns];
}

/** RFM segment, 沉睡 and 压货 in one short text, as the screen's 提示 column. */
function signalText(segment: RfmSegment | null, dormant: boolean, piling: boolean, locale: ReportLocale): string {
  const parts: string[] = [];
  if (segment) parts.push(RFM_SEGMENTS[segment][locale]);
  if (dormant) parts.push(SIGNAL_NAMES.dormant[locale]);
  if (piling) parts.push(SIGNAL_NAMES.stockPiling[locale]);
  return parts.join(' · ');
}

/** The 提示 column: its few texts made once, looked up by segment and flags (no array or join per row). */
function signalsGetter(locale: ReportLocale): (r: RankedAgent) => string {
  const texts = new Map<RfmSegment | null, string[]>(
    [null, ...(Object.keys(RFM_SEGMENTS) as RfmSegment[])].map((seg) => [seg, [0, 1, 2, 3].map((b) => signalText(seg, (b & 2) > 0, (b & 1) > 0, locale))]),
  );
  return (r) => texts.get(r.rfmSegment)![(r.dormant ? 2 : 0) | (r.stockPiling ? 1 : 0)];
}

function metricColumn(id: MetricId, locale: ReportLocale): SheetColumn {
  const m: MetricInfo = METRICS[id];
  const header = m.name[locale];
  // Yuan numbers with a ¥ format (never text), so sums and sorting work in Excel.
  const value: (f: RankedAgent['f']) => number | null = METRIC_VALUE[id];
  const get = m.unit === 'fen' ? (r: RankedAgent) => { const v = value(r.f); return v === null ? null : v / 100; } : (r: RankedAgent) => value(r.f);
  return { key: id, header, kind: KIND[m.unit], samples: [SAMPLE[m.unit]], get };
}

export interface SheetOptions {
  columns: readonly RankingColumnId[];
  metric: MetricId;
  compare: boolean;
  locale: ReportLocale;
  masked: boolean;
  /** The longest code and name, to fit the widths before rows stream out. */
  longest: { code: string; name: string };
}

export function rankingSheetColumns(o: SheetOptions): SheetColumn[] {
  const { locale } = o;
  const fixed = (k: keyof typeof RANKING_FIXED_COLUMNS) => RANKING_FIXED_COLUMNS[k][locale];
  const info: Record<string, (key: string, header: string) => SheetColumn> = {
    levelName: (key, header) => ({ key, header, kind: 'text', samples: ['体验代理体验'], get: (r) => r.levelName }),
    province: (key, header) => ({ key, header, kind: 'text', samples: ['内蒙古自治区'], get: (r) => r.province }),
    csName: (key, header) => ({ key, header, kind: 'text', samples: ['客服客服客服', UNASSIGNED[locale]], get: (r) => r.csName ?? UNASSIGNED[locale] }),
    status: (key, header) => ({ key, header, kind: 'text', samples: Object.values(AGENT_STATUS_NAMES).map((w) => w[locale]), get: (r) => AGENT_STATUS_NAMES[r.status][locale] }),
    signals: (key, header) => ({ key, header, kind: 'text', samples: ['一般发展 · 沉睡 · 压货'], get: signalsGetter(locale) }),
  };
  return [
    { key: 'rank', header: fixed('rank'), kind: 'int', get: (r) => r.rank },
    ...(o.compare
      ? [
          { key: 'prevRank', header: fixed('prevRank'), kind: 'int', get: (r) => r.prevRank },
          { key: 'movement', header: fixed('movement'), kind: 'text', samples: ['新上榜', '↓00000'], get: (r) => movementOf(r.movement, r.prevRank, locale).text },
        ] satisfies SheetColumn[]
      : []),
    { key: 'agentCode', header: fixed('agentCode'), kind: 'text', samples: [o.longest.code], get: (r) => r.agentCode },
    o.masked
      ? { key: 'agentName', header: fixed('agent'), kind: 'text', samples: [o.longest.name], get: (r) => maskName(r.agentName) }
      : { key: 'agentName', header: fixed('agent'), kind: 'text', samples: [o.longest.name], get: (r) => r.agentName },
    ...withRankedMetric(o.columns, o.metric).map((c) => (isInfoColumn(c) ? info[c](c, RANKING_INFO_COLUMNS[c][locale]) : metricColumn(c, locale))),
  ];
}
