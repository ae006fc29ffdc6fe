import type { ComponentProps } from 'react';

import { useEnglishOnly, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { EventDate, type EventDateProps } from './event-date';
import { AppLink } from '../../core/ui/app-link';

interface EventListItem {
  slug: string;
  title: string;
  type: string;
  city: string | null;
  provinceNameEn: string | null;
  provinceNameZh: string | null;
  sourceUrl?: string | null;
  sourceTitle?: string | null;
}

type Event = EventListItem & EventDateProps['event'];

/** What marks an event's item: its slug, or an anchor. */
type ItemProps = Partial<Record<'data-slug' | 'id', string>>;

/** Each event marked with its slug, for the pages and tests that find one event in a list. */
const bySlug = (e: Event): ItemProps => ({ 'data-slug': e.slug });

/** Events as a list: date with its certainty, title linking to the event's page, type and place. */
export function EventList({
  events,
  itemProps = bySlug,
  withSources = false,
}: {
  events: Event[];
  /** The attributes of each event's item (an anchor on a project's page, none on the home page). */
  itemProps?: (e: Event) => ItemProps;
  /** With a link to each event's source, where it has one. */
  withSources?: boolean;
}) {
  const lang = useLang();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  const where = (e: Event) =>
    [e.type, e.city ?? (lang === 'zh' ? e.provinceNameZh : e.provinceNameEn)]
      .filter(Boolean)
      .join(' · ');
  return (
    <ul className="event-list">
      {events.map((e) => (
        <li key={e.slug} {...itemProps(e)}>
          <EventDate event={e} />
          <AppLink to={to(`/events/${e.slug}`)} className="event-list__title" lang={englishOnly}>
            {e.title}
          </AppLink>
          {withSources ? (
            <span className="muted">
              <span lang={englishOnly}>{where(e)}</span>
              <EventSource event={e} />
            </span>
          ) : (
            <span className="muted" lang={englishOnly}>
              {where(e)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function EventSource({ event: e }: { event: Event }) {
  const { t } = useTranslation();
  if (!e.sourceUrl) return null;
  return (
    <>
      {' · '}
      <a
        href={e.sourceUrl}
        rel="noreferrer"
        aria-label={t('common.sourceLabel', { title: e.sourceTitle ?? e.sourceUrl })}
      >
        {t('common.sourceLink')}
      </a>
    </>
  );
}

/**
 * A page's section of events: its heading, then the events, or a line saying there are none (by
 * default, none for the projects of the organisation or topic the page is about).
 */
export function EventsSection({
  id,
  title,
  empty,
  ...list
}: { id: string; title: string; empty?: string } & ComponentProps<typeof EventList>) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {list.events.length === 0 ? (
        <p>{empty ?? t('organisations.noEvents')}</p>
      ) : (
        <EventList {...list} />
      )}
    </section>
  );
}
