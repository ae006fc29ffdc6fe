import type { TFunction, i18n as I18n } from 'i18next';
import { useContext } from 'react';
import { I18nContext } from 'react-i18next';

import {
  countryName,
  formatMoment,
  formatCount,
  formatEur,
  formatPartialDate,
  formatPeriod,
} from '../lib/format';
import type { DatePrecision } from '../lib/vocabulary';
import { DEFAULT_LANG, INTL_LOCALE, type Lang, isLang, localizePath } from './config';

/**
 * The page's language, as the URL set it. Read from the provider's context rather than through
 * useTranslation(), which copies the whole i18next instance for every component that calls it
 * (most of a long table's render time); the language never changes within a page.
 */
export function useLang(): Lang {
  const { i18n } = useContext(I18nContext);
  return isLang(i18n?.language) ? i18n.language : DEFAULT_LANG;
}

const FIXED_T = new WeakMap<I18n, TFunction<'translation'>>();

/**
 * `t` for the page's language, with the same keys and options as react-i18next's hook. That hook
 * copies the i18next instance for every component that calls it, which was a fifth of a long
 * page's render time; the language of a page never changes (switching loads a new document), so
 * one fixed `t` per i18next instance serves every component.
 */
export function useTranslation(): { t: TFunction<'translation'>; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  let t = FIXED_T.get(i18n);
  if (!t) {
    t = i18n.getFixedT(null, 'translation');
    FIXED_T.set(i18n, t);
  }
  return { t, i18n };
}

/** Turns an unprefixed path ("/projects") into this page's language ("/zh/projects"). */
export function useLocalizePath(): (path: string) => string {
  const lang = useLang();
  return (path) => localizePath(path, lang);
}

/** `lang` for text that exists in English only (quoted source text): set when the page is not English. */
export function useEnglishOnly(): 'en' | undefined {
  return useLang() === 'en' ? undefined : 'en';
}

interface DateValue {
  value: string | null;
  precision: DatePrecision | null;
}

/** Dates, periods, money, counts and country names in the page's locale. */
export function useFormat() {
  const { t } = useTranslation();
  const locale = INTL_LOCALE[useLang()];
  return {
    date: (value: string | null, precision: DatePrecision | null) =>
      formatPartialDate(value, precision, locale),
    period: (start: DateValue, end: DateValue) =>
      formatPeriod(start, end, locale, t('common.notPublished')),
    eur: (amount: number) => formatEur(amount, locale),
    count: (n: number) => formatCount(n, locale),
    country: (code: string) => countryName(code, locale),
    dateTime: (iso: string) => formatMoment(iso, locale),
  };
}
