import type { ReactNode } from 'react';

import { StatusBadge, TypeBadge } from './badges';
import { OfficialName } from './official-name';
import { AppLink } from './app-link';
import { useLocalizePath } from '../i18n/hooks';
import type { ProjectStatus, ProjectType } from '../../../db/vocabulary';

// How other pages name a project: by its official name, linking to its page.

interface NamedProject {
  slug: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
}

/** A link to a project's page (`hash`: a place on it), named by its official name. */
export function ProjectLink({ project, hash = '' }: { project: NamedProject; hash?: string }) {
  const to = useLocalizePath();
  return (
    <AppLink to={to(`/projects/${project.slug}${hash}`)}>
      <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
    </AppLink>
  );
}

type ListedProject = NamedProject & { type: ProjectType; status: ProjectStatus };

/** Projects as a list: each its link, type and status, then what `note` says of it. */
export function ProjectList<P extends ListedProject>({
  projects,
  note,
}: {
  projects: P[];
  note: (project: P) => ReactNode;
}) {
  return (
    <ul className="plain-list">
      {projects.map((p) => (
        <ProjectItem key={p.slug} project={p}>
          {note(p)}
        </ProjectItem>
      ))}
    </ul>
  );
}

function ProjectItem({ project, children }: { project: ListedProject; children: ReactNode }) {
  return (
    <li data-project={project.slug}>
      <ProjectLink project={project} /> <TypeBadge type={project.type} />{' '}
      <StatusBadge status={project.status} />
      {children}
    </li>
  );
}
