import type { TFunction } from 'i18next';
import { useContext } from 'react';

import {
  countryName,
  formatMoment,
  formatCount,
  formatEur,
  formatPartialDate,
  formatPeriod,
} from '../format';
import type { DatePrecision } from '../../../db/vocabulary';
import { I18nInstanceContext, type PageI18n } from './context';
import { RenderedNamespacesContext, noteKeys } from './page-translations';
import { DEFAULT_LANG, INTL_LOCALE, type Lang, isLang, localizePath } from './config';

/**
 * The page's language, as the URL set it. Read from the provider's context rather than through
 * useTranslation(), which copies the whole i18next instance for every component that calls it
 * (most of a long table's render time); the language never changes within a page.
 */
export function useLang(): Lang {
  const i18n = useContext(I18nInstanceContext);
  return isLang(i18n?.language) ? i18n.language : DEFAULT_LANG;
}

const FIXED_T = new WeakMap<PageI18n, TFunction<'translation'>>();

/** Translations already made, per language: key (and options) → text. */
const MADE = new Map<string, Map<string, string>>();
/** A long page asks for the same few hundred texts; interpolated ones vary with the data. */
const MAX_MADE = 20_000;

/**
 * A `t` that remembers its answers. Translations are bundled and never change while the process
 * runs, so the same key and options in the same language always give the same text, and i18next's
 * lookup (resolution, interpolation, plural rules: a fifth of a long page's render) runs once.
 * Anything that is not a plain string answer goes to i18next every time.
 */
function rememberingT(lang: string, t: TFunction<'translation'>): TFunction<'translation'> {
  let made = MADE.get(lang);
  if (!made) {
    made = new Map();
    MADE.set(lang, made);
  }
  const memo = made;
  const remembering = (key: unknown, options?: unknown) => {
    const call = t as unknown as (key: unknown, options?: unknown) => unknown;
    if (typeof key !== 'string' || (options !== undefined && typeof options !== 'object')) {
      return call(key, options);
    }
    let id = key;
    if (options !== undefined) {
      try {
        id = `${key}\u0000${JSON.stringify(options)}`;
      } catch {
        return call(key, options);
      }
    }
    const known = memo.get(id);
    if (known !== undefined) return known;
    const text = call(key, options);
    if (typeof text === 'string') {
      if (memo.size >= MAX_MADE) memo.clear();
      memo.set(id, text);
    }
    return text;
  };
  return remembering as unknown as TFunction<'translation'>;
}

/**
 * `t` for the page's language, with the same keys and options as react-i18next's hook. That hook
 * copies the i18next instance for every component that calls it, which was a fifth of a long
 * page's render time; the language of a page never changes (switching loads a new document), so
 * one fixed `t` per i18next instance serves every component.
 */
export function useTranslation(): { t: TFunction<'translation'>; i18n: PageI18n } {
  const i18n = useContext(I18nInstanceContext);
  const namespaces = useContext(RenderedNamespacesContext);
  if (!i18n) throw new Error('useTranslation() outside the page’s I18nInstanceContext');
  let t = FIXED_T.get(i18n);
  if (!t) {
    t = rememberingT(i18n.language, i18n.getFixedT(null, 'translation'));
    FIXED_T.set(i18n, t);
  }
  // On the server, each key's namespace is noted for the browser's share (page-translations),
  // in this request's own record.
  return { t: namespaces ? notingT(namespaces, t) : t, i18n };
}

const NOTING_T = new WeakMap<Set<string>, TFunction<'translation'>>();

/** `t` that notes each key's namespace in one request's record; one per record. */
function notingT(namespaces: Set<string>, t: TFunction<'translation'>): TFunction<'translation'> {
  let noting = NOTING_T.get(namespaces);
  if (!noting) {
    const call = t as unknown as (key: unknown, options?: unknown) => unknown;
    noting = ((key: unknown, options?: unknown) => {
      noteKeys(namespaces, key);
      return call(key, options);
    }) as unknown as TFunction<'translation'>;
    NOTING_T.set(namespaces, noting);
  }
  return noting;
}

/**
 * The same remembering `t` for a language a request names (`?lang=` of an export): a file of
 * 50 000 milestones asks for the same few labels 150 000 times, which i18next's lookup made a
 * third of its time.
 */
export function fixedTranslation(i18n: PageI18n, lang: Lang): TFunction<'translation'> {
  return rememberingT(lang, i18n.getFixedT(lang, 'translation'));
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
