import { data } from 'react-router';

import { createMilestone, getProjectForMilestoneForm } from './milestones.server';
import { listOrganisationChoices } from '../organisations/organisations.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { TextField } from '../../core/ui/form-field';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { milestoneFormSchema } from './milestone-forms';
import { createAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/milestone-new';
import { MilestonePlanFields } from './milestone-fields';
import { AppLink } from '../../core/ui/app-link';

function requireProject(slug: string) {
  const project = getProjectForMilestoneForm(slug);
  if (!project) throw data(null, { status: 404 });
  return project;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = requireProject(params.slug);
  const user = authorize(context, request, 'milestone.create', {
    projectId: project.id,
  });
  const organisations = listOrganisationChoices(project.id).map(({ id: _id, ...o }) => o);
  return { project, organisations, userName: user.name };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const project = requireProject(params.slug);
  const user = authorize(context, request, 'milestone.create', {
    projectId: project.id,
  });
  const organisations = listOrganisationChoices(project.id);
  return createAction(request, {
    schema: milestoneFormSchema({ organisationSlugs: organisations.map((o) => o.slug) }),
    save: ({ responsibleOrganisation, recordedBy, ...values }) => {
      const milestone = createMilestone(
        project.id,
        {
          ...values,
          responsibleOrganisationId:
            organisations.find((o) => o.slug === responsibleOrganisation)?.id ?? null,
        },
        { at: now(), by: recordedBy, actor: actorOf(user) },
      );
      return `/projects/${project.slug}?added=${milestone.id}#milestone-${milestone.id}`;
    },
  });
}

export default function NewMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const { project, organisations } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = milestoneFormSchema({ organisationSlugs: organisations.map((o) => o.slug) });
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: { recordedBy: loaderData.userName },
  });
  return (
    <>
      <PageTitle title={t('milestoneForm.title')} />
      <p className="muted">
        <AppLink to={to(`/projects/${project.slug}#milestones`)}>
          <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
        </AppLink>
      </p>
      <h1>{t('milestoneForm.title')}</h1>
      <p>{t('milestoneForm.lead')}</p>
      <EntryForm
        form={form}
        submitLabel={t('milestoneForm.submit')}
        cancelTo={to(`/projects/${project.slug}#milestones`)}
      >
        <MilestonePlanFields fields={fields} organisations={organisations} />
        <TextField
          field={fields.recordedBy}
          label={t('progressForm.recordedBy')}
          hint={t('progressForm.recordedByHint')}
          autoComplete="name"
        />
      </EntryForm>
    </>
  );
}
