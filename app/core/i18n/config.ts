// The URL alone decides the language: English is unprefixed, Chinese is /zh/…, German is /de/….
export const LANGS = ['en', 'zh', 'de'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** The value of <html lang> and hreflang for each language. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans', de: 'de' };

/** The locale Intl formats dates, numbers, money and country names with. */
export const INTL_LOCALE: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', de: 'de-DE' };

/** Each language named in itself, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文', de: 'Deutsch' };

export const LANG_COOKIE = 'hub_lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** "/zh/projects/clct" → "zh"; "/projects" → "en". */
export function langFromPath(pathname: string): Lang {
  const first = pathname.split('/')[1];
  return first === 'zh' || first === 'de' ? first : DEFAULT_LANG;
}

/** The same page without its language prefix: "/zh/projects" → "/projects", "/de" → "/". */
export function stripLang(pathname: string): string {
  const lang = langFromPath(pathname);
  if (lang === DEFAULT_LANG) return pathname || '/';
  const rest = pathname.slice(lang.length + 1);
  return rest === '' ? '/' : rest;
}

/** An unprefixed path in the given language: ("/projects", "zh") → "/zh/projects". */
export function localizePath(path: string, lang: Lang): string {
  if (lang === DEFAULT_LANG) return path;
  return path === '/' ? `/${lang}/` : `/${lang}${path}`;
}

/** Picks the best of our languages from an Accept-Language header (by q, then order). */
export function langFromAcceptLanguage(header: string | null): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLang(base)) return base;
  }
  return null;
}

/** Reads our language cookie from a Cookie header. */
export function langFromCookie(header: string | null): Lang | null {
  const match = header ? new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=([a-z]+)`).exec(header) : null;
  return match && isLang(match[1]) ? match[1] : null;
}

/**
 * Where a visit to "/" belongs: the remembered choice if there is one; only a first visit (no
 * cookie) consults Accept-Language.
 */
export function homeLangFor(cookieHeader: string | null, acceptLanguage: string | null): Lang {
  return langFromCookie(cookieHeader) ?? langFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANG;
}

/**
 * Every page's route exists once per language, with the language as its id's prefix ("zh/projects",
 * app/routes.ts); other routes (the API, the files, the catch-all) belong to no language.
 */
export function languageOfRouteId(id: string): Lang | null {
  const prefix = id.slice(0, id.indexOf('/'));
  return isLang(prefix) ? prefix : null;
}

/**
 * The language whose pages a request's path can match, from its first segment as sent: "/zh/…" and
 * a data request's "/zh.data" are Chinese, a path whose first segment names no language is English.
 * null when the segment names a language only as React Router compares it (case-insensitive, after
 * decoding: "/ZH/…", "/%7Ah/…"): such a path is matched against every route, as before.
 * The production server answers each path with its language's routes alone (decision 0087).
 */
export function routeLanguageOfPath(pathname: string): Lang | null {
  const end = pathname.indexOf('/', 1);
  const first = pathname.slice(1, end === -1 ? undefined : end);
  const bare = first.endsWith('.data') ? first.slice(0, -'.data'.length) : first;
  if (bare === 'zh' || bare === 'de') return bare;
  let spelled: string;
  try {
    spelled = decodeURIComponent(bare).toLowerCase();
  } catch {
    return null;
  }
  return spelled === 'zh' || spelled === 'de' ? null : DEFAULT_LANG;
}
