import { redirect } from 'react-router';

import { countEvents, listLatestEvents } from '../events/events.server';
import { countReviewGroups, listReviewGroup } from '../milestones/milestone-review.server';
import { getPortfolioStats } from '../projects/projects.server';
import { listTopicSummaries } from '../topics/topics.server';
import { ReviewGroups } from '../milestones/milestone-review';
import { OfficialName } from '../../core/ui/official-name';
import { today } from '../../core/clock';
import { DUE_SOON_DAYS, overdueDays, slippageDays } from '../milestones/progress';
import { EventList } from '../events/event-list';
import { PageTitle } from '../../core/ui/page-title';
import { homeLangFor, localizePath } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { ProjectType } from '../../../db/vocabulary';
import type { Route } from './+types/home';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';

export const handle = SERVER_ONLY_PAGE;

export function loader({ request }: Route.LoaderArgs) {
  // Only the unprefixed "/" chooses a language: the remembered one, else (first visit) the browser's.
  if (new URL(request.url).pathname === '/') {
    const lang = homeLangFor(request.headers.get('Cookie'), request.headers.get('Accept-Language'));
    if (lang !== 'en') throw redirect(localizePath('/', lang), 302);
  }
  const now = today();
  const review = (group: 'due-soon' | 'overdue') =>
    listReviewGroup(group, { today: now, days: DUE_SOON_DAYS, limit: HOME_MILESTONES }).map(
      (m) => ({ ...m, overdueDays: overdueDays(m, now), slippageDays: slippageDays(m) }),
    );
  return {
    stats: getPortfolioStats(),
    latestEvents: listLatestEvents(6),
    eventCount: countEvents(),
    milestoneCounts: countReviewGroups({ today: now, days: DUE_SOON_DAYS }),
    milestoneGroups: [
      { group: 'due-soon' as const, rows: review('due-soon') },
      { group: 'overdue' as const, rows: review('overdue') },
    ],
    topics: listTopicSummaries().filter((topic) => topic.projects > 0),
  };
}

/** Milestones of each kind the front door shows; the review has the rest. */
const HOME_MILESTONES = 5;

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
  const { stats, latestEvents, eventCount, milestoneCounts, milestoneGroups, topics } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
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

      <form method="get" action={to('/search')} className="search-form" role="search">
        <label htmlFor="home-search">{t('home.searchTitle')}</label>
        <input id="home-search" type="search" name="q" />
        <button type="submit">{t('search.submit')}</button>
      </form>
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
            <AppLink to={to('/projects')}>{t('home.allProjects')}</AppLink> —{' '}
            {t('home.allProjectsNote')}
          </li>
          <li>
            <AppLink to={to('/map')}>{t('home.mapLink')}</AppLink> — {t('home.mapNote')}
          </li>
          <li>
            <AppLink to={to('/timeline')}>{t('timeline.title')}</AppLink> — {t('timeline.lead')}
          </li>
          <li>
            <AppLink to={to('/dashboard')}>{t('dashboard.title')}</AppLink> —{' '}
            {t('dashboard.kpisLabel')}
          </li>
          <li>
            <AppLink to={to('/organisations')}>{t('organisations.title')}</AppLink> ·{' '}
            <AppLink to={to('/organisations/network')}>{t('organisations.network')}</AppLink> ·{' '}
            <AppLink to={to('/events')}>{t('events.title')}</AppLink> ·{' '}
            <AppLink to={to('/topics')}>{t('topics.title')}</AppLink>
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

      <section aria-labelledby="home-milestones" className="home-milestones">
        <h2 id="home-milestones">{t('site.milestones')}</h2>
        <ReviewGroups
          groups={milestoneGroups}
          counts={milestoneCounts}
          idPrefix="home-"
          headingLevel={3}
          moreHref={(group) => to(`/milestones?group=${group}`)}
        />
        <p>
          <AppLink to={to('/milestones')}>{t('home.reviewLink')}</AppLink>
        </p>
      </section>
      <section aria-labelledby="home-topics">
        <h2 id="home-topics">{t('home.topicsTitle')}</h2>
        <ul className="inline-list">
          {topics.map((topic) => (
            <li key={topic.slug}>
              <AppLink to={to(`/topics/${topic.slug}`)}>
                <OfficialName en={topic.name} zh={topic.nameZh} de={topic.nameDe} />
              </AppLink>{' '}
              <span className="muted">({format.count(topic.projects)})</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest-events">
        <h2 id="latest-events">{t('home.latestEvents')}</h2>
        {latestEvents.length === 0 ? (
          <p>{t('home.noEvents')}</p>
        ) : (
          <EventList events={latestEvents} itemProps={() => ({})} withSources />
        )}
      </section>
    </>
  );
}
