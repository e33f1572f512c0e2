// One non-list reply (an agent's figures, the dashboard) that follows its input: asked again whenever the
// input changes, only the newest reply kept, the last error with a reload for Retry.
import { reactive, ref, shallowRef, watch } from 'vue';
import type { FirstPageFetch } from './firstPage';

/** `fetch` may be a store's firstPageFetch: a reply the router asked for before the screen set up is shown at once. */
export function useRemoteData<I, T>(input: () => I | null, fetch: ((input: I) => Promise<T>) | FirstPageFetch<I, T>) {
  const data = shallowRef<T | null>(null);
  const error = shallowRef<unknown>(null);
  const loading = ref(false);
  let seq = 0;

  async function load() {
    const i = input();
    if (i === null) return;
    const mine = ++seq;
    loading.value = true;
    try {
      const next = await fetch(i);
      if (mine === seq) [data.value, error.value] = [next, null];
    } catch (e) {
      if (mine === seq) error.value = e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  const first = input();
  const early = first !== null && 'settled' in fetch ? fetch.settled(first) : undefined;
  if (early !== undefined) data.value = early;
  watch(() => JSON.stringify(input()), () => void load(), { immediate: early === undefined });
  return reactive({ data, error, loading, reload: load });
}
