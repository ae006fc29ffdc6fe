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

/** Where a path is among the routes: its language, and its first segment after the prefix. */
export interface RoutePlace {
  lang: Lang;
  /** The first segment after the language prefix ("projects"); "" for a language's home. */
  section: string;
}

/** A segment as React Router's matching would read it: decoded, any case. */
function spelledAs(segment: string): string | null {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Where a request's path can match, from its first segments as sent: "/zh/projects/x" is Chinese,
 * section "projects"; "/" and a data request's "/_.data", "/zh.data" are a home (section "");
 * "/login.data" is section "login". null when a segment that decides this is spelled in a way
 * React Router's matching reads differently (case-insensitive, after decoding: "/ZH/…",
 * "/%7Ah/…", "/Projects"), or is empty ("//x"): such a path is matched against every route.
 * The production server answers each path with the routes of its place alone (decision 0087).
 */
export function routePlaceOfPath(pathname: string): RoutePlace | null {
  const segments = pathname.split('/');
  const last = segments.length - 1;
  // The last segment of a data request carries ".data"; the home's is "_.data".
  const bare = (at: number) => {
    const segment = segments[at] ?? '';
    if (at !== last || !segment.endsWith('.data')) return segment;
    const stem = segment.slice(0, -'.data'.length);
    return stem === '_' ? '' : stem;
  };
  let lang: Lang = DEFAULT_LANG;
  let at = 1;
  const first = bare(1);
  if (first === 'zh' || first === 'de') {
    lang = first;
    at = 2;
  } else if (spelledAs(first) === 'zh' || spelledAs(first) === 'de') {
    return null;
  }
  const section = at > last ? '' : bare(at);
  if (section === '' && at < last) return null;
  if (spelledAs(section) !== section) return null;
  return { lang, section };
}
