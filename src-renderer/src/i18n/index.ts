// vue-i18n in composition mode. v11 compiles messages just-in-time to an AST it interprets,
// so no eval / new Function is needed and the strict CSP holds.
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';

export type Messages = typeof zhCN;
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: unknown): s is Locale => LOCALES.includes(s as Locale);

const STORAGE_KEY = 'dropship.locale';

export function savedLocale(): Locale {
  try {
    const s = localStorage.getItem(STORAGE_KEY);
    if (isLocale(s)) return s;
  } catch {
    /* storage unavailable: fall back to the default */
  }
  return 'zh-CN';
}

export function saveLocale(l: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* not fatal: the choice just does not survive a restart */
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});
