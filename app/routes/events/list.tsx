import { Form } from 'react-router';

import { getEventFilterOptions, listEvents } from '../../../db/queries/events.server';
import { DeletedNotice } from '../../components/deleted-notice';
import { EventList } from '../../components/event-list';
import { PageTitle } from '../../components/page-title';
import { userContext } from '../../auth.server';
import { isAllowed } from '../../lib/permissions';
import { useEnglishOnly, useLang, useLocalizePath, useTranslation } from '../../i18n/hooks';
import { officialNameText } from '../../components/official-name';
import type { Route } from './+types/list';
import { SERVER_ONLY_PAGE } from '../../lib/page-handle';
import { AppLink } from '../../components/app-link';

/** Reads ?type=&year=&project=&org=; a value that is not on offer is dropped and named. */
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
    },
    ignored,
  };
}

// Complete as HTML: links and GET forms, no JavaScript sent (lib/page-handle.ts).
export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const options = getEventFilterOptions();
  const { filter, ignored } = parseEventFilter(new URL(request.url).searchParams, options);
  return {
    options,
    filter,
    ignored,
    events: listEvents(filter),
    canAdd: isAllowed('editors', context.get(userContext)),
  };
}

export default function Events({ loaderData }: Route.ComponentProps) {
  const { options, filter, ignored, events, canAdd } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
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
        <label>
          {t('events.type')}{' '}
          <select name="type" defaultValue={filter.type ?? ''}>
            <option value="">{t('events.any')}</option>
            {options.types.map((type) => (
              <option key={type} value={type} lang={englishOnly}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('events.year')}{' '}
          <select name="year" defaultValue={filter.year ?? ''}>
            <option value="">{t('events.any')}</option>
            {options.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('events.project')}{' '}
          <select name="project" defaultValue={filter.project ?? ''}>
            <option value="">{t('events.any')}</option>
            {options.projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('events.org')}{' '}
          <select name="org" defaultValue={filter.org ?? ''}>
            <option value="">{t('events.any')}</option>
            {options.organisations.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.acronym ?? officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('events.apply')}</button>
        <AppLink to={to('/events')}>{t('events.clear')}</AppLink>
      </Form>
      <p>
        <strong>{t('events.count', { count: events.length })}</strong> ·{' '}
        <AppLink to={to('/map?layers=projects,events')}>{t('events.onMap')}</AppLink>
      </p>
      {events.length === 0 ? <p>{t('events.none')}</p> : <EventList events={events} />}
    </>
  );
}
