import { Form } from 'react-router';

import { DOCUMENT_CATEGORIES } from '../../../db/vocabulary';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import { isAllowed } from '../../core/auth/permissions';
import { userContext } from '../../core/http/session.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { DeletedNotice } from '../../core/ui/deleted-notice';
import { officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { FilterSelect } from '../../core/ui/filter-select';
import type { Route } from './+types/list';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, type DocumentKind } from './document-kinds';
import { DocumentTable, useDocumentLabels } from './document-table';
import { type DocumentFilter, getDocumentFilterOptions, listDocuments } from './documents.server';

// The documents a reader may see, newest first, filtered by a GET form (no JavaScript needed).

export const handle = SERVER_ONLY_PAGE;

const PER_PAGE = 50;

type Options = ReturnType<typeof getDocumentFilterOptions>;

/** Reads the filter from the query; a value that is not on offer is dropped and named. */
function parseFilter(search: URLSearchParams, options: Options) {
  const ignored: string[] = [];
  const pick = (name: string, allowed: readonly string[]): string | undefined => {
    const raw = search.get(name);
    if (!raw) return undefined;
    if (allowed.includes(raw)) return raw;
    ignored.push(name);
    return undefined;
  };
  const filter: DocumentFilter = {
    project: pick(
      'project',
      options.projects.map((p) => p.slug),
    ),
    topic: pick(
      'topic',
      options.topics.map((t) => t.slug),
    ),
    event: pick(
      'event',
      options.events.map((e) => e.slug),
    ),
    category: pick('category', DOCUMENT_CATEGORIES),
    language: pick('language', [...DOCUMENT_LANGUAGES, 'none']),
    kind: pick('type', DOCUMENT_KINDS) as DocumentKind | undefined,
  };
  return { filter, ignored };
}

export function loader({ request, context }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const user = context.get(userContext);
  const options = getDocumentFilterOptions();
  const { filter, ignored } = parseFilter(search, options);
  const visibilities = documentVisibilitiesFor(user);
  const raw = search.get('page');
  let page = raw && /^\d{1,7}$/.test(raw) ? Number(raw) : 1;
  if (raw && page < 1) ignored.push('page');
  page = Math.max(1, page);
  const first = listDocuments(filter, visibilities, {
    offset: (page - 1) * PER_PAGE,
    limit: PER_PAGE,
  });
  const total = first.total;
  let rows = first.rows;
  const pageCount = Math.max(1, Math.ceil(total / PER_PAGE));
  if (page > pageCount) {
    ignored.push('page');
    page = pageCount;
    rows = listDocuments(filter, visibilities, {
      offset: (page - 1) * PER_PAGE,
      limit: PER_PAGE,
    }).rows;
  }
  return {
    options,
    filter,
    ignored,
    documents: rows,
    total,
    page,
    pageCount,
    canAdd: isAllowed('contributors', user),
  };
}

function searchOf(filter: DocumentFilter, page: number) {
  const search = new URLSearchParams();
  const { kind, ...rest } = filter;
  for (const [name, value] of Object.entries({ ...rest, type: kind })) {
    if (value) search.set(name, value);
  }
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export default function Documents({ loaderData }: Route.ComponentProps) {
  const { options, filter, ignored, documents, total, page, pageCount, canAdd } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const labels = useDocumentLabels();
  return (
    <>
      <PageTitle title={t('documents.title')} description={t('documents.lead')} />
      <h1>{t('documents.title')}</h1>
      <p className="lead">{t('documents.lead')}</p>
      <DeletedNotice />
      {canAdd ? (
        <p>
          <AppLink to={to('/documents/new')}>{t('documents.add')}</AppLink>
        </p>
      ) : null}
      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('review.ignored', { params: ignored.join(', ') })}
        </p>
      ) : null}
      <Form method="get" className="review-view" aria-label={t('documents.filterLabel')}>
        <FilterSelect
          label={t('documents.project')}
          name="project"
          value={filter.project}
          anyLabel={t('documents.any')}
          choices={options.projects.map((p) => ({
            value: p.slug,
            label: officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
          }))}
        />
        <FilterSelect
          label={t('documents.topic')}
          name="topic"
          value={filter.topic}
          anyLabel={t('documents.any')}
          choices={options.topics.map((topic) => ({
            value: topic.slug,
            label: officialNameText(lang, { en: topic.name, zh: topic.nameZh, de: topic.nameDe }),
          }))}
        />
        <FilterSelect
          label={t('documents.event')}
          name="event"
          value={filter.event}
          anyLabel={t('documents.any')}
          choices={options.events.map((e) => ({
            value: e.slug,
            label: officialNameText(lang, { en: e.title, zh: e.titleZh, de: e.titleDe }),
          }))}
        />
        <FilterSelect
          label={t('documents.categoryFilter')}
          name="category"
          value={filter.category}
          anyLabel={t('documents.any')}
          choices={DOCUMENT_CATEGORIES.map((code) => ({
            value: code,
            label: `${code} · ${labels.category(code)}`,
          }))}
        />
        <FilterSelect
          label={t('documents.language')}
          name="language"
          value={filter.language}
          anyLabel={t('documents.any')}
          choices={[...DOCUMENT_LANGUAGES, 'none' as const].map((code) => ({
            value: code,
            label: labels.language(code === 'none' ? null : code),
          }))}
        />
        <FilterSelect
          label={t('documents.kind')}
          name="type"
          value={filter.kind}
          anyLabel={t('documents.any')}
          choices={DOCUMENT_KINDS.map((kind) => ({
            value: kind,
            label: t(`documents.kindName.${kind}`),
          }))}
        />
        <button type="submit">{t('documents.show')}</button>
      </Form>
      <p role="status" data-count={total}>
        {t('documents.count', { count: total })}
      </p>
      {documents.length ? (
        <DocumentTable rows={documents} caption={t('documents.title')} />
      ) : (
        <p>{t('documents.none')}</p>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(p) => to(`/documents${searchOf(filter, p)}`)}
      />
    </>
  );
}
