import { useTranslation } from 'react-i18next';
import { Link, redirect } from 'react-router';

import { countEvents, listLatestEvents } from '../../db/queries/events.server';
import { getPortfolioStats } from '../../db/queries/projects.server';
import { EventDate } from '../components/event-date';
import { PageTitle } from '../components/page-title';
import { homeLangFor, localizePath } from '../i18n/config';
import { useEnglishOnly, useFormat, useLang, useLocalizePath } from '../i18n/hooks';
import type { ProjectType } from '../lib/vocabulary';
import type { Route } from './+types/home';

export function loader({ request }: Route.LoaderArgs) {
  // Only the unprefixed "/" chooses a language: the remembered one, else (first visit) the browser's.
  if (new URL(request.url).pathname === '/') {
    const lang = homeLangFor(request.headers.get('Cookie'), request.headers.get('Accept-Language'));
    if (lang !== 'en') throw redirect(localizePath('/', lang), 302);
  }
  return {
    stats: getPortfolioStats(),
    latestEvents: listLatestEvents(6),
    eventCount: countEvents(),
  };
}

export function headers() {
  return { Vary: 'Cookie, Accept-Language' };
}

function FundingTile({
  label,
  row,
  note,
}: {
  label: string;
  row: { projects: number; withKnownFunding: number; knownFundingEur: number } | undefined;
  note?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const projects = row?.projects ?? 0;
  const known = row?.withKnownFunding ?? 0;
  return (
    <div className="tile">
      <dt>{label}</dt>
      <dd>
        <span className="tile__value">
          {row && known > 0 ? format.eur(row.knownFundingEur) : t('common.notPublished')}
        </span>
        <span className="tile__note">
          {t('home.fundingPublishedFor', { known, count: projects })}
          {note ? ` · ${note}` : ''}
        </span>
      </dd>
    </div>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { stats, latestEvents, eventCount } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const typeRow = (type: ProjectType) => stats.byType.find((r) => r.type === type);
  const typeCount = (type: ProjectType) => typeRow(type)?.projects ?? 0;
  const typeNote = [
    t('home.byType', { bilateral: typeCount('bilateral'), regional: typeCount('regional') }),
    typeCount('global') ? t('home.global', { count: typeCount('global') }) : null,
    typeCount('unknown') ? t('home.typeUnknown', { count: typeCount('unknown') }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <PageTitle description={t('site.description')} />
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>

      <section aria-labelledby="glance">
        <h2 id="glance">{t('home.glance')}</h2>
        <dl className="tiles">
          <div className="tile" data-tile="projects">
            <dt>{t('home.projects')}</dt>
            <dd>
              <span className="tile__value">{format.count(stats.totalProjects)}</span>
              <span className="tile__note">{typeNote}</span>
            </dd>
          </div>
          <div className="tile">
            <dt>{t('home.provincesReached')}</dt>
            <dd>
              <span className="tile__value">{format.count(stats.provincesReached.length)}</span>
              <span className="tile__note">
                {t('home.provincesNote', { count: stats.nationWideProjects })}
              </span>
            </dd>
          </div>
          <FundingTile label={t('home.fundingBilateral')} row={typeRow('bilateral')} />
          <FundingTile
            label={t('home.fundingRegional')}
            row={typeRow('regional')}
            note={t('home.regionalTotal')}
          />
          <div className="tile">
            <dt>{t('home.events')}</dt>
            <dd>
              <span className="tile__value">{format.count(eventCount)}</span>
              <span className="tile__note">{t('home.eventsNote')}</span>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="views">
        <h2 id="views">{t('home.explore')}</h2>
        <ul className="view-links">
          <li>
            <Link to={to('/projects')}>{t('home.allProjects')}</Link> — {t('home.allProjectsNote')}
          </li>
          <li>
            <Link to={to('/map')}>{t('home.mapLink')}</Link> — {t('home.mapNote')}
          </li>
        </ul>
      </section>

      {stats.provincesReached.length > 0 ? (
        <section aria-labelledby="provinces">
          <h2 id="provinces">{t('home.provincesTitle')}</h2>
          <ul className="inline-list">
            {stats.provincesReached.map((p) => (
              <li key={p.code}>
                {lang === 'zh' ? p.nameZh : p.nameEn}{' '}
                <span className="muted">({format.count(p.projects)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="latest-events">
        <h2 id="latest-events">{t('home.latestEvents')}</h2>
        {latestEvents.length === 0 ? (
          <p>{t('home.noEvents')}</p>
        ) : (
          <ul className="event-list">
            {latestEvents.map((e) => (
              <li key={e.id}>
                <EventDate event={e} />
                <span className="event-list__title" lang={englishOnly}>
                  {e.title}
                </span>
                <span className="muted">
                  <span lang={englishOnly}>
                    {[e.type, e.city ?? (lang === 'zh' ? e.provinceNameZh : e.provinceNameEn)]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {e.sourceUrl ? (
                    <>
                      {' · '}
                      <a
                        href={e.sourceUrl}
                        rel="noreferrer"
                        aria-label={t('common.sourceLabel', {
                          title: e.sourceTitle ?? e.sourceUrl,
                        })}
                      >
                        {t('common.sourceLink')}
                      </a>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
