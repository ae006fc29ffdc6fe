import { createProject } from './project-writes.server';
import { listRecordSlugs } from '../../core/records.server';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { projectColumns, projectNewSchema } from './project-forms';
import { changeBy, createAction } from '../../core/forms/edit-action.server';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/new';
import { ProjectForm } from './project-form';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'project.create');
  return { takenSlugs: listRecordSlugs('project') };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'project.create');
  return createAction(request, {
    schema: projectNewSchema({ takenSlugs: listRecordSlugs('project') }),
    save: ({ slug, changeSource, ...values }) => {
      const project = createProject(slug, projectColumns(values), changeBy(user, changeSource));
      return `/projects/${project.slug}?saved=1`;
    },
  });
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead title={t('projectForm.newTitle')} lead={t('projectForm.newLead')} />
      <ProjectForm
        schema={projectNewSchema({ takenSlugs: loaderData.takenSlugs })}
        lastResult={actionData?.result}
        defaultValue={{ type: 'bilateral', programme: 'IKI' }}
        conflict={null}
        version={null}
        isNew
        cancelTo={to('/projects')}
      />
    </>
  );
}
