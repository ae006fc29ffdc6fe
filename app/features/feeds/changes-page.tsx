import { data } from 'react-router';

import { today } from '../../core/clock';
import { filterSearchParams, isFilterEmpty, parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { fixedTranslation, useFormat, useTranslation } from '../../core/i18n/hooks';
import { getInstance } from '../../core/i18n/i18next.server';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { PageTitle } from '../../core/ui/page-title';
import { resolveFilterSearch } from '../../core/search/search.server';
import { changeText } from './change-text';
import { listChanges } from './changes.server';
import { LATEST_CHANGES, MAX_SINCE, SINCE } from './feed-params';
import type { Route } from './+types/changes-page';

// "What changed since the last workshop": the changes of the feeds as a page, grouped by day,
// for the shared filter's projects (all without one), since a day or the latest 50.

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);
  const { filter, problems } = parseFilter(url.searchParams);
  const rawSince = url.searchParams.get('since') ?? '';
  const since = rawSince ? SINCE.read(rawSince) : null;
  const sinceError = since === undefined;
  const isEmpty = isFilterEmpty(filter);
  const query = filterSearchParams(filter);
  const i18n = getInstance(context);
  const t = fixedTranslation(i18n, lang);
  const has = (key: string) => i18n.exists(key, { lng: lang });
  const changes = sinceError
    ? []
    : listChanges(
        {
          kind: 'filter',
          where: projectFilterSql(resolveFilterSearch(filter), today()),
          isEmpty,
        },
        { since },
      ).map((c) => changeText(c, lang, t, has));
  const feedQuery = new URLSearchParams(query);
  if (since) feedQuery.set('since', rawSince);
  const q = (search: URLSearchParams) => (search.size ? `?${search}` : '');
  const days: { day: string; changes: typeof changes }[] = [];
  for (const change of changes) {
    const day = change.at.slice(0, 10);
    if (days.at(-1)?.day !== day) days.push({ day, changes: [] });
    days.at(-1)!.changes.push(change);
  }
  return data(
    {
      since: since ?? null,
      rawSince: sinceError ? rawSince : (since?.slice(0, 10) ?? ''),
      sinceError,
      ignored: [...new Set(problems.map((p) => p.parameter))],
      filterParams: [...query],
      isFiltered: !isEmpty,
      listPath: localizePath(`/projects${q(query)}`, lang),
      feedPath: localizePath(`/feeds/changes.atom${q(feedQuery)}`, lang),
      days,
      isTruncated: changes.length >= (since ? MAX_SINCE : LATEST_CHANGES) && Boolean(since),
    },
    { status: sinceError ? 400 : 200 },
  );
}

export default function ChangesPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { since, days, sinceError } = loaderData;
  const sinceDay = since ? format.date(since.slice(0, 10), 'day') : null;
  const title = sinceDay ? t('feeds.pageTitleSince', { date: sinceDay }) : t('feeds.pageTitle');
  return (
    <>
      <PageTitle title={title} description={t('feeds.lead')} />
      <link
        rel="alternate"
        type="application/atom+xml"
        title={t('feeds.feedLinkTitleAll')}
        href={loaderData.feedPath}
      />
      <h1>{title}</h1>
      <p className="lead">{t('feeds.lead')}</p>
      {loaderData.ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('feeds.filterIgnored', { params: loaderData.ignored.join(', ') })}
        </p>
      ) : null}
      {loaderData.isFiltered ? (
        <p>
          <a href={loaderData.listPath}>{t('feeds.filtered')}</a>
        </p>
      ) : null}
      <form method="get" className="changes-since">
        {loaderData.filterParams.map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <div className={sinceError ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor="since">{t('feeds.sinceLabel')}</label>
          <p className="form-field__hint" id="since-hint">
            {t('feeds.sinceHint', { count: LATEST_CHANGES })}
          </p>
          <input
            id="since"
            name="since"
            type="date"
            defaultValue={loaderData.rawSince}
            aria-invalid={sinceError || undefined}
            aria-describedby={sinceError ? 'since-hint since-error' : 'since-hint'}
          />
          {sinceError ? (
            <p className="form-field__error" id="since-error" role="alert">
              {t('feeds.sinceError')}
            </p>
          ) : null}
        </div>
        <button type="submit">{t('feeds.show')}</button>
      </form>
      <p className="feed-links">
        <a href={loaderData.feedPath} type="application/atom+xml">
          {t('feeds.feedOfThis')}
        </a>
      </p>
      {loaderData.isTruncated ? (
        <p className="notice" role="status">
          {t('feeds.truncated', { count: MAX_SINCE })}
        </p>
      ) : null}
      {days.length === 0 && !sinceError ? <p>{t('feeds.none')}</p> : null}
      {days.map(({ day, changes }) => (
        <section key={day} aria-labelledby={`day-${day}`} className="changes-day">
          <h2 id={`day-${day}`}>{format.date(day, 'day')}</h2>
          <ul className="changes-list">
            {changes.map((c) => (
              <li key={c.key} data-kind={c.kind}>
                <a href={c.path}>{c.title}</a>{' '}
                <span className="muted">
                  <time dateTime={c.at}>{format.dateTime(c.at)}</time>
                </span>
                {c.paragraphs.map((p, i) => (
                  <p key={i} className="changes-text">
                    {p}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
