import { AppLink } from '../../core/ui/app-link';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { TimelineChart, TimelineLegend, TimelineRows } from '../timeline/timeline-chart';
import type { ProjectPage } from './project-page';

/** The project's own small timeline: its period, its milestones and its events. */
export function ProjectTimeline({ project, timeline }: Pick<ProjectPage, 'project' | 'timeline'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <section aria-labelledby="project-timeline">
      <h2 id="project-timeline">{t('timeline.projectTitle')}</h2>
      {timeline.row.bar || timeline.row.milestones.length || timeline.row.events.length ? (
        <TimelineChart
          window={timeline.window}
          today={timeline.today}
          todayPosition={timeline.todayPosition}
          label={t('timeline.projectTitle')}
          compact
        >
          <TimelineRows rows={[timeline.row]} showLabels={false} />
        </TimelineChart>
      ) : (
        <p>{t('timeline.undatedIntro')}</p>
      )}
      <details>
        <summary>{t('timeline.legend')}</summary>
        <TimelineLegend titled={false} />
      </details>
      <p>
        <AppLink to={to(`/timeline#timeline-${project.type}-${project.slug}`)}>
          {t('timeline.projectLink')}
        </AppLink>
      </p>
    </section>
  );
}
