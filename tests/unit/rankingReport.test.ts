// The ranking's words are held once in the contract (the export has no i18n); the renderer's message files must
// say the same, or the file and the screen would name a column, a status or a period differently.
import { describe, expect, it } from 'vitest';
import { AGENT_STATUS_NAMES, PERIOD_PRESETS, PERIOD_PRESET_NAMES, RANKING_FIXED_COLUMNS, RANKING_INFO_COLUMNS, REPORT_LOCALES, SIGNAL_NAMES } from '@contract';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import { shownColumns } from '@/views/reports/rankingColumns';

const MESSAGES = { 'zh-CN': zhCN, en };

describe('ranking words: contract and i18n agree', () => {
  for (const locale of REPORT_LOCALES)
    it(`${locale}: column headers, statuses, signals and period presets`, () => {
      const m = MESSAGES[locale];
      for (const [k, w] of Object.entries(RANKING_INFO_COLUMNS)) expect(m.reports.columns[k as keyof typeof m.reports.columns], k).toBe(w[locale]);
      expect(m.reports.columns.rank).toBe(RANKING_FIXED_COLUMNS.rank[locale]);
      expect(m.reports.columns.movement).toBe(RANKING_FIXED_COLUMNS.movement[locale]);
      expect(m.reports.columns.agentCode).toBe(RANKING_FIXED_COLUMNS.agentCode[locale]);
      expect(m.reports.columns.agent).toBe(RANKING_FIXED_COLUMNS.agent[locale]);
      for (const [s, w] of Object.entries(AGENT_STATUS_NAMES)) expect(m.status.agent[s as keyof typeof m.status.agent]).toBe(w[locale]);
      for (const [s, w] of Object.entries(SIGNAL_NAMES)) expect(m.signals[s as keyof typeof m.signals]).toBe(w[locale]);
      for (const p of PERIOD_PRESETS) expect(m.period.presets[p]).toBe(PERIOD_PRESET_NAMES[p][locale]);
    });

  it('the export gets the columns in the table’s order: the ranked metric first, the rest as the picker lists them', () => {
    expect(shownColumns('frequency', ['amount', 'status', 'frequency', 'levelName'])).toEqual(['frequency', 'levelName', 'status', 'amount']);
  });
});
