import { data } from 'react-router';

import { getProjectForEdit, updateProject } from './project-writes.server';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { projectColumns, projectEditSchema, projectFormValues } from './project-forms';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/edit';
import { ProjectForm } from './project-form';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';

function requireProject(slug: string) {
  const project = getProjectForEdit(slug);
  if (!project) throw data(null, { status: 404 });
  return project;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = requireProject(params.slug);
  authorize(context, request, 'project.update', { projectId: project.id });
  return {
    project: {
      slug: project.slug,
      title: project.title,
      titleZh: project.titleZh,
      titleDe: project.titleDe,
    },
    version: project.version,
    values: projectFormValues(project),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const project = requireProject(params.slug);
  const user = authorize(context, request, 'project.update', { projectId: project.id });
  return editAction(request, {
    schema: projectEditSchema,
    save: ({ version, changeSource, ...values }) =>
      updateProject(project.id, version, projectColumns(values), changeBy(user, changeSource)),
    saved: (current) => projectFormValues(current),
    savedTo: `/projects/${project.slug}?saved=1`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const { project } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const title = t('projectForm.editTitle');
  return (
    <>
      <FormHead title={title} back={<ProjectLink project={project} />} />
      <p>
        <AppLink to={to(`/projects/${project.slug}/history`)}>{t('edit.history')}</AppLink> ·{' '}
        <AppLink to={to(`/projects/${project.slug}/links`)}>{t('projectForm.links')}</AppLink> ·{' '}
        <AppLink to={to(`/projects/${project.slug}/delete`)}>{t('edit.delete')}</AppLink>
      </p>
      <ProjectForm
        schema={projectEditSchema}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        conflict={actionData?.conflict ?? null}
        version={actionData?.conflict?.version ?? loaderData.version}
        isNew={false}
        cancelTo={to(`/projects/${project.slug}`)}
      />
    </>
  );
}
