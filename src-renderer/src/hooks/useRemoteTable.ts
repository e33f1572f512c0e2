// One composable behind every server-paged list: query state → API input, loading, errors,
// naive-ui pagination and header sorting, debounced search. The query object lives in the
// area's store, so filters and page survive navigating away and back.
import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DataTableSortState, PaginationProps } from 'naive-ui';
import type { FirstPageFetch } from './firstPage';

export interface ListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
  search?: string;
}

export interface PageResult<R> {
  rows: R[];
  total: number;
}

/** Filters bound to clearable selects become null; the API wants them absent. */
export type NoNulls<T> = { [K in keyof T]: Exclude<T[K], null> };
export function noNulls<T extends object>(o: T): NoNulls<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as NoNulls<T>;
}

/**
 * A list's query as its area store keeps it, and the reset for when the data was wiped or
 * replaced: first page, no search or filters; page size and sort stay as the user left them.
 */
export function listQuery<Q extends ListQuery>(initial: Q) {
  const query = reactive({ ...initial }) as Q;
  const { pageSize: _pageSize, sort: _sort, order: _order, ...fresh } = initial;
  return { query, reset: () => void Object.assign(query, fresh) };
}

export const PAGE_SIZES = [20, 50, 100, 200];
const SEARCH_DEBOUNCE_MS = 300;

export interface RemoteTableOptions<Q extends ListQuery, P> {
  /** Reactive query, usually from an area store. */
  query: Q;
  /** A store's firstPageFetch lets the router ask for the first page before the screen sets up. */
  fetch: ((q: Q) => Promise<P>) | FirstPageFetch<Q, P>;
  /** What a header click that clears sorting falls back to. */
  defaultSort?: { sort: NonNullable<Q['sort']>; order: 'asc' | 'desc' };
}

export function useRemoteTable<Q extends ListQuery, R, P extends PageResult<R> = PageResult<R>>(
  opts: RemoteTableOptions<Q, P>,
) {
  const { t } = useI18n();
  const { query } = opts;
  const rows = shallowRef<R[]>([]);
  const total = ref(0);
  /** The whole last reply, for lists that carry more than rows (e.g. ranking totals). */
  const data = shallowRef<P | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let seq = 0;

  /** Shows a reply; when the data shrank under us (e.g. cleared), goes to the last page that exists instead. */
  function accept(res: P) {
    const last = Math.max(1, Math.ceil(res.total / query.pageSize));
    if (res.rows.length === 0 && query.page > last) {
      query.page = last;
      return;
    }
    data.value = res;
    rows.value = res.rows;
    total.value = res.total;
    error.value = null;
  }

  async function load() {
    const mine = ++seq;
    loading.value = true;
    try {
      const res = await opts.fetch({ ...query });
      if (mine !== seq) return; // a newer request is under way; drop this stale reply
      accept(res);
    } catch (e) {
      if (mine !== seq) return;
      error.value = e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  // Any change but the page starts again at page 1; a page change just loads that page.
  const filterKey = () => {
    const { page: _page, ...rest } = query;
    return JSON.stringify(rest);
  };
  watch(filterKey, () => {
    if (query.page !== 1) query.page = 1;
    else void load();
  });
  watch(() => query.page, () => void load());

  // Search box: typed text is applied after a pause (or at once on Enter via applySearch).
  const searchText = ref(query.search ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const applySearch = () => {
    clearTimeout(timer);
    if ('search' in query) query.search = searchText.value.trim();
  };
  watch(searchText, () => {
    clearTimeout(timer);
    timer = setTimeout(applySearch, SEARCH_DEBOUNCE_MS);
  });
  onBeforeUnmount(() => clearTimeout(timer));

  const pagination = computed<PaginationProps>(() => ({
    page: query.page,
    pageSize: query.pageSize,
    itemCount: total.value,
    pageSizes: PAGE_SIZES,
    showSizePicker: true,
    showQuickJumper: true,
    prefix: ({ itemCount }) => t('common.total', { total: itemCount ?? 0 }),
    onUpdatePage: (p: number) => (query.page = p),
    onUpdatePageSize: (s: number) => (query.pageSize = s),
  }));

  // Column key → the contract's sort key (they differ, e.g. column levelName sorts by 'level').
  const sortKeys = new Map<string, NonNullable<Q['sort']>>();
  /** Spread into a column: makes it sortable on the server and shows the current order. */
  function sortable(columnKey: string, sortKey?: NonNullable<Q['sort']>) {
    const key = sortKey ?? (columnKey as NonNullable<Q['sort']>);
    sortKeys.set(columnKey, key);
    const sortOrder: 'ascend' | 'descend' | false = query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : false;
    return { sorter: true as const, sortOrder };
  }
  function onSorterChange(state: DataTableSortState | DataTableSortState[] | null) {
    const s = Array.isArray(state) ? state[0] : state;
    const key = s ? sortKeys.get(String(s.columnKey)) : undefined;
    if (!s || !key) {
      if (opts.defaultSort) Object.assign(query, opts.defaultSort);
      return;
    }
    if (s.order === false) {
      // The API always sorts by something: a third click on the sorted column flips the order.
      query.order = query.order === 'desc' ? 'asc' : 'desc';
      return;
    }
    query.sort = key;
    query.order = s.order === 'descend' ? 'desc' : 'asc';
  }

  // The page the router asked for while the screen loaded, when it is already in: the first render has the rows.
  const early = 'settled' in opts.fetch ? opts.fetch.settled({ ...query }) : undefined;
  if (early) accept(early); // (a shrunk list's page change loads the last page by the watcher)
  else void load();

  // reactive(): templates and scripts read table.rows, table.loading… without .value.
  return reactive({ rows, total, data, loading, error, reload: load, pagination, sortable, onSorterChange, searchText, applySearch });
}
