// naive-ui's `ellipsis: { tooltip: true }` mounts an NEllipsis with its own NTooltip in every cell and measures
// the cell while rendering it (to know whether the tooltip is needed): per page, hundreds of components and forced
// layouts. Here the cell is a plain span clipped by CSS (.cell-clip in styles.css); TipHost shows its full text on
// hover or focus when it does not fit. Views keep writing `ellipsis: { tooltip: true }`.
import { h, type VNodeChild } from 'vue';
import type { DataTableColumn, DataTableColumns } from 'naive-ui';

type Column<R> = DataTableColumn<R> & { ellipsis?: unknown; render?: (row: R, index: number) => VNodeChild; children?: Column<R>[]; key?: string | number };

function clip<R>(col: Column<R>): Column<R> {
  if (col.children) return { ...col, children: col.children.map(clip) } as Column<R>;
  if (!col.ellipsis) return col;
  const { render, key } = col;
  return {
    ...col,
    ellipsis: false,
    render: (row: R, i: number) =>
      h('span', { class: 'cell-clip', 'data-tip-overflow': '' }, [render ? render(row, i) : String((row as Record<string, unknown>)[String(key)] ?? '')]),
  } as Column<R>;
}

export const clipColumns = <R>(cols: DataTableColumns<R>): DataTableColumns<R> => (cols as Column<R>[]).map(clip) as DataTableColumns<R>;
