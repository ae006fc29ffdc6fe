import { data } from 'react-router';

import { listEvents } from '../events/events.server';
import { getTopic } from './topics.server';
import {
  listTopicChallenges,
  listTopicDocuments,
  listTopicEntries,
  listTopicOrganisations,
} from './topic-space.server';
import { TopicChallenges, TopicDocuments, TopicEntries, Section } from './topic-space';
import { listTopicSessions } from '../sessions/sessions.server';
import { TopicSessionsList } from '../sessions/session-list';
import { userContext } from '../../core/http/session.server';
import { PERMISSIONS, isAllowed } from '../../core/auth/permissions';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import { EventsSection } from '../events/event-list';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { RecordFeedLinks } from '../feeds/feed-links';
import {
  useEnglishOnly,
  useFormat,
  useLang,
  useLocalizePath,
  useTranslation,
} from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { resolveStatus } from '../../../db/dates';
import type { Route } from './+types/detail';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { ProjectList } from '../../core/ui/project-link';

export const handle = SERVER_ONLY_PAGE;

/**
 * How many of its projects and events a topic's page lists before its links to all of them in
 * the project list and the list of events (at 10 000 projects a topic had 1 200 projects and 900
 * events: 700 kB of page, decision 0082). The real portfolio's topics fit.
 */
export const TOPIC_PROJECTS_SHOWN = 100;
export const TOPIC_EVENTS_SHOWN = 50;

// Signed in, a page is private (never kept for the next visitor: app/core/http); so the documents
// a signed-in reader may see never reach a signed-out copy of the topic's space.
export function loader({ params, context }: Route.LoaderArgs) {
  const topic = getTopic(params.slug);
  if (!topic) throw data(null, { status: 404 });
  const user = context.get(userContext);
  const now = today();
  const events = listEvents({ topic: topic.slug });
  return {
    topic: {
      ...topic,
      projects: topic.projects.slice(0, TOPIC_PROJECTS_SHOWN).map(({ id: _id, ...p }) => ({
        ...p,
        status: resolveStatus(p, now).status,
      })),
    },
    projectCount: topic.projects.length,
    events: events.slice(0, TOPIC_EVENTS_SHOWN),
    eventCount: events.length,
    organisations: listTopicOrganisations(topic.id),
    entries: listTopicEntries(topic.id),
    challenges: listTopicChallenges(topic.id),
    documents: listTopicDocuments(topic.id, documentVisibilitiesFor(user)),
    sessions: listTopicSessions(topic.id),
    canWrite: isAllowed(PERMISSIONS['knowledge.write'], user),
  };
}

const VIEWS = ['/projects', '/map', '/timeline', '/milestones', '/dashboard'] as const;

export default function TopicPage({ loaderData }: Route.ComponentProps) {
  const { topic, projectCount, events, eventCount, organisations, entries, challenges } =
    loaderData;
  const { documents, sessions, canWrite } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const name = officialNameText(lang, { en: topic.name, zh: topic.nameZh, de: topic.nameDe });
  const viewName: Record<(typeof VIEWS)[number], string> = {
    '/projects': t('site.projects'),
    '/map': t('site.map'),
    '/timeline': t('site.timeline'),
    '/milestones': t('site.milestones'),
    '/dashboard': t('site.dashboard'),
  };
  return (
    <article>
      <PageTitle title={name} />
      <p className="muted">
        <AppLink to={to('/topics')}>{t('topics.allTopics')}</AppLink>
      </p>
      <h1>
        <OfficialName en={topic.name} zh={topic.nameZh} de={topic.nameDe} />
      </h1>
      <p className="lead">{t('topicSpace.lead')}</p>
      <RecordFeedLinks scope="topics" slug={topic.slug} name={name} />
      {projectCount > 0 ? (
        <p>
          {t('topics.explore')}{' '}
          {VIEWS.map((v, i) => (
            <span key={v}>
              {i > 0 ? ' · ' : null}
              <AppLink to={to(`${v}?topic=${topic.slug}`)}>{viewName[v]}</AppLink>
            </span>
          ))}
        </p>
      ) : null}
      <TopicEntries topicSlug={topic.slug} entries={entries} canWrite={canWrite} />
      <TopicChallenges challenges={challenges} />
      <TopicDocuments topicSlug={topic.slug} documents={documents} />
      <Section id="topic-sessions" title={t('topicSpace.sessionsTitle')}>
        {sessions.length ? (
          <TopicSessionsList sessions={sessions} />
        ) : (
          <p>{t('topicSpace.sessionsNone')}</p>
        )}
      </Section>
      <section aria-labelledby="topic-projects">
        <h2 id="topic-projects">
          {t('topics.projectsTitle')} ({format.count(projectCount)})
        </h2>
        {projectCount > topic.projects.length ? (
          <p className="muted">{t('topics.projectsShown', { shown: topic.projects.length })}</p>
        ) : null}
        {topic.projects.length === 0 ? (
          <p>{t('topics.none')}</p>
        ) : (
          <ProjectList
            projects={topic.projects}
            note={(p) =>
              p.reason ? (
                <span className="muted" lang={englishOnly}>
                  {' '}
                  — {t('topics.why', { reason: p.reason })}
                </span>
              ) : null
            }
          />
        )}
        {projectCount > topic.projects.length ? (
          <p>
            <AppLink to={to(`/projects?topic=${topic.slug}`)}>
              {t('topics.projectsAll', { count: projectCount })}
            </AppLink>
          </p>
        ) : null}
      </section>
      <Section
        id="topic-organisations"
        title={t('topicSpace.organisationsTitle')}
        lead={t('topicSpace.organisationsLead')}
      >
        {organisations.length === 0 ? (
          <p>{t('topicSpace.organisationsNone')}</p>
        ) : (
          <ul className="inline-list">
            {organisations.map((o) => (
              <li key={o.slug} data-slug={o.slug}>
                <AppLink to={to(`/organisations/${o.slug}`)}>
                  {o.acronym ?? officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe })}
                </AppLink>{' '}
                <span className="muted">
                  (
                  {[
                    o.projects ? t('topics.projects', { count: o.projects }) : null,
                    o.entries ? t('topicSpace.entries', { count: o.entries }) : null,
                    o.sessions ? t('topicSpace.sessions', { count: o.sessions }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <EventsSection
        id="topic-events"
        title={t('topics.eventsTitle')}
        events={events}
        lead={eventCount > events.length ? t('topics.eventsShown', { shown: events.length }) : null}
        more={
          eventCount > events.length ? (
            <AppLink to={to(`/events?topic=${topic.slug}`)}>
              {t('topics.eventsAll', { count: eventCount })}
            </AppLink>
          ) : null
        }
      />
    </article>
  );
}
