import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form, Link, type ShouldRevalidateFunctionArgs, data, redirect } from 'react-router';

import {
  addProgressUpdate,
  getMilestone,
  getProjectForMilestoneForm,
} from '../../../db/queries/milestones.server';
import { CsrfInput } from '../../components/csrf-input';
import { FieldErrors, FormField, PartialDateField, TextField } from '../../components/form-field';
import { OfficialName } from '../../components/official-name';
import { PageTitle } from '../../components/page-title';
import { requireMilestoneEditor } from '../../auth.server';
import { langFromPath, localizePath } from '../../i18n/config';
import { useFormat, useLocalizePath } from '../../i18n/hooks';
import { now, today } from '../../lib/clock';
import { progressUpdateSchema } from '../../lib/milestone-forms';
import { MILESTONE_STATUSES } from '../../lib/vocabulary';
import type { Route } from './+types/milestone-update';

function requireMilestone(params: { slug: string; milestoneId: string }) {
  const project = getProjectForMilestoneForm(params.slug);
  const id = /^\d{1,15}$/.test(params.milestoneId) ? Number(params.milestoneId) : NaN;
  const milestone = project && Number.isSafeInteger(id) ? getMilestone(project.id, id) : undefined;
  if (!project || !milestone) throw data(null, { status: 404 });
  return { project, milestone };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, milestone } = requireMilestone(params);
  const user = requireMilestoneEditor(context, request, project.id);
  return { project, milestone, today: today(), userName: user.name };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { project, milestone } = requireMilestone(params);
  requireMilestoneEditor(context, request, project.id);
  const schema = progressUpdateSchema({ today: today(), projectStartsOn: project.startsOn });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), current: null }, { status: 400 });
  }
  const outcome = addProgressUpdate(milestone.id, submission.value, { at: now() });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: ['form.error.stale'] }), current: outcome.current },
      { status: 409 },
    );
  }
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(
    localizePath(
      `/projects/${project.slug}?updated=${milestone.id}#milestone-${milestone.id}`,
      lang,
    ),
    303,
  );
}

/** After a conflict (409) the page reloads the milestone, so its "now" line is the other change. */
export function shouldRevalidate({
  actionStatus,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 || defaultShouldRevalidate;
}

export default function MilestoneUpdate({ loaderData, actionData }: Route.ComponentProps) {
  const { project, milestone, today: now } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const schema = progressUpdateSchema({ today: now, projectStartsOn: project.startsOn });
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: {
      status: milestone.status,
      progress: String(milestone.progress),
      recordedBy: loaderData.userName,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const milestoneName =
    milestone.isDerived && (milestone.kind === 'start' || milestone.kind === 'closure')
      ? t(`milestone.kind.${milestone.kind}`)
      : milestone.title;
  const title = t('progressForm.title', { milestone: milestoneName });
  return (
    <>
      <PageTitle title={title} />
      <p className="muted">
        <Link to={to(`/projects/${project.slug}#milestone-${milestone.id}`)}>
          <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
        </Link>
      </p>
      <h1>{title}</h1>
      <p>
        {t('progressForm.current', {
          status: t(`milestoneStatus.${milestone.status}`),
          progress: milestone.progress,
        })}{' '}
        {t('milestone.planned')}:{' '}
        {format.date(milestone.plannedDate, milestone.plannedPrecision) ?? t('common.notPublished')}
      </p>
      {actionData?.current ? (
        <div className="notice" role="alert">
          <p>
            {t('progressForm.conflict', {
              status: t(`milestoneStatus.${actionData.current.status as 'planned'}`),
              progress: actionData.current.progress,
            })}
          </p>
        </div>
      ) : null}
      <Form method="post" className="entry-form" {...getFormProps(form)}>
        <CsrfInput />
        {/* The version the form was opened on; a stale one is refused with 409. */}
        <input
          type="hidden"
          name="version"
          value={actionData?.current?.version ?? milestone.version}
        />
        {actionData?.current ? null : <FieldErrors id={form.errorId} errors={form.errors} />}
        <FormField field={fields.status} label={t('progressForm.status')}>
          <select {...getSelectProps(fields.status)}>
            {MILESTONE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`milestoneStatus.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
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
        <TextField
          field={fields.recordedBy}
          label={t('progressForm.recordedBy')}
          hint={t('progressForm.recordedByHint')}
          autoComplete="name"
        />
        <p>
          <button type="submit">{t('progressForm.submit')}</button>{' '}
          <Link to={to(`/projects/${project.slug}#milestone-${milestone.id}`)}>
            {t('form.cancel')}
          </Link>
        </p>
      </Form>
    </>
  );
}
