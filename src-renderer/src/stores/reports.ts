// Reports view state: the shared period, the distributor ranking's metric, filters and comparison, the
// product ranking's metric, and which tab is open. Kept across navigation; dashboard clicks set it.
import { reactive, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import type { AgentFilters, DayPeriod, Input, MetricId } from '@contract';
import { api } from '@/api/client';
import { firstPageFetch } from '@/hooks/firstPage';
import { refreshPeriod, type PeriodChoice } from '@/hooks/usePeriod';
import { useAppStore } from './app';

/** Every filter as a list, empty meaning "all" (multi-selects bind to arrays). */
export type RankingFilters = { [K in keyof AgentFilters]-?: NonNullable<AgentFilters[K]> };
export type ProductMetric = NonNullable<Input<'reports.productRanking'>['metric']>;
export type ReportsTab = 'agents' | 'products' | 'exports';

const noFilters = (): RankingFilters => ({ levelIds: [], provinces: [], csUserIds: [], sourceChannels: [], statuses: [] });

/** The API's filters: only those set (an empty list would mean "none", not "all"). */
export function filtersInput(f: RankingFilters): AgentFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v.length > 0));
}

export const useReportsStore = defineStore('reports', () => {
  const tab = ref<ReportsTab>('agents');
  const period = reactive<{ preset: PeriodChoice }>({ preset: 'last-30-days' });
  /** from/to are filled from the preset once the supplier's time zone is known. */
  const query = reactive({ page: 1, pageSize: 50, from: '', to: '', metric: 'amount' as MetricId, compare: true, filters: noFilters() });
  const productQuery = reactive({ page: 1, pageSize: 50, from: '', to: '', metric: 'units' as ProductMetric });
  // One period for both tabs.
  watch(
    () => [query.from, query.to],
    ([from, to]) => Object.assign(productQuery, { from, to }),
    { immediate: true },
  );

  /** Open the ranking as a click elsewhere asks (a dashboard bar): this period, metric and filters only. */
  function showRanking(p: DayPeriod & { preset?: PeriodChoice; metric?: MetricId; filters?: Partial<RankingFilters> }) {
    tab.value = 'agents';
    period.preset = p.preset ?? 'custom';
    Object.assign(query, { page: 1, from: p.from, to: p.to, metric: p.metric ?? query.metric, filters: { ...noFilters(), ...p.filters } });
  }
  function showProducts(p: DayPeriod & { preset?: PeriodChoice; metric?: ProductMetric }) {
    showRanking({ ...p, filters: {} });
    tab.value = 'products';
    Object.assign(productQuery, { page: 1, metric: p.metric ?? productQuery.metric });
  }
  type RankingQuery = typeof query;
  const fetchRanking = firstPageFetch(({ filters, ...rest }: RankingQuery) => api.reports.ranking({ ...rest, filters: filtersInput(filters) }));
  /** The distributor ranking's first page, when that tab is the one the screen opens on. */
  function startFirstPage(): Promise<void> {
    if (tab.value !== 'agents') return Promise.resolve();
    refreshPeriod(period, query, useAppStore().timeZone);
    return fetchRanking.start({ ...query });
  }
  /** Another user signed in, or the data was replaced: no filters of theirs. */
  function invalidate() {
    Object.assign(query, { page: 1, filters: noFilters() });
    productQuery.page = 1;
  }
  return { tab, period, query, productQuery, showRanking, showProducts, invalidate, fetchRanking, startFirstPage };
});
