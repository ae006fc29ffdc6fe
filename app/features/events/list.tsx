import { Form } from 'react-router';

import { getEventFilterOptions, listEvents } from './events.server';
import { DeletedNotice } from '../../core/ui/deleted-notice';
import { EventList } from './event-list';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { userContext } from '../../core/http/session.server';
import { isAllowed } from '../../core/auth/permissions';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { useEventTypeLabel } from './event-type';
import { officialNameText } from '../../core/ui/official-name';
import type { Route } from './+types/list';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { FilterSelect } from '../../core/ui/filter-select';

/** Reads ?type=&year=&project=&org=&topic=; a value that is not on offer is dropped and named. */
function parseEventFilter(
  search: URLSearchParams,
  options: ReturnType<typeof getEventFilterOptions>,
) {
  const ignored: string[] = [];
  const pick = <T,>(name: string, ok: (v: string) => T | undefined): T | undefined => {
    const raw = search.get(name);
    if (!raw) return undefined;
    const value = ok(raw);
    if (value === undefined) ignored.push(name);
    return value;
  };
  return {
    filter: {
      type: pick('type', (v) => (options.types.includes(v) ? v : undefined)),
      year: pick('year', (v) => (options.years.includes(Number(v)) ? Number(v) : undefined)),
      project: pick('project', (v) => (options.projects.some((p) => p.slug === v) ? v : undefined)),
      org: pick('org', (v) => (options.organisations.some((o) => o.slug === v) ? v : undefined)),
      topic: pick('topic', (v) => (options.topics.some((o) => o.slug === v) ? v : undefined)),
    },
    ignored,
  };
}

export const handle = SERVER_ONLY_PAGE;

/** Events a page: the real portfolio's 48 fit on one; at 10 000 projects there are 5 000. */
const EVENTS_PER_PAGE = 50;

/**
 * Past this many projects with events the project filter is no list to choose from (at 10 000
 * projects it named 5 000 and was most of the page: decision 0082); a project's page lists its
 * events, and ?project= still filters.
 */
export const PROJECT_OPTIONS_MAX = 300;

export function loader({ request, context }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const options = getEventFilterOptions();
  const { filter, ignored } = parseEventFilter(search, options);
  const all = listEvents(filter);
  const pageCount = Math.max(1, Math.ceil(all.length / EVENTS_PER_PAGE));
  // Not a page number, or past the last page: the first or the last page, and the page says so.
  let page = 1;
  const raw = search.get('page');
  if (raw) {
    const asked = /^\d{1,7}$/.test(raw) ? Number(raw) : 0;
    if (asked >= 1 && asked <= pageCount) page = asked;
    else {
      ignored.push('page');
      if (asked > pageCount) page = pageCount;
    }
  }
  const { projects, ...others } = options;
  const offersProjects = projects.length <= PROJECT_OPTIONS_MAX;
  return {
    options: {
      ...others,
      // The whole list when it is one to choose from, else just the project the filter names.
      projects: offersProjects ? projects : projects.filter((p) => p.slug === filter.project),
    },
    offersProjects,
    filter,
    ignored,
    events: all.slice((page - 1) * EVENTS_PER_PAGE, page * EVENTS_PER_PAGE),
    total: all.length,
    page,
    pageCount,
    canAdd: isAllowed('editors', context.get(userContext)),
  };
}

/** The query string of a page of the list under the same filter (page 1 and empty values left out). */
function eventsSearch(filter: { [name: string]: string | number | undefined }, page: number) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export default function Events({ loaderData }: Route.ComponentProps) {
  const { options, offersProjects, filter, ignored, events, total, page, pageCount, canAdd } =
    loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const typeLabel = useEventTypeLabel();
  return (
    <>
      <PageTitle title={t('events.title')} description={t('events.lead')} />
      <h1>{t('events.title')}</h1>
      <p className="lead">{t('events.lead')}</p>
      <DeletedNotice />
      {canAdd ? (
        <p>
          <AppLink to={to('/events/new')}>{t('eventForm.add')}</AppLink>
        </p>
      ) : null}
      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('review.ignored', { params: ignored.join(', ') })}
        </p>
      ) : null}
      <Form method="get" className="review-view" aria-label={t('events.filterLabel')}>
        <FilterSelect
          label={t('events.type')}
          name="type"
          value={filter.type}
          anyLabel={t('events.any')}
          choices={options.types.map((type) => ({ value: type, label: typeLabel(type) }))}
        />
        <FilterSelect
          label={t('events.year')}
          name="year"
          value={filter.year}
          anyLabel={t('events.any')}
          choices={options.years.map((year) => ({ value: year, label: String(year) }))}
        />
        {offersProjects ? (
          <FilterSelect
            label={t('events.project')}
            name="project"
            value={filter.project}
            anyLabel={t('events.any')}
            choices={options.projects.map((p) => ({
              value: p.slug,
              label: officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
            }))}
          />
        ) : (
          <ChosenProject project={options.projects[0]} />
        )}
        <FilterSelect
          label={t('events.topic')}
          name="topic"
          value={filter.topic}
          anyLabel={t('events.any')}
          choices={options.topics.map((o) => ({
            value: o.slug,
            label: officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe }),
          }))}
        />
        <FilterSelect
          label={t('events.org')}
          name="org"
          value={filter.org}
          anyLabel={t('events.any')}
          choices={options.organisations.map((o) => ({
            value: o.slug,
            label: o.acronym ?? officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe }),
          }))}
        />
        <button type="submit">{t('events.apply')}</button>
        <AppLink to={to('/events')}>{t('events.clear')}</AppLink>
      </Form>
      <p>
        <strong>{t('events.count', { count: total })}</strong> ·{' '}
        <AppLink to={to('/map?layers=projects,events')}>{t('events.onMap')}</AppLink>
      </p>
      {events.length === 0 ? <p>{t('events.none')}</p> : <EventList events={events} />}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(p) => to(`/events${eventsSearch(filter, p)}`)}
      />
    </>
  );
}

/**
 * Where the project filter has too many projects to list: the project the filter names, kept as
 * the form is sent again, or where a project's events are.
 */
function ChosenProject({
  project,
}: {
  project?: { slug: string; title: string; titleZh: string | null; titleDe: string | null };
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!project) return <span className="muted">{t('events.projectOnItsPage')}</span>;
  return (
    <span>
      <input type="hidden" name="project" value={project.slug} />
      {t('events.project')}:{' '}
      <strong>
        {officialNameText(lang, { en: project.title, zh: project.titleZh, de: project.titleDe })}
      </strong>
    </span>
  );
}
