import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import { getProjectForEdit, updateProject } from './project-writes.server';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { type Conflict, conflictRows, revalidateAfterConflict } from '../../core/forms/conflict';
import { projectColumns, projectEditSchema, projectFormValues } from './project-forms';
import { refuseInvalid, refuseStale } from '../../core/forms/responses.server';
import type { Route } from './+types/edit';
import { ProjectForm } from './project-form';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';

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
  const submission = parseWithZod(await request.formData(), { schema: projectEditSchema });
  if (submission.status !== 'success') {
    return refuseInvalid(submission);
  }
  const { version, changeSource, ...values } = submission.value;
  const outcome = updateProject(project.id, version, projectColumns(values), {
    at: now(),
    actor: actorOf(user),
    sourceUrl: changeSource ?? null,
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const conflict: Conflict = {
      version: outcome.current.version,
      rows: conflictRows(submission.payload, projectFormValues(outcome.current)),
    };
    return refuseStale(submission, conflict);
  }
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/projects/${project.slug}?saved=1`, lang), 303);
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const { project } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const title = t('projectForm.editTitle');
  return (
    <>
      <PageTitle title={title} />
      <p className="muted">
        <AppLink to={to(`/projects/${project.slug}`)}>
          <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
        </AppLink>
      </p>
      <h1>{title}</h1>
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
