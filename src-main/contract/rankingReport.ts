import { z } from 'zod';
import { METRIC_IDS, type MetricId } from './metrics';
import type { AgentStatus } from './agents';
import type { PeriodPreset } from './periods';

/**
 * The distributor ranking's words that the screen and its Excel export both show, in zh-CN and en: the one
 * place for the columns a user may choose (besides the metrics of metrics.ts), the movement against the
 * previous period (↑3 / ↓2 / 持平 / 新上榜), agent statuses and signals. The main process has no i18n, and
 * the renderer's i18n files must not say these differently (tests/unit/rankingReport.test.ts checks).
 */
export const REPORT_LOCALES = ['zh-CN', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];
export const reportLocale = z.enum(REPORT_LOCALES);
type Words = Record<ReportLocale, string>;

/** Columns about the agent rather than a figure. */
export const RANKING_INFO_COLUMNS = {
  levelName: { 'zh-CN': '等级', en: 'Level' },
  province: { 'zh-CN': '省份', en: 'Province' },
  csName: { 'zh-CN': '客服', en: 'CS staff' },
  status: { 'zh-CN': '状态', en: 'Status' },
  signals: { 'zh-CN': '提示', en: 'Signals' },
} as const satisfies Record<string, Words>;
export type RankingInfoColumn = keyof typeof RANKING_INFO_COLUMNS;
export const RANKING_INFO_COLUMN_IDS = Object.keys(RANKING_INFO_COLUMNS) as RankingInfoColumn[];
export type RankingColumnId = RankingInfoColumn | MetricId;
/** Every column a user may choose, in the picker's order. */
export const RANKING_COLUMN_IDS: readonly RankingColumnId[] = [...RANKING_INFO_COLUMN_IDS, ...METRIC_IDS];
export const isInfoColumn = (c: string): c is RankingInfoColumn => Object.prototype.hasOwnProperty.call(RANKING_INFO_COLUMNS, c);
/** What the screen shows and an export writes until the user chooses. */
export const DEFAULT_RANKING_COLUMNS: readonly RankingColumnId[] = [
  'levelName', 'province', 'status', 'signals', 'amount', 'orders', 'units', 'aov', 'frequency', 'sellThrough', 'growth',
];
/** An unknown column is a validation error at its index that lists the known ones. */
export const rankingColumnId = z.enum(RANKING_COLUMN_IDS as [RankingColumnId, ...RankingColumnId[]], {
  error: () => `unknown column; use one of ${RANKING_COLUMN_IDS.join(', ')}`,
});
/** Chosen columns: each once. */
export const rankingColumns = z
  .array(rankingColumnId)
  .max(RANKING_COLUMN_IDS.length)
  .refine((cs) => new Set(cs).size === cs.length, { message: 'a column is listed twice' });

/** The fixed columns around the chosen ones. */
export const RANKING_FIXED_COLUMNS = {
  rank: { 'zh-CN': '排名', en: 'Rank' },
  prevRank: { 'zh-CN': '上期排名', en: 'Previous rank' },
  movement: { 'zh-CN': '名次变化', en: 'Movement' },
  agentCode: { 'zh-CN': '代理编号', en: 'Agent code' },
  agent: { 'zh-CN': '代理', en: 'Agent' },
} as const satisfies Record<string, Words>;

export const MOVEMENT_WORDS = {
  new: { 'zh-CN': '新上榜', en: 'New' },
  same: { 'zh-CN': '持平', en: 'Same' },
} as const satisfies Record<string, Words>;

export type MovementTone = 'up' | 'down' | 'new' | 'same';
/** A row's movement against the previous period: ↑3, ↓2, 持平 (unchanged) or 新上榜 (not ranked then). */
export function movementOf(movement: number | null, prevRank: number | null, locale: ReportLocale): { text: string; tone: MovementTone } {
  if (prevRank === null || movement === null) return { text: MOVEMENT_WORDS.new[locale], tone: 'new' };
  if (movement > 0) return { text: `↑${movement}`, tone: 'up' };
  if (movement < 0) return { text: `↓${-movement}`, tone: 'down' };
  return { text: MOVEMENT_WORDS.same[locale], tone: 'same' };
}

export const AGENT_STATUS_NAMES: Record<AgentStatus, Words> = {
  lead: { 'zh-CN': '意向', en: 'Lead' },
  onboarding: { 'zh-CN': '入驻中', en: 'Onboarding' },
  active: { 'zh-CN': '活跃', en: 'Active' },
  dormant: { 'zh-CN': '沉睡', en: 'Dormant' },
  churned: { 'zh-CN': '流失', en: 'Churned' },
  blocked: { 'zh-CN': '已停用', en: 'Blocked' },
};

export const SIGNAL_NAMES = {
  dormant: { 'zh-CN': '沉睡', en: 'Dormant' },
  stockPiling: { 'zh-CN': '压货', en: 'Stock piling' },
} as const satisfies Record<string, Words>;

/** Period presets by name (the renderer's period picker says the same: i18n period.presets). */
export const PERIOD_PRESET_NAMES: Record<PeriodPreset, Words> = {
  today: { 'zh-CN': '今天', en: 'Today' },
  yesterday: { 'zh-CN': '昨天', en: 'Yesterday' },
  'last-7-days': { 'zh-CN': '近7天', en: 'Last 7 days' },
  'last-30-days': { 'zh-CN': '近30天', en: 'Last 30 days' },
  'last-90-days': { 'zh-CN': '近90天', en: 'Last 90 days' },
  'last-365-days': { 'zh-CN': '近365天', en: 'Last 365 days' },
  'this-month': { 'zh-CN': '本月', en: 'This month' },
  'last-month': { 'zh-CN': '上月', en: 'Last month' },
  'this-quarter': { 'zh-CN': '本季度', en: 'This quarter' },
  'this-year': { 'zh-CN': '今年', en: 'This year' },
};
