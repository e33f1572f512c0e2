// Catalog view state: the product list query and its fetch, plus agent levels and categories (small, cached).
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Input, Level } from '@contract';
import { api } from '@/api/client';
import { listQuery, noNulls } from '@/hooks/useRemoteTable';
import { firstPageFetch } from '@/hooks/firstPage';

type ListInput = Input<'products.list'>;
export type ProductQuery = Required<Omit<ListInput, 'status' | 'category'>> & {
  status: NonNullable<ListInput['status']> | null;
  category: string | null;
};

export const useCatalogStore = defineStore('catalog', () => {
  const { query, reset } = listQuery<ProductQuery>({
    page: 1,
    pageSize: 50,
    sort: 'sku',
    order: 'asc',
    search: '',
    status: null,
    category: null,
  });

  const levels = ref<Level[]>([]);
  const categories = ref<string[]>([]);
  let levelsLoaded: Promise<void> | null = null;

  /** Levels rarely change; load once per data reset. Errors propagate and allow a retry. */
  function ensureLevels(): Promise<void> {
    levelsLoaded ??= api.levels
      .list()
      .then((l) => void (levels.value = l))
      .catch((e: unknown) => {
        levelsLoaded = null;
        throw e;
      });
    return levelsLoaded;
  }
  async function loadCategories() {
    categories.value = await api.products.categories();
  }
  /** After the data was wiped or replaced. */
  function invalidate() {
    levelsLoaded = null;
    levels.value = [];
    categories.value = [];
    reset();
  }

  // The per-level price columns need the levels: a page waits for them too (asked alongside, once per data
  // reset), so the table is drawn once with its final columns instead of again when the levels arrive.
  // Their error is shown by the screen's own call; the page then shows without price columns.
  const fetchPage = firstPageFetch((q: ProductQuery) =>
    Promise.all([api.products.list(noNulls(q)), ensureLevels().catch(() => undefined)]).then(([page]) => page),
  );
  const startFirstPage = () => fetchPage.start({ ...query });

  return { query, levels, categories, ensureLevels, loadCategories, invalidate, fetchPage, startFirstPage };
});
