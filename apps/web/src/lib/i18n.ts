import type { Locale } from '@vigil/shared';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

const STORAGE_KEY = 'vigil.locale';

/** The language chosen on this browser before (or without) signing in; Chinese by default. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Switches the UI language and remembers it in this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice simply is not remembered
  }
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/** The current UI language as an API locale. */
export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Picks the Chinese or English variant of a bilingual label from the shared catalogues. */
export function pick(label: { zh: string; en: string }, locale: Locale = currentLocale()): string {
  return locale === 'en' ? label.en : label.zh;
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export { i18n };
