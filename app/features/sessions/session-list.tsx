import type { ReactNode } from 'react';

import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { NotPublished } from '../../core/ui/not-published';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { TranslatedTitle } from '../../core/ui/translated-title';
import { EntryLine } from './entry-title';
import type { EventSessionRow, TopicSessionRow } from './sessions.server';

// The sessions of an event (its page) and of a topic (the topic's space). Server-rendered lists:
// each session's title in the page's language (the hub's translation marked), its topic, who took
// part, its outcomes or "not published", its source and the published entries written from it.

type SessionBase = Omit<EventSessionRow, 'version'>;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What every session shows, wherever it is listed. */
function SessionFacts({ session: s, showTopic }: { session: SessionBase; showTopic: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const participants = [
    ...s.organisations.map((o) => ({
      key: `o-${o.slug}`,
      to: `/organisations/${o.slug}`,
      name: o.acronym ?? officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe }),
    })),
    ...s.projects.map((p) => ({
      key: `p-${p.slug}`,
      to: `/projects/${p.slug}`,
      name: officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
    })),
  ];
  return (
    <dl className="session-facts">
      {showTopic ? (
        <Fact term={t('sessions.topic')}>
          {s.topicSlug ? (
            <AppLink to={to(`/topics/${s.topicSlug}`)}>
              <OfficialName en={s.topicName!} zh={s.topicNameZh} de={s.topicNameDe} />
            </AppLink>
          ) : (
            t('sessions.noTopic')
          )}
        </Fact>
      ) : null}
      <Fact term={t('sessions.participants')}>
        {participants.length ? (
          <ul className="inline-list">
            {participants.map((p) => (
              <li key={p.key}>
                <AppLink to={to(p.to)}>{p.name}</AppLink>
              </li>
            ))}
          </ul>
        ) : (
          <NotPublished />
        )}
      </Fact>
      <Fact term={t('sessions.outcomes')}>
        {s.outcomes ? (
          s.outcomes.split(/\n+/).map((line, i) => <p key={i}>{line}</p>)
        ) : (
          <NotPublished />
        )}
      </Fact>
      <Fact term={t('sessions.source')}>
        {s.sourceUrl ? (
          <a href={s.sourceUrl} rel="noreferrer" lang="en">
            {s.sourceTitle ?? s.sourceUrl}
          </a>
        ) : (
          <NotPublished />
        )}
      </Fact>
      <Fact term={t('sessions.entries')}>
        {s.entries.length ? (
          <ul className="plain-list">
            {s.entries.map((e) => (
              <li key={e.slug}>
                <EntryLine entry={e} />
              </li>
            ))}
          </ul>
        ) : (
          t('sessions.noEntries')
        )}
      </Fact>
    </dl>
  );
}

/** An event's sessions, with the links to add, edit and delete them for the hub team. */
export function EventSessionsSection({
  eventSlug,
  sessions,
  canManage,
}: {
  eventSlug: string;
  sessions: EventSessionRow[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  // An event without sessions says nothing about them, unless the reader can add one.
  if (sessions.length === 0 && !canManage) return null;
  const base = `/events/${eventSlug}/sessions`;
  return (
    <section aria-labelledby="event-sessions" id="sessions">
      <h2 id="event-sessions">{t('sessions.title')}</h2>
      {sessions.length ? (
        <p className="muted">{t('sessions.lead')}</p>
      ) : (
        <p>{t('sessions.none')}</p>
      )}
      {sessions.map((s) => (
        <article key={s.id} id={`session-${s.id}`} aria-labelledby={`session-${s.id}-title`}>
          <h3 id={`session-${s.id}-title`}>
            <TranslatedTitle en={s.title} zh={s.titleZh} de={s.titleDe} />
          </h3>
          {canManage ? (
            <p>
              <AppLink to={to(`${base}/${s.id}/edit`)}>
                {t('sessions.edit')}
                <span className="visually-hidden"> {s.title}</span>
              </AppLink>{' '}
              ·{' '}
              <AppLink to={to(`${base}/${s.id}/delete`)}>
                {t('sessions.delete')}
                <span className="visually-hidden"> {s.title}</span>
              </AppLink>
            </p>
          ) : null}
          <SessionFacts session={s} showTopic />
        </article>
      ))}
      {canManage ? (
        <p>
          <AppLink to={to(`${base}/new`)}>{t('sessions.add')}</AppLink>
        </p>
      ) : null}
    </section>
  );
}

/** A topic's sessions, each under its event and date. */
export function TopicSessionsList({ sessions }: { sessions: TopicSessionRow[] }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <>
      {sessions.map((s) => (
        <article key={s.id} id={`session-${s.id}`} aria-labelledby={`session-${s.id}-title`}>
          <h3 id={`session-${s.id}-title`}>
            <TranslatedTitle en={s.title} zh={s.titleZh} de={s.titleDe} />
          </h3>
          <p>
            {t('sessions.event')}:{' '}
            <AppLink to={to(`/events/${s.eventSlug}#session-${s.id}`)}>
              <TranslatedTitle en={s.eventTitle} zh={s.eventTitleZh} de={s.eventTitleDe} />
            </AppLink>
            {s.startDate ? (
              <>
                {' · '}
                {format.period(
                  { value: s.startDate, precision: s.startPrecision },
                  {
                    value: s.endDate ?? s.startDate,
                    precision: s.endPrecision ?? s.startPrecision,
                  },
                )}
              </>
            ) : null}
          </p>
          <SessionFacts session={s} showTopic={false} />
        </article>
      ))}
    </>
  );
}
