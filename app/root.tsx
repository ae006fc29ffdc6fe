import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
} from 'react-router';

import { getCachedDatasetInfo } from '../db/meta.server';
import { getDb } from './core/db.server';
import { HydratedContext } from './core/ui/app-link';
import { SiteHeader } from './core/ui/site-header';
import { useFocusMainOnNavigation } from './core/ui/focus-on-navigation';
import { cachedAnswerMiddleware } from './core/http/public-cache.server';
import { csrfContext } from './core/http/csrf.server';
import { nonceContext } from './core/http/security-headers.server';
import { securityMiddleware } from './core/http/security-middleware.server';
import { userContext } from './core/http/session.server';
import type { Route } from './+types/root';
import './app.css';
import { HTML_LANG, LANGS, localizePath, stripLang } from './core/i18n/config';
import { useLang, useLocalizePath, useTranslation } from './core/i18n/hooks';
import { i18nextMiddleware } from './core/i18n/i18next.server';
import { filterSearchParams, parseFilter } from './core/filter/filter';
import { PageTranslations, wholeLanguage } from './core/i18n/page-translations';
import { wantsHydration } from './core/page-handle';
import { type RootData, useRootData } from './core/ui/root-data';

// A kept copy of a signed-out answer is served first, before i18next or the session are set up.
export const middleware: Route.MiddlewareFunction[] = [
  cachedAnswerMiddleware,
  i18nextMiddleware,
  securityMiddleware,
];

// A hydrated page has only its own texts (page-translations.tsx): the whole language is loaded
// before the first client-side navigation renders another page.
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async (_args, next) => {
    await wholeLanguage();
    return next();
  },
];

export function loader({ request, context }: Route.LoaderArgs): RootData {
  const user = context.get(userContext);
  return {
    dataset: getCachedDatasetInfo(getDb()),
    origin: new URL(request.url).origin,
    user: user ? { name: user.name, role: user.role } : null,
    csrfToken: context.get(csrfContext),
    nonce: context.get(nonceContext),
  };
}

// Neither the dataset kind nor the origin changes while the server runs; switching language
// loads a new document, and so do signing in and out.
export function shouldRevalidate() {
  return false;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  // In the browser the app is running, so it keeps its scripts when it navigates to a
  // server-only page; the server leaves them out of such a page's HTML.
  const matches = useMatches();
  const hydrate = typeof document !== 'undefined' || wantsHydration(matches);
  const path = stripLang(location.pathname);
  const origin = data?.origin ?? '';
  // Switching view keeps the filter (view parameters such as page or zoom stay behind).
  const filterQuery = filterSearchParams(
    parseFilter(new URLSearchParams(location.search)).filter,
  ).toString();
  const withFilter = (target: string) => (filterQuery ? `${target}?${filterQuery}` : target);
  useFocusMainOnNavigation();
  return (
    <html lang={HTML_LANG[lang]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {LANGS.map((l) => (
          <link
            key={l}
            rel="alternate"
            hrefLang={HTML_LANG[l]}
            href={`${origin}${localizePath(path, l)}${location.search}`}
          />
        ))}
        <link rel="alternate" hrefLang="x-default" href={`${origin}${path}${location.search}`} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('site.skipLink')}
        </a>
        <SiteHeader withFilter={withFilter} />
        {data?.dataset.isSynthetic ? (
          <p className="synthetic-banner" role="note">
            {t('site.syntheticBanner')}
          </p>
        ) : null}
        <main id="main" className="wrap" tabIndex={-1}>
          <HydratedContext.Provider value={hydrate}>{children}</HydratedContext.Provider>
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>{t('site.footer')}</p>
          </div>
        </footer>
        {/* A public read has no nonce: its inline scripts are allowed by their hashes. */}
        {hydrate ? (
          <>
            <PageTranslations nonce={data?.nonce || undefined} />
            <ScrollRestoration nonce={data?.nonce || undefined} />
            <Scripts nonce={data?.nonce || undefined} />
          </>
        ) : (
          // A server-only page (lib/page-handle.ts): plain HTML, plus the print buttons.
          <script src="/print.js" defer />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const isResponse = isRouteErrorResponse(error);
  const isNotFound = isResponse && error.status === 404;
  const title = isNotFound
    ? t('error.notFoundTitle')
    : isResponse
      ? t('error.statusTitle', { status: error.status })
      : t('error.unexpectedTitle');
  return (
    <section className="error-page">
      <title>{`${title} · ${t('site.name')}`}</title>
      <h1>{title}</h1>
      <p>
        {isNotFound
          ? t('error.notFoundText')
          : isResponse
            ? t('error.statusText')
            : t('error.unexpectedText')}
      </p>
      <p>
        <a href={to('/projects')}>{t('error.browseProjects')}</a>
      </p>
    </section>
  );
}
