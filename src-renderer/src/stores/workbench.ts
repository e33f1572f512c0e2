// Workbench view state: the dashboard's period, kept across navigation (a click through and back), and its fetch.
import { reactive } from 'vue';
import { defineStore } from 'pinia';
import type { DayPeriod } from '@contract';
import { api } from '@/api/client';
import { firstPageFetch } from '@/hooks/firstPage';
import { refreshPeriod, type PeriodChoice } from '@/hooks/usePeriod';
import { useAppStore } from './app';
import { useAuthStore } from './auth';

export const useWorkbenchStore = defineStore('workbench', () => {
  const period = reactive<{ preset: PeriodChoice; from: string; to: string }>({ preset: 'last-30-days', from: '', to: '' });
  const fetchDashboard = firstPageFetch((p: DayPeriod) => api.analytics.dashboard(p));
  /** The dashboard's figures, for those who see it (agents.view), for the period it will show. */
  function startFirstPage(): Promise<void> {
    if (!useAuthStore().can('agents.view')) return Promise.resolve();
    refreshPeriod(period, period, useAppStore().timeZone);
    return fetchDashboard.start({ from: period.from, to: period.to });
  }
  return { period, fetchDashboard, startFirstPage };
});
