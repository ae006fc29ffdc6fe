import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import { createProject } from './project-writes.server';
import { listRecordSlugs } from '../records/records.server';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { projectColumns, projectNewSchema } from './project-forms';
import type { Route } from './+types/new';
import { ProjectForm } from './project-form';
import { actorOf } from '../../core/auth/auth';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'project.create');
  return { takenSlugs: listRecordSlugs('project') };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'project.create');
  const schema = projectNewSchema({ takenSlugs: listRecordSlugs('project') });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { slug, changeSource, ...values } = submission.value;
  const project = createProject(slug, projectColumns(values), {
    at: now(),
    actor: actorOf(user),
    sourceUrl: changeSource ?? null,
  });
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/projects/${project.slug}?saved=1`, lang), 303);
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <PageTitle title={t('projectForm.newTitle')} />
      <h1>{t('projectForm.newTitle')}</h1>
      <p>{t('projectForm.newLead')}</p>
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
