import {
  type KnowledgeFacets,
  getKnowledgeFacets,
  listKnowledgeEntries,
} from './knowledge-list.server';
import { countPendingAnswers } from './answers.server';
import {
  KNOWLEDGE_FACETS,
  KNOWLEDGE_PER_PAGE,
  type KnowledgeFacet,
  type KnowledgeListFilter,
  knowledgeParams,
  knowledgeSearch,
  parseKnowledgeListParams,
} from './knowledge-list-params';
import { KnowledgeList } from './knowledge-list-items';
import { readPageFilter } from '../../core/filter/page-filter.server';
import { FilterChips } from '../../core/filter/filter-panel';
import { type ProjectFilter, isFilterEmpty } from '../../core/filter/filter';
import { WithFilter } from '../../core/ui/with-filter';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { AppLink } from '../../core/ui/app-link';
import { userContext } from '../../core/http/session.server';
import { isAllowed } from '../../core/auth/permissions';
import { langFromPath } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { officialNameText } from '../../core/ui/official-name';
import { today } from '../../core/clock';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import type { Route } from './+types/knowledge-list-page';

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);
  const {
    filter: shared,
    problems,
    where,
    facets: sharedFacets,
  } = readPageFilter(url.searchParams, today());
  // The shared filter applies only when it says something: by itself it is "the IKI portfolio",
  // and an entry about no project must still be listed.
  const projectsWhere = isFilterEmpty(shared) ? undefined : where;
  const { filter, page: asked, ignored } = parseKnowledgeListParams(url.searchParams);
  const first = listKnowledgeEntries({
    filter,
    projectsWhere,
    lang,
    page: asked,
    perPage: KNOWLEDGE_PER_PAGE,
  });
  const pageCount = Math.max(1, Math.ceil(first.total / KNOWLEDGE_PER_PAGE));
  // Past the last page: the last page, and the page says the parameter was not taken.
  const page = Math.min(asked, pageCount);
  if (page !== asked) ignored.push('page');
  const { entries, total } =
    page === asked
      ? first
      : listKnowledgeEntries({ filter, projectsWhere, lang, page, perPage: KNOWLEDGE_PER_PAGE });
  const user = context.get(userContext);
  const canModerate = isAllowed('editors', user);
  return {
    shared,
    problems,
    sharedFacets,
    hasSharedFilter: projectsWhere !== undefined,
    filter,
    ignored,
    facets: getKnowledgeFacets(filter, projectsWhere),
    entries,
    total,
    page,
    pageCount,
    canWrite: isAllowed('contributors', user),
    pendingAnswers: canModerate ? countPendingAnswers() : null,
  };
}

