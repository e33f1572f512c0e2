// Workbench view state: the dashboard's period, kept across navigation (a click through and back).
import { reactive } from 'vue';
import { defineStore } from 'pinia';
import type { PeriodChoice } from '@/hooks/usePeriod';

export const useWorkbenchStore = defineStore('workbench', () => {
  const period = reactive<{ preset: PeriodChoice; from: string; to: string }>({ preset: 'last-30-days', from: '', to: '' });
  return { period };
});
