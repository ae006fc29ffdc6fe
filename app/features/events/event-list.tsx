import { useEnglishOnly, useLang, useLocalizePath } from '../../core/i18n/hooks';
import { EventDate, type EventDateProps } from './event-date';
import { AppLink } from '../../core/ui/app-link';

interface EventListItem {
  slug: string;
  title: string;
  type: string;
  city: string | null;
  provinceNameEn: string | null;
  provinceNameZh: string | null;
}

/** Events as a list: date with its certainty, title linking to the event's page, type and place. */
export function EventList({ events }: { events: (EventListItem & EventDateProps['event'])[] }) {
  const lang = useLang();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  return (
    <ul className="event-list">
      {events.map((e) => (
        <li key={e.slug} data-slug={e.slug}>
          <EventDate event={e} />
          <AppLink to={to(`/events/${e.slug}`)} className="event-list__title" lang={englishOnly}>
            {e.title}
          </AppLink>
          <span className="muted" lang={englishOnly}>
            {[e.type, e.city ?? (lang === 'zh' ? e.provinceNameZh : e.provinceNameEn)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
