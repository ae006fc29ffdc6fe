import { useTranslation } from '../../core/i18n/hooks';
import { EventsSection } from '../events/event-list';
import type { ProjectPage } from './project-page';

/** The project's events; each is an anchor its event's page links back to. */
export function ProjectEvents({ events }: Pick<ProjectPage, 'events'>) {
  const { t } = useTranslation();
  return (
    <EventsSection
      id="events"
      title={t('project.events')}
      empty={t('project.noEvents')}
      events={events}
      itemProps={(e) => ({ id: `event-${e.slug}` })}
    />
  );
}
