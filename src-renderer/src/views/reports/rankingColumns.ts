// The distributor ranking's columns: which the user may choose, the defaults, and how each renders.
import { h } from 'vue';
import type { DataTableColumns } from 'naive-ui';
import { DEFAULT_RANKING_COLUMNS as DEFAULTS, RANKING_COLUMN_IDS, RANKING_INFO_COLUMN_IDS, RFM_SEGMENTS, type MetricId, type RankingColumnId, type RankingRow } from '@contract';
import { formatMovement, type Locale } from '@/components/metrics';
import { metricColumn } from '@/components/metricColumns';

// The choosable columns and the defaults are the contract's, so the export writes what the screen offers.
export const INFO_COLUMNS = RANKING_INFO_COLUMN_IDS;
export type InfoColumn = (typeof INFO_COLUMNS)[number];
export type RankingColumn = RankingColumnId;
export const RANKING_COLUMNS: readonly RankingColumn[] = RANKING_COLUMN_IDS;
export const DEFAULT_RANKING_COLUMNS: readonly RankingColumn[] = DEFAULTS;

/** The columns as the table shows them, for the export: the ranked metric first, the others in the picker's order. */
export const shownColumns = (metric: MetricId, chosen: readonly RankingColumn[]): RankingColumn[] => [metric, ...RANKING_COLUMNS.filter((c) => c !== metric && chosen.includes(c))];

export interface RankingColumnsInput {
  locale: Locale;
  t: (key: string, named?: Record<string, unknown>) => string;
  metric: MetricId;
  compare: boolean;
  chosen: readonly RankingColumn[];
  agentHref: (row: RankingRow) => string;
}

/** RFM segment, 沉睡 and 压货 in one short text: what a manager acts on. */
function signals(r: RankingRow, locale: Locale, t: RankingColumnsInput['t']): string {
  const parts = [r.rfmSegment ? RFM_SEGMENTS[r.rfmSegment][locale] : '', r.dormant ? t('signals.dormant') : '', r.stockPiling ? t('signals.stockPiling') : ''];
  return parts.filter(Boolean).join(' · ') || '—';
}

export function rankingColumns(o: RankingColumnsInput): DataTableColumns<RankingRow> {
  const { t, locale } = o;
  const days = (n: string) => t('units.days', { n });
  const info: Record<InfoColumn, DataTableColumns<RankingRow>[number]> = {
    levelName: { key: 'levelName', title: t('reports.columns.levelName'), width: 100 },
    province: { key: 'province', title: t('reports.columns.province'), width: 110, render: (r) => r.province || '—' },
    csName: { key: 'csName', title: t('reports.columns.csName'), width: 90, render: (r) => r.csName ?? t('agents.unassigned') },
    status: { key: 'status', title: t('reports.columns.status'), width: 80, render: (r) => t(`status.agent.${r.status}`) },
    signals: { key: 'signals', title: t('reports.columns.signals'), width: 150, ellipsis: { tooltip: true }, render: (r) => signals(r, locale, t) },
  };
  const ranked = { ...metricColumn<RankingRow>(o.metric, locale, (r) => r.value, days), className: 'ranked-metric' };
  return [
    { key: 'rank', title: t('reports.columns.rank'), width: 64, align: 'right', fixed: 'left' },
    ...(o.compare
      ? [
          {
            key: 'movement',
            title: t('reports.columns.movement'),
            width: locale === 'en' ? 100 : 86,
            render: (r: RankingRow) => {
              const m = formatMovement(r.movement, r.prevRank, locale);
              const prev = r.prevRank === null ? '' : t('reports.prevRank', { rank: r.prevRank });
              return h('span', { class: `tone-${m.tone}`, title: prev }, m.text);
            },
          },
        ]
      : []),
    { key: 'agentCode', title: t('reports.columns.agentCode'), width: 110, fixed: 'left' },
    {
      key: 'agentName',
      title: t('reports.columns.agent'),
      minWidth: 120,
      render: (r) => h('a', { href: o.agentHref(r), class: 'link-button', 'data-testid': 'agent-link' }, r.agentName),
    },
    ranked,
    // In the picker's order, whatever order they were ticked in.
    ...RANKING_COLUMNS.filter((c) => o.chosen.includes(c)).flatMap((c): DataTableColumns<RankingRow> => {
      if (c === o.metric) return [];
      if ((INFO_COLUMNS as readonly string[]).includes(c)) return [info[c as InfoColumn]];
      const id = c as MetricId;
      return [metricColumn<RankingRow>(id, locale, (r) => r.values[id], days)];
    }),
  ];
}

/** Total width for the table's horizontal scroll. */
export const columnsWidth = (cols: DataTableColumns<RankingRow>): number =>
  cols.reduce((w, c) => w + Number(('width' in c && c.width) || ('minWidth' in c && c.minWidth) || 120), 0);
