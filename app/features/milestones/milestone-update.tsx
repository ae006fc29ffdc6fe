import { getTextareaProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';

import { addProgressUpdate } from './progress-update-writes.server';
import { getMilestone, getProjectForMilestoneForm } from './milestones.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField, PartialDateField, SelectField, TextField } from '../../core/ui/form-field';
import { authorize } from '../../core/auth/authorize.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { actorOf } from '../../core/auth/auth';
import { now, today } from '../../core/clock';
import { type Conflict, conflictRows, revalidateAfterConflict } from '../../core/forms/conflict';
import { progressUpdateSchema } from './milestone-forms';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { MILESTONE_STATUSES } from '../../../db/vocabulary';
import type { Route } from './+types/milestone-update';
import { RecordedByField } from './milestone-fields';
import { isNamedByKind } from './milestone-title';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';

function requireMilestone(params: { slug: string; milestoneId: string }) {
  const project = getProjectForMilestoneForm(params.slug);
  const id = /^\d{1,15}$/.test(params.milestoneId) ? Number(params.milestoneId) : NaN;
  const milestone = project && Number.isSafeInteger(id) ? getMilestone(project.id, id) : undefined;
  if (!project || !milestone) throw data(null, { status: 404 });
  return { project, milestone };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, milestone } = requireMilestone(params);
  const user = authorize(context, request, 'milestone.report-progress', {
    projectId: project.id,
  });
  return { project, milestone, today: today(), userName: user.name };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { project, milestone } = requireMilestone(params);
  const user = authorize(context, request, 'milestone.report-progress', {
    projectId: project.id,
  });
  const schema = progressUpdateSchema({ today: today(), projectStartsOn: project.startsOn });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), current: null, conflict: null }, { status: 400 });
  }
  const outcome = addProgressUpdate(milestone.id, submission.value, {
    at: now(),
    actor: actorOf(user),
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const { version, status, progress } = outcome.current;
    const conflict: Conflict = {
      version,
      rows: conflictRows(submission.payload, { status, progress }),
    };
    return data(
      {
        result: submission.reply({ formErrors: ['form.error.stale'] }),
        current: outcome.current,
        conflict,
      },
      { status: 409 },
    );
  }
  return redirectAfterSave(
    request,
    `/projects/${project.slug}?updated=${milestone.id}#milestone-${milestone.id}`,
  );
}

export const shouldRevalidate = revalidateAfterConflict;

export default function MilestoneUpdate({ loaderData, actionData }: Route.ComponentProps) {
  const { project, milestone, today: now } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const schema = progressUpdateSchema({ today: now, projectStartsOn: project.startsOn });
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: {
      status: milestone.status,
      progress: String(milestone.progress),
      recordedBy: loaderData.userName,
    },
  });
  const current = actionData?.current;
  const milestoneName = isNamedByKind(milestone)
    ? t(`milestone.kind.${milestone.kind}`)
    : milestone.title;
  const title = t('progressForm.title', { milestone: milestoneName });
  return (
    <>
      <FormHead
        title={title}
        back={<ProjectLink project={project} hash={`#milestone-${milestone.id}`} />}
      />
      <p>
        {t('progressForm.current', {
          status: t(`milestoneStatus.${milestone.status}`),
          progress: milestone.progress,
        })}{' '}
        {t('milestone.planned')}:{' '}
        {format.date(milestone.plannedDate, milestone.plannedPrecision) ?? t('common.notPublished')}
      </p>
      <EntryForm
        form={form}
        submitLabel={t('progressForm.submit')}
        cancelTo={to(`/projects/${project.slug}#milestone-${milestone.id}`)}
        version={milestone.version}
        conflict={actionData?.conflict}
        conflictLabels={{ status: t('progressForm.status'), progress: t('progressForm.progress') }}
        conflictMessage={
          current
            ? t('progressForm.conflict', {
                status: t(`milestoneStatus.${current.status as 'planned'}`),
                progress: current.progress,
              })
            : undefined
        }
      >
        <SelectField
          field={fields.status}
          label={t('progressForm.status')}
          options={MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`milestoneStatus.${s}`) }))}
        />
        <TextField
          field={fields.progress}
          label={t('progressForm.progress')}
          hint={t('progressForm.progressHint')}
          type="number"
          step={1}
        />
        <PartialDateField
          field={fields.actualDate}
          label={t('progressForm.actualDate')}
          hint={t('progressForm.actualHint')}
        />
        <PartialDateField
          field={fields.revisedDate}
          label={t('progressForm.revisedDate')}
          hint={t('progressForm.revisedHint')}
        />
        <FormField field={fields.comment} label={t('progressForm.comment')}>
          <textarea {...getTextareaProps(fields.comment)} rows={4} />
        </FormField>
        <RecordedByField field={fields.recordedBy} />
      </EntryForm>
    </>
  );
}
