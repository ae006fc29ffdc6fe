import { data } from 'react-router';
import { DocumentsSection } from '../documents/documents-section';
import { documentsSectionOf } from '../documents/documents-section.server';

import { getEvent } from './events.server';
import { TypeBadge } from '../../core/ui/badges';
import { EventDate } from './event-date';
import { PageTitle } from '../../core/ui/page-title';
import { userContext } from '../../core/http/session.server';
import { useEnglishOnly, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { PERMISSIONS, isAllowed } from '../../core/auth/permissions';
import type { Route } from './+types/detail';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { SuccessNotice } from '../../core/ui/notice';
import { RecordActions } from '../../core/ui/record-actions';
import { ProjectLink } from '../../core/ui/project-link';
import { HTML_LANG, langFromPath } from '../../core/i18n/config';
import { hubTranslationOf } from '../../core/ui/translated-title';
import { eventPlaceText } from './event-place';
import { useEventTypeLabel } from './event-type';
import { listEntriesOf } from '../knowledge/entry-sections.server';
import { KnowledgeEntriesSection } from '../knowledge/entry-sections';
import { listEventSessions } from '../sessions/sessions.server';
import { EventSessionsSection } from '../sessions/session-list';

export const handle = SERVER_ONLY_PAGE;

export function loader({ params, request, context }: Route.LoaderArgs) {
  const event = getEvent(params.slug);
  if (!event) throw data(null, { status: 404 });
  const user = context.get(userContext);
  return {
    event,
    documents: documentsSectionOf({ event: event.slug }, user),
    sessions: listEventSessions(event.id),
    canManageSessions: isAllowed(PERMISSIONS['event-session.manage'], user),
    canEdit: isAllowed('editors', user),
    isSaved: new URL(request.url).searchParams.has('saved'),
    knowledgeEntries: listEntriesOf(
      { kind: 'event', id: event.id },
      langFromPath(new URL(request.url).pathname),
    ),
  };
}

export default function EventPage({ loaderData }: Route.ComponentProps) {
  const { event: e, canEdit, isSaved, sessions, canManageSessions } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  const typeLabel = useEventTypeLabel();
  const place = eventPlaceText(lang, e);
  const translated = hubTranslationOf(lang, { en: e.title, zh: e.titleZh, de: e.titleDe });
  return (
    <article>
      <PageTitle title={translated ?? e.title} />
      <p className="muted">
        <AppLink to={to('/events')}>{t('events.allEvents')}</AppLink>
      </p>
      {translated ? (
        <>
          <h1 lang={HTML_LANG[lang]}>{translated}</h1>
          <p className="translation-note">{t('common.hubTranslation')}</p>
        </>
      ) : (
        <h1 lang={englishOnly}>{e.title}</h1>
      )}
      {isSaved ? <SuccessNotice>{t('edit.saved_notice')}</SuccessNotice> : null}
      <RecordActions path={`/events/${e.slug}`} canEdit={canEdit} />
      <dl className="facts">
        {translated ? (
          <div>
            <dt>{t('events.originalTitle')}</dt>
            <dd lang="en">{e.title}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('events.date')}</dt>
          <dd>
            <EventDate event={e} />
          </dd>
        </div>
        <div>
          <dt>{t('events.type')}</dt>
          <dd>{typeLabel(e.type)}</dd>
        </div>
        <div>
          <dt>{t('events.place')}</dt>
          <dd>{place || t('common.notPublished')}</dd>
        </div>
        {e.format ? (
          <div>
            <dt>{t('events.format')}</dt>
            <dd lang={englishOnly}>{e.format}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('events.organisers')}</dt>
          <dd lang={englishOnly}>
            {e.organisers?.length ? e.organisers.join('; ') : t('common.notPublished')}
          </dd>
        </div>
        {e.participants ? (
          <div>
            <dt>{t('events.participants')}</dt>
            <dd lang={englishOnly}>{e.participants}</dd>
          </div>
        ) : null}
      </dl>
      {e.description ? (
        <section aria-labelledby="event-about">
          <h2 id="event-about">{t('events.description')}</h2>
          <p lang={englishOnly}>{e.description}</p>
        </section>
      ) : null}
      <section aria-labelledby="event-projects">
        <h2 id="event-projects">{t('events.projects')}</h2>
        <ul className="plain-list">
          {e.projects.map((p) => (
            <li key={p.slug}>
              <ProjectLink project={p} hash={`#event-${e.slug}`} /> <TypeBadge type={p.type} />
            </li>
          ))}
        </ul>
      </section>
      <EventSessionsSection eventSlug={e.slug} sessions={sessions} canManage={canManageSessions} />
      <KnowledgeEntriesSection data={loaderData.knowledgeEntries} />
      {e.unverified.length > 0 ? (
        <section aria-labelledby="event-uncertain">
          <h2 id="event-uncertain">{t('events.uncertain')}</h2>
          <ul lang={englishOnly}>
            {e.unverified.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {e.sourceUrl ? (
        <section aria-labelledby="event-source">
          <h2 id="event-source">{t('events.source')}</h2>
          <p>
            <a href={e.sourceUrl} rel="noreferrer">
              {e.sourceTitle ?? e.sourceUrl}
            </a>
          </p>
        </section>
      ) : null}
      <DocumentsSection documents={loaderData.documents} filter={`event=${e.slug}`} />
      {e.places.some((p) => p.lat !== null) ? (
        <p>
          <AppLink to={to('/map?layers=projects,events')}>{t('events.onMap')}</AppLink>
        </p>
      ) : null}
    </article>
  );
}
