// Reports view state: the ranking's period preset and page.
import { reactive, ref } from 'vue';
import { defineStore } from 'pinia';
import type { PresetId } from '@/views/reports/presets';

export const useReportsStore = defineStore('reports', () => {
  const preset = ref<PresetId>('30');
  /** Filled from the preset once the supplier's time zone is known. */
  const query = reactive({ page: 1, pageSize: 50, from: '', to: '' });
  return { preset, query };
});
