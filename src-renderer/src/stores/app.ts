// App-wide view state: language, theme, sidebar, and the backend's info (version, counts, demo flag).
import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import type { AppInfo } from '@contract';
import { api } from '@/api/client';
import { i18n, saveLocale, type Locale } from '@/i18n';
import { useAuthStore } from './auth';

export type Theme = 'light' | 'dark';

function stored<T extends string>(key: string, valid: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    if (v !== null && (valid as readonly string[]).includes(v)) return v as T;
  } catch {
    /* storage unavailable */
  }
  return fallback;
}
function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* not fatal */
  }
}

const prefersDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

export const useAppStore = defineStore('app', () => {
  const locale = ref<Locale>(i18n.global.locale.value);
  const theme = ref<Theme>(stored('dropship.theme', ['light', 'dark'], prefersDark() ? 'dark' : 'light'));
  const sidebarCollapsed = ref(stored('dropship.sidebar', ['collapsed', 'open'], 'open') === 'collapsed');

  watch(locale, (l) => {
    i18n.global.locale.value = l;
    saveLocale(l);
    document.documentElement.lang = l;
  }, { immediate: true });
  watch(theme, (t) => {
    store('dropship.theme', t);
    document.documentElement.dataset.theme = t;
  }, { immediate: true });
  watch(sidebarCollapsed, (c) => store('dropship.sidebar', c ? 'collapsed' : 'open'));

  const toggleLocale = () => (locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN');
  const toggleTheme = () => (theme.value = theme.value === 'dark' ? 'light' : 'dark');

  const info = ref<AppInfo | null>(null);
  const infoError = ref<unknown>(null);
  const infoLoading = ref(false);

  // Only the newest reply counts: a request sent before a data change must not overwrite a later one.
  let seq = 0;
  async function loadInfo(): Promise<void> {
    const mine = ++seq;
    infoLoading.value = true;
    try {
      const next = await api.system.info();
      if (mine === seq) [info.value, infoError.value] = [next, null];
    } catch (e) {
      if (mine === seq) infoError.value = e;
    } finally {
      if (mine === seq) infoLoading.value = false;
    }
  }

  /**
   * The supplier's time zone cuts days. auth.status brings it before any screen is shown (the router guard
   * waits for it), so no period is ever cut in the browser's zone; that guess only covers the start-up spinner.
   */
  const auth = useAuthStore();
  const timeZone = computed(() => auth.timeZone ?? info.value?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);

  return { locale, theme, sidebarCollapsed, toggleLocale, toggleTheme, info, infoError, infoLoading, loadInfo, timeZone };
});
