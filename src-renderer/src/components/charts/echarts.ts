// ECharts, tree-shaken: only the charts and components the analytics screens draw are registered, and the
// option type is composed from exactly those, so an option using anything else fails to compile.
// The SVG renderer: a handful of bars and lines draw crisply at any zoom, and the chart is plain DOM that
// screen readers (aria) and the end-to-end tests can read.
import { use, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption>;
