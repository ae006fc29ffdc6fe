import { Link } from 'react-router';

import { countEvents, listLatestEvents } from '../../db/queries/events.server';
import { getPortfolioStats } from '../../db/queries/projects.server';
import { EventDate } from '../components/event-date';
import { formatCount, formatEur } from '../lib/format';
import type { ProjectType } from '../lib/vocabulary';
import type { Route } from './+types/home';

export function loader() {
  return {
    stats: getPortfolioStats(),
    latestEvents: listLatestEvents(6),
    eventCount: countEvents(),
  };
}

export function meta(): Route.MetaDescriptors {
  return [
    { title: 'IKI China portfolio hub' },
    {
      name: 'description',
      content:
        'The International Climate Initiative’s projects in China: who does what, where, when, with which funding — every fact with its source.',
    },
  ];
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
  const projects = row?.projects ?? 0;
  const known = row?.withKnownFunding ?? 0;
  return (
    <div className="tile">
      <dt>{label}</dt>
      <dd>
        <span className="tile__value">
          {known > 0 ? formatEur(row!.knownFundingEur) : 'not published'}
        </span>
        <span className="tile__note">
          published for {known} of {projects} {projects === 1 ? 'project' : 'projects'}
          {note ? ` · ${note}` : ''}
        </span>
      </dd>
    </div>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { stats, latestEvents, eventCount } = loaderData;
  const typeRow = (type: ProjectType) => stats.byType.find((r) => r.type === type);
  const typeCount = (type: ProjectType) => typeRow(type)?.projects ?? 0;
  return (
    <>
      <h1>IKI China portfolio</h1>
      <p className="lead">
        Bilateral and regional projects of Germany’s International Climate Initiative (IKI) in
        China: their partners, places, dates, funding and events, each fact linked to the public
        page it comes from.
      </p>

      <section aria-labelledby="glance">
        <h2 id="glance">At a glance</h2>
        <dl className="tiles">
          <div className="tile">
            <dt>Projects</dt>
            <dd>
              <span className="tile__value">{formatCount(stats.totalProjects)}</span>
              <span className="tile__note">
                {typeCount('bilateral')} bilateral · {typeCount('regional')} regional
                {typeCount('global') ? ` · ${typeCount('global')} global` : ''}
                {typeCount('unknown') ? ` · ${typeCount('unknown')} type not published` : ''}
              </span>
            </dd>
          </div>
          <div className="tile">
            <dt>Provinces reached</dt>
            <dd>
              <span className="tile__value">{stats.provincesReached.length}</span>
              <span className="tile__note">
                of 31 · named by a project or holding one of its places; {stats.nationWideProjects}{' '}
                projects work nation-wide
              </span>
            </dd>
          </div>
          <FundingTile label="Known IKI funding, bilateral" row={typeRow('bilateral')} />
          <FundingTile
            label="Known IKI funding, regional"
            row={typeRow('regional')}
            note="total across all countries, not China’s share"
          />
          <div className="tile">
            <dt>Events</dt>
            <dd>
              <span className="tile__value">{formatCount(eventCount)}</span>
              <span className="tile__note">workshops, study tours, conferences and more</span>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="views">
        <h2 id="views">Explore</h2>
        <ul className="view-links">
          <li>
            <Link to="/projects">All projects</Link> — sortable by title, start, end and funding
          </li>
        </ul>
      </section>

      {stats.provincesReached.length > 0 ? (
        <section aria-labelledby="provinces">
          <h2 id="provinces">Provinces reached</h2>
          <ul className="inline-list">
            {stats.provincesReached.map((p) => (
              <li key={p.code}>
                {p.nameEn} <span lang="zh-Hans">{p.nameZh}</span>{' '}
                <span className="muted">({p.projects})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="latest-events">
        <h2 id="latest-events">Latest events</h2>
        {latestEvents.length === 0 ? (
          <p>No dated events are published.</p>
        ) : (
          <ul className="event-list">
            {latestEvents.map((e) => (
              <li key={e.id}>
                <EventDate event={e} />
                <span className="event-list__title">{e.title}</span>
                <span className="muted">
                  {[e.type, e.city ?? e.provinceNameEn].filter(Boolean).join(' · ')}
                  {e.sourceUrl ? (
                    <>
                      {' · '}
                      <a
                        href={e.sourceUrl}
                        rel="noreferrer"
                        aria-label={`Source: ${e.sourceTitle ?? e.sourceUrl}`}
                      >
                        source
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
