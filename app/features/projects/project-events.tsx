import { useTranslation } from '../../core/i18n/hooks';
import { EventList } from '../events/event-list';
import type { Route } from './+types/detail';

type ProjectPage = Route.ComponentProps['loaderData'];

/** The project's events; each is an anchor its event's page links back to. */
export function ProjectEvents({ events }: Pick<ProjectPage, 'events'>) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="events">
      <h2 id="events">{t('project.events')}</h2>
      {events.length === 0 ? (
        <p>{t('project.noEvents')}</p>
      ) : (
        <EventList events={events} itemProps={(e) => ({ id: `event-${e.slug}` })} />
      )}
    </section>
  );
}
