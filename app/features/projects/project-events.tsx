import { AppLink } from '../../core/ui/app-link';
import { useEnglishOnly, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { EventDate } from '../events/event-date';
import { useProvinceName } from './project-locations';
import type { Route } from './+types/detail';

type ProjectPage = Route.ComponentProps['loaderData'];

/** The project's events; each has an anchor its event page links back to. */
export function ProjectEvents({ events }: Pick<ProjectPage, 'events'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  const provinceName = useProvinceName();
  return (
    <section aria-labelledby="events">
      <h2 id="events">{t('project.events')}</h2>
      {events.length === 0 ? (
        <p>{t('project.noEvents')}</p>
      ) : (
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id} id={`event-${e.slug}`}>
              <EventDate event={e} />
              <AppLink
                to={to(`/events/${e.slug}`)}
                className="event-list__title"
                lang={englishOnly}
              >
                {e.title}
              </AppLink>
              <span className="muted" lang={englishOnly}>
                {[e.type, e.city ?? provinceName(e)].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
