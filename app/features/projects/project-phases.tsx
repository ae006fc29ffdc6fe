import { ProjectLink } from '../../core/ui/project-link';
import { useTranslation } from '../../core/i18n/hooks';
import type { Project } from './project-page';

/** The project's earlier and later phases, where the sources name them. */
export function ProjectPhases({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="phases">
      <h2 id="phases">{t('project.phases')}</h2>
      {project.predecessor || project.successor ? (
        <ul className="plain-list">
          {(['predecessor', 'successor'] as const).map((which) => {
            const phase = project[which];
            return phase ? (
              <li key={which}>
                {t(`project.${which}`)}: <ProjectLink project={phase} />
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
