import { Form } from 'react-router';

import { searchPortfolio } from '../../core/search/search.server';
import { userContext } from '../../core/http/session.server';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import { PageTitle } from '../../core/ui/page-title';
import { HTML_LANG } from '../../core/i18n/config';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { Route } from './+types/search-page';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { UntranslatedMarker } from '../../core/ui/official-name';
import { HubTranslationMark, hubTranslationOf } from '../../core/ui/translated-title';
import type { SearchResult } from '../../core/search/engine';

/** Where each kind of result is: every kind the index holds opens its own record's page. */
const RECORD_PATHS: Record<SearchResult['type'], string> = {
  project: '/projects',
  event: '/events',
  organisation: '/organisations',
  topic: '/topics',
  document: '/documents',
  'knowledge-entry': '/knowledge',
};

// Complete as HTML: links and GET forms, no JavaScript sent (lib/page-handle.ts).
export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 200);
  // Documents the reader may not open are not found either (signed out: public ones only).
  const visibilities = documentVisibilitiesFor(context.get(userContext));
  return { q, results: q ? searchPortfolio(q, 50, undefined, visibilities) : [] };
}

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { q, results } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  return (
    <>
      <PageTitle title={q ? t('search.titleFor', { q }) : t('search.title')} />
      <h1>{t('search.title')}</h1>
      <Form method="get" action={to('/search')} className="search-form" role="search">
        <label htmlFor="search-q">{t('search.label')}</label>
        <input id="search-q" type="search" name="q" defaultValue={q} key={q} />
        <button type="submit">{t('search.submit')}</button>
      </Form>
      {q ? (
        <p role="status">{t('search.count', { count: results.length, q })}</p>
      ) : (
        <p className="muted">{t('search.hint')}</p>
      )}
      <ol className="search-results">
        {results.map((r) => {
          const names = { en: r.title, zh: r.titleZh, de: r.titleDe };
          // An event's titleZh and titleDe are the hub's translations; the others' official names.
          const local = r.isTitleTranslated
            ? hubTranslationOf(lang, names)
            : lang === 'zh'
              ? r.titleZh
              : lang === 'de'
                ? r.titleDe
                : null;
          return (
            <li key={`${r.type}-${r.slug}`}>
              <span className={`badge badge--result-${r.type}`}>
                {r.type === 'document'
                  ? t('documentText.result.document')
                  : r.type === 'knowledge-entry'
                    ? t(`documentText.result.kind.${r.kind ?? 'lesson'}`)
                    : t(`search.type.${r.type}`)}
              </span>{' '}
              <AppLink
                to={to(
                  `${RECORD_PATHS[r.type]}/${r.slug}${r.isIndicatorMatch ? '#indicators' : ''}`,
                )}
                lang={!local && lang !== 'en' ? 'en' : undefined}
              >
                {local ?? r.title}
              </AppLink>
              {local && r.isTitleTranslated ? (
                <>
                  {' '}
                  <HubTranslationMark />
                </>
              ) : !local && lang !== 'en' ? (
                <>
                  {' '}
                  <UntranslatedMarker />
                </>
              ) : null}
              {r.snippet.length ? (
                <p className="search-snippet">
                  {r.part !== null && r.partKind ? (
                    <>{`${t(`documentText.result.${r.partKind}`, { n: r.part })}${lang === 'zh' ? '：' : ': '}`}</>
                  ) : null}
                  {r.isIndicatorMatch ? (
                    // A full-width colon (指标：) brings its own space.
                    <>{`${t('indicatorData.searchMatch')}${lang === 'zh' ? '' : ' '}`}</>
                  ) : null}
                  <span lang={HTML_LANG[r.snippetLang]}>
                    {r.snippet.map((part, i) =>
                      part.isMatch ? (
                        <mark key={i}>{part.text}</mark>
                      ) : (
                        <span key={i}>{part.text}</span>
                      ),
                    )}
                  </span>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
