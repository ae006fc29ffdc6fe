import type { ComponentProps, ReactNode } from 'react';

import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { EventDate, type EventDateProps } from './event-date';
import { AppLink } from '../../core/ui/app-link';
import { HubTranslationMark, hubTranslationOf } from '../../core/ui/translated-title';
import { type EventPlaceParts, eventPlaceText } from './event-place';
import { useEventTypeLabel } from './event-type';

interface EventListItem extends Omit<EventPlaceParts, 'places'> {
  slug: string;
  title: string;
  /** The hub team's translations of the title. */
  titleZh: string | null;
  titleDe: string | null;
  type: string;
  placeNames: EventPlaceParts['places'];
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
  const typeLabel = useEventTypeLabel();
  // Type and place in the page's language, the place as the event's page gives it.
  const where = (e: Event) => {
    const place = eventPlaceText(lang, { ...e, places: e.placeNames });
    return (
      <>
        <span className="event-list__type">{typeLabel(e.type)}</span>
        {place ? ` · ${place}` : null}
      </>
    );
  };
  return (
    <ul className="event-list">
      {events.map((e) => {
        const translated = hubTranslationOf(lang, { en: e.title, zh: e.titleZh, de: e.titleDe });
        return (
          <li key={e.slug} {...itemProps(e)}>
            <EventDate event={e} />
            <span className="event-list__title">
              <AppLink
                to={to(`/events/${e.slug}`)}
                lang={translated || lang === 'en' ? undefined : 'en'}
              >
                {translated ?? e.title}
              </AppLink>
              {translated ? (
                <>
                  {' '}
                  <HubTranslationMark />
                </>
              ) : null}
            </span>
            <span className="muted">
              {where(e)}
              {withSources ? <EventSource event={e} /> : null}
            </span>
          </li>
        );
      })}
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
  lead,
  more,
  ...list
}: {
  id: string;
  title: string;
  empty?: string;
  /** A line before the list (what part of the events it shows) and a link after it (to all). */
  lead?: ReactNode;
  more?: ReactNode;
} & ComponentProps<typeof EventList>) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead ? <p className="muted">{lead}</p> : null}
      {list.events.length === 0 ? (
        <p>{empty ?? t('organisations.noEvents')}</p>
      ) : (
        <EventList {...list} />
      )}
      {more ? <p>{more}</p> : null}
    </section>
  );
}
