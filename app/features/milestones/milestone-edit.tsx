import { data } from 'react-router';

import {
  getMilestoneForEdit,
  listOrganisationChoices,
  updateMilestone,
} from './milestone-writes.server';
import { getProjectForMilestoneForm } from './milestones.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { PartialDateField, TextField } from '../../core/ui/form-field';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { milestoneEditSchema, milestoneFormValues } from './milestone-forms';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/milestone-edit';
import { MilestonePlanFields } from './milestone-fields';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';

function requireMilestone(params: { slug: string; milestoneId: string }) {
  const project = getProjectForMilestoneForm(params.slug);
  const id = /^\d{1,15}$/.test(params.milestoneId) ? Number(params.milestoneId) : NaN;
  const milestone =
    project && Number.isSafeInteger(id) ? getMilestoneForEdit(project.id, id) : undefined;
  if (!project || !milestone) throw data(null, { status: 404 });
  const organisations = listOrganisationChoices(project.id);
  const slugOf = (id: number | null) => organisations.find((o) => o.id === id)?.slug ?? null;
  return { project, milestone, organisations, slugOf };
}

const schemaFor = (organisations: { slug: string }[], project: { startsOn: string | null }) =>
  milestoneEditSchema({
    organisationSlugs: organisations.map((o) => o.slug),
    projectStartsOn: project.startsOn,
  });

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, milestone, organisations, slugOf } = requireMilestone(params);
  authorize(context, request, 'milestone.update', { projectId: project.id });
  return {
    project,
    milestone: { id: milestone.id, title: milestone.title, version: milestone.version },
    values: milestoneFormValues(milestone, slugOf(milestone.responsibleOrganisationId)),
    organisations: organisations.map(({ id: _id, ...o }) => o),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { project, milestone, organisations, slugOf } = requireMilestone(params);
  const user = authorize(context, request, 'milestone.update', {
    projectId: project.id,
  });
  return editAction(request, {
    schema: schemaFor(organisations, project),
    save: ({ version, changeSource, responsibleOrganisation, ...values }) =>
      updateMilestone(
        milestone.id,
        version,
        {
          title: values.title,
          titleZh: values.titleZh ?? null,
          kind: values.kind,
          plannedDate: values.plannedDate?.value ?? null,
          plannedPrecision: values.plannedDate?.precision ?? null,
          revisedDate: values.revisedDate?.value ?? null,
          revisedPrecision: values.revisedDate?.precision ?? null,
          responsibleOrganisationId:
            organisations.find((o) => o.slug === responsibleOrganisation)?.id ?? null,
          evidenceUrl: values.evidenceUrl ?? null,
          note: values.note ?? null,
          // Edited by a person: no longer only what the hub derived from published dates.
          isDerived: false,
        },
        changeBy(user, changeSource),
      ),
    saved: (current) => milestoneFormValues(current, slugOf(current.responsibleOrganisationId)),
    savedTo: `/projects/${project.slug}?updated=${milestone.id}#milestone-${milestone.id}`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const { project, milestone, organisations } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = schemaFor(organisations, project);
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: loaderData.values,
  });
  const labels: Record<string, string> = {
    title: t('milestoneForm.titleEn'),
    titleZh: t('milestoneForm.titleZh'),
    kind: t('milestoneForm.kind'),
    plannedDate: t('milestoneForm.plannedDate'),
    revisedDate: t('progressForm.revisedDate'),
    responsibleOrganisation: t('milestoneForm.responsible'),
    evidenceUrl: t('milestoneForm.evidenceUrl'),
    note: t('milestoneForm.note'),
  };
  const title = t('milestoneForm.editTitle', { milestone: milestone.title });
  const back = to(`/projects/${project.slug}#milestone-${milestone.id}`);
  const conflict = actionData?.conflict ?? null;
  return (
    <>
      <FormHead
        title={title}
        back={<ProjectLink project={project} hash={`#milestone-${milestone.id}`} />}
      />
      <p>
        <AppLink to={to(`/projects/${project.slug}/milestones/${milestone.id}/delete`)}>
          {t('edit.delete')}
        </AppLink>
      </p>
      <EntryForm
        form={form}
        submitLabel={t('edit.save')}
        cancelTo={back}
        version={milestone.version}
        conflict={conflict}
        conflictLabels={labels}
      >
        <MilestonePlanFields fields={fields} organisations={organisations} />
        <PartialDateField
          field={fields.revisedDate}
          label={labels.revisedDate!}
          hint={t('milestoneForm.revisedHint')}
        />
        <TextField
          field={fields.changeSource}
          label={t('edit.changeSource')}
          hint={t('edit.changeSourceHint')}
          type="url"
        />
      </EntryForm>
    </>
  );
}
