// Orders view state: the list query, with the picked day range kept as a half-open period.
import { defineStore } from 'pinia';
import type { Input } from '@contract';
import { api } from '@/api/client';
import { listQuery, noNulls } from '@/hooks/useRemoteTable';
import { firstPageFetch } from '@/hooks/firstPage';

type ListInput = Input<'orders.list'>;
export type OrderQuery = Required<Omit<ListInput, 'status' | 'kind' | 'from' | 'to' | 'agentId' | 'counted'>> & {
  status: NonNullable<ListInput['status']> | null;
  kind: NonNullable<ListInput['kind']> | null;
  from: string | null;
  to: string | null;
  /** true: counted orders only (not cancelled), as the figures count them (a dashboard day clicks here). */
  counted: true | null;
};

export const useOrdersStore = defineStore('orders', () => {
  const { query, reset } = listQuery<OrderQuery>({
    page: 1,
    pageSize: 50,
    sort: 'placedAt',
    order: 'desc',
    search: '',
    status: null,
    kind: null,
    from: null,
    to: null,
    counted: null,
  });
  /** The counted orders of one local day (a dashboard trend point): only that filter, first page. */
  function showDay(day: string, next: string) {
    reset();
    Object.assign(query, { from: day, to: next, counted: true });
  }
  const fetchPage = firstPageFetch((q: OrderQuery) => api.orders.list(noNulls(q)));
  const startFirstPage = () => fetchPage.start({ ...query });
  return { query, invalidate: reset, showDay, fetchPage, startFirstPage };
});
