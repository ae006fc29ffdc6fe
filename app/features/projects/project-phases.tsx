import { OfficialName } from '../../core/ui/official-name';
import { AppLink } from '../../core/ui/app-link';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { Route } from './+types/detail';

type Project = Route.ComponentProps['loaderData']['project'];

/** The project's earlier and later phases, where the sources name them. */
export function ProjectPhases({ project }: { project: Project }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <section aria-labelledby="phases">
      <h2 id="phases">{t('project.phases')}</h2>
      {project.predecessor || project.successor ? (
        <ul className="plain-list">
          {(['predecessor', 'successor'] as const).map((which) => {
            const phase = project[which];
            return phase ? (
              <li key={which}>
                {t(`project.${which}`)}:{' '}
                <AppLink to={to(`/projects/${phase.slug}`)}>
                  <OfficialName en={phase.title} zh={phase.titleZh} de={phase.titleDe} />
                </AppLink>
              </li>
            ) : null;
          })}
        </ul>
      ) : (
        <p>{t('project.noPhases')}</p>
      )}
    </section>
  );
}
