import { data } from 'react-router';

import { createMilestone, listOrganisationChoices } from './milestone-writes.server';
import { getProjectForMilestoneForm } from './milestones.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { milestoneFormSchema } from './milestone-forms';
import { createAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/milestone-new';
import { MilestonePlanFields, RecordedByField } from './milestone-fields';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';

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
      <FormHead
        title={t('milestoneForm.title')}
        back={<ProjectLink project={project} hash="#milestones" />}
        lead={t('milestoneForm.lead')}
      />
      <EntryForm
        form={form}
        submitLabel={t('milestoneForm.submit')}
        cancelTo={to(`/projects/${project.slug}#milestones`)}
      >
        <MilestonePlanFields fields={fields} organisations={organisations} />
        <RecordedByField field={fields.recordedBy} />
      </EntryForm>
    </>
  );
}