export default function KnowledgeListPage({ loaderData }: Route.ComponentProps) {
  const { shared, filter, ignored, entries, total, page, pageCount } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const action = to('/knowledge');
  const keep = knowledgeParams(filter);
  return (
    <>
      <PageTitle title={t('knowledgeList.title')} description={t('knowledgeList.lead')} />
      <h1>{t('knowledgeList.title')}</h1>
      <p className="lead">{t('knowledgeList.lead')}</p>
      {/* New entries reach the feed of changes (the feeds carry them with the portfolio's changes). */}
      <link
        rel="alternate"
        type="application/atom+xml"
        title={t('feeds.feedLinkTitleAll')}
        href={to('/feeds/changes.atom')}
      />
      <p className="feed-links">
        <a href={to('/feeds/changes.atom')} type="application/atom+xml">
          {t('feeds.feedLink')}
        </a>
      </p>
      <nav aria-label={t('knowledgeList.alsoLabel')}>
        <p>
          {t('knowledgeList.alsoLabel')}:{' '}
          <AppLink to={to('/documents')}>{t('knowledgeList.documentsLink')}</AppLink>
          {' · '}
          <AppLink to={to('/topics')}>{t('knowledgeList.topicsLink')}</AppLink>
          {loaderData.canWrite ? (
            <>
              {' · '}
              <AppLink to={to('/knowledge/drafts')}>{t('knowledgeList.draftsLink')}</AppLink>
            </>
          ) : null}
        </p>
      </nav>
      {loaderData.canWrite || loaderData.pendingAnswers !== null ? (
        <p>
          {loaderData.canWrite ? (
            <AppLink to={to('/knowledge/new')}>{t('knowledgeList.write')}</AppLink>
          ) : null}
          {loaderData.pendingAnswers !== null ? (
            <>
              {loaderData.canWrite ? ' · ' : null}
              <AppLink to={to('/knowledge/answers')}>
                {t('knowledgeList.moderation')} ({format.count(loaderData.pendingAnswers)})
              </AppLink>
            </>
          ) : null}
        </p>
      ) : null}
      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('knowledgeList.ignored', { params: [...new Set(ignored)].join(', ') })}
        </p>
      ) : null}
      <FilterChips action={action} filter={shared} facets={loaderData.sharedFacets} keep={keep} />
      <WithFilter
        action={action}
        filter={shared}
        facets={loaderData.sharedFacets}
        problems={loaderData.problems}
        keep={keep}
      >
        <EntryFacets action={action} shared={shared} filter={filter} facets={loaderData.facets} />
        {loaderData.hasSharedFilter ? (
          <p className="muted">{t('knowledgeList.sharedFilter')}</p>
        ) : null}
        <p>
          <strong>{t('knowledgeList.count', { count: total })}</strong>
        </p>
        {entries.length === 0 ? (
          <p>{t('knowledgeList.none')}</p>
        ) : (
          <KnowledgeList entries={entries} />
        )}
        <Pagination
          page={page}
          pageCount={pageCount}
          hrefFor={(p) => `${action}${knowledgeSearch(shared, filter, p)}`}
        />
      </WithFilter>
    </>
  );
}

/** The entry's own facets as links (each with its count), so they work without JavaScript. */
function EntryFacets({
  action,
  shared,
  filter,
  facets,
}: {
  action: string;
  shared: ProjectFilter;
  filter: KnowledgeListFilter;
  facets: KnowledgeFacets;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const keep = knowledgeParams(filter);
  const href = (next: KnowledgeListFilter) => `${action}${knowledgeSearch(shared, next)}`;
  const label = (facet: KnowledgeFacet, option: (typeof facets)[KnowledgeFacet][number]) => {
    if (facet === 'kind') return t(`knowledgeList.kind.${option.value as 'lesson'}`);
    if (facet === 'language') return t(`knowledgeList.language.${option.value as 'en'}`);
    return officialNameText(lang, { en: option.name, zh: option.nameZh, de: option.nameDe });
  };
  return (
    <nav aria-label={t('knowledgeList.facetsLabel')} className="knowledge-facets">
      <dl>
        {KNOWLEDGE_FACETS.map((facet) => {
          const chosen = filter[facet];
          const options = facets[facet].filter((o) => o.count > 0 || o.value === chosen);
          if (options.length === 0) return null;
          return (
            <div key={facet} data-facet={facet}>
              <dt>{t(`knowledgeList.facet.${facet}`)}</dt>
              {chosen !== undefined ? (
                <dd>
                  <AppLink to={href({ ...filter, [facet]: undefined })} aria-current="true">
                    {t('knowledgeList.chosen', {
                      value: label(
                        facet,
                        options.find((o) => o.value === chosen) ?? {
                          value: chosen,
                          name: chosen,
                          count: 0,
                        },
                      ),
                    })}
                  </AppLink>
                </dd>
              ) : (
                options.map((option) => (
                  <dd key={option.value}>
                    <AppLink
                      to={href({ ...filter, [facet]: option.value })}
                      data-value={option.value}
                    >
                      {label(facet, option)}
                    </AppLink>{' '}
                    <span className="muted">({format.count(option.count)})</span>
                  </dd>
                ))
              )}
            </div>
          );
        })}
      </dl>
      {Object.keys(keep).length > 0 ? (
        <p>
          <AppLink to={href({})}>{t('knowledgeList.clear')}</AppLink>
        </p>
      ) : null}
    </nav>
  );
}
