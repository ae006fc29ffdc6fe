import type { ReactNode } from 'react';

import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { EntryLine } from '../sessions/entry-title';
import type { listTopicDocuments, listTopicEntries } from './topic-space.server';

// The sections of a topic's space that are knowledge and documents: each one says plainly when
// it is empty, and invites whoever may contribute.

type Entries = ReturnType<typeof listTopicEntries>;
type Documents = ReturnType<typeof listTopicDocuments>;

export function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead ? <p className="muted">{lead}</p> : null}
      {children}
    </section>
  );
}

/** Where a reader goes to add to the topic: the entry form for contributors, else signing in. */
function Invitation({ topicSlug, canWrite }: { topicSlug: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return canWrite ? (
    <p>
      <AppLink to={to(`/knowledge/new?topic=${topicSlug}`)}>{t('topicSpace.writeLesson')}</AppLink>
    </p>
  ) : (
    <p>
      <AppLink to={to(`/login?next=${encodeURIComponent(`/topics/${topicSlug}`)}`)}>
        {t('topicSpace.contribute')}
      </AppLink>
    </p>
  );
}

export function TopicEntries({
  topicSlug,
  entries: { entries, total },
  canWrite,
}: {
  topicSlug: string;
  entries: Entries;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <Section id="topic-entries" title={t('topicSpace.entriesTitle')}>
      {entries.length === 0 ? (
        <p>{t('topicSpace.entriesNone')}</p>
      ) : (
        <>
          <ul className="plain-list">
            {entries.map((e) => (
              <li key={e.slug}>
                <EntryLine entry={e} />
                {e.publishedAt ? (
                  <span className="muted">
                    {' '}
                    ·{' '}
                    {t('topicSpace.published', {
                      date: format.date(e.publishedAt.slice(0, 10), 'day'),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <AppLink to={to(`/knowledge?entryTopic=${topicSlug}`)}>
              {t('topicSpace.entriesAll', { count: total })}
            </AppLink>
          </p>
        </>
      )}
      <Invitation topicSlug={topicSlug} canWrite={canWrite} />
    </Section>
  );
}

export function TopicChallenges({ challenges }: { challenges: Entries['entries'] }) {
  const { t } = useTranslation();
  return (
    <Section
      id="topic-challenges"
      title={t('topicSpace.challengesTitle')}
      lead={challenges.length ? t('topicSpace.challengesLead') : undefined}
    >
      {challenges.length === 0 ? (
        <p>{t('topicSpace.challengesNone')}</p>
      ) : (
        <ul className="plain-list">
          {challenges.map((e) => (
            <li key={e.slug}>
              <EntryLine entry={e} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function TopicDocuments({
  topicSlug,
  documents: { documents, total },
}: {
  topicSlug: string;
  documents: Documents;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <Section id="topic-documents" title={t('topicSpace.documentsTitle')}>
      {documents.length === 0 ? (
        <p>{t('topicSpace.documentsNone')}</p>
      ) : (
        <>
          <ul className="plain-list">
            {documents.map((d) => (
              <li key={d.id} data-document={d.id}>
                <AppLink to={to(`/documents/${d.id}`)} lang={d.language ?? undefined}>
                  {d.title}
                </AppLink>
                {d.documentDate ? (
                  <span className="muted">
                    {' '}
                    · {format.date(d.documentDate, d.documentDatePrecision)}
                  </span>
                ) : null}
                {d.visibility === 'public' ? null : (
                  <>
                    {' '}
                    <span className="badge">{t(`topicSpace.visibility.${d.visibility}`)}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p>
            <AppLink to={to(`/documents?topic=${topicSlug}`)}>
              {t('topicSpace.documentsAll', { count: total })}
            </AppLink>
          </p>
        </>
      )}
    </Section>
  );
}
