import { getTextareaProps } from '@conform-to/react';
import { data } from 'react-router';

import { getProgressUpdate, updateProgressUpdate } from './progress-update-writes.server';
import { getProjectForMilestoneForm } from './milestones.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField, TextField } from '../../core/ui/form-field';
import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { progressUpdateEditSchema } from './milestone-forms';
import { editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/progress-update-edit';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';

const toId = (text: string) => (/^\d{1,15}$/.test(text) ? Number(text) : -1);

function requireUpdate(params: { slug: string; milestoneId: string; updateId: string }) {
  const project = getProjectForMilestoneForm(params.slug);
  const update = project
    ? getProgressUpdate(project.id, toId(params.milestoneId), toId(params.updateId))
    : undefined;
  if (!project || !update) throw data(null, { status: 404 });
  return { project, update };
}

const formValues = (u: { comment: string | null; recordedBy: string }) => ({
  comment: u.comment ?? '',
  recordedBy: u.recordedBy,
});

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, update } = requireUpdate(params);
  authorize(context, request, 'progress-update.update', {
    projectId: project.id,
  });
  return { project: { slug: project.slug }, update };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { project, update } = requireUpdate(params);
  const user = authorize(context, request, 'progress-update.update', {
    projectId: project.id,
  });
  return editAction(request, {
    schema: progressUpdateEditSchema,
    save: ({ version, comment, recordedBy }) =>
      updateProgressUpdate(
        update.id,
        version,
        { comment: comment ?? null, recordedBy },
        {
          at: now(),
          actor: actorOf(user),
          projectId: project.id,
          label: update.milestoneTitle,
        },
      ),
    saved: (current) => formValues(current),
    savedTo: `/projects/${project.slug}#milestone-${update.milestoneId}`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditProgressUpdate({ loaderData, actionData }: Route.ComponentProps) {
  const { project, update } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const [form, fields] = useEntryForm(progressUpdateEditSchema, {
    lastResult: actionData?.result,
    defaultValue: formValues(update),
  });
  const conflict = actionData?.conflict ?? null;
  const back = to(`/projects/${project.slug}#milestone-${update.milestoneId}`);
  const title = t('progressForm.editTitle', { milestone: update.milestoneTitle });
  const base = `/projects/${project.slug}/milestones/${update.milestoneId}/updates/${update.id}`;
  return (
    <>
      <FormHead title={title} />
      <p>
        {t('progressForm.editLead', {
          date: format.dateTime(update.recordedAt),
          status: t(`milestoneStatus.${update.toStatus}`),
          progress: update.toProgress,
        })}{' '}
        <AppLink to={to(`${base}/delete`)}>{t('edit.delete')}</AppLink>
      </p>
      <EntryForm
        form={form}
        submitLabel={t('edit.save')}
        cancelTo={back}
        version={update.version}
        conflict={conflict}
        conflictLabels={{
          comment: t('progressForm.comment'),
          recordedBy: t('progressForm.recordedBy'),
        }}
      >
        <FormField field={fields.comment} label={t('progressForm.comment')}>
          <textarea {...getTextareaProps(fields.comment)} rows={4} />
        </FormField>
        <TextField field={fields.recordedBy} label={t('progressForm.recordedBy')} />
      </EntryForm>
    </>
  );
}
