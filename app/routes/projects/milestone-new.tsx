import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form, Link, data, redirect } from 'react-router';

import { createMilestone, getProjectForMilestoneForm } from '../../../db/queries/milestones.server';
import { listOrganisationChoices } from '../../../db/queries/organisations.server';
import { CsrfInput } from '../../components/csrf-input';
import { FieldErrors, FormField, PartialDateField, TextField } from '../../components/form-field';
import { OfficialName } from '../../components/official-name';
import { PageTitle } from '../../components/page-title';
import { requireMilestoneEditor } from '../../auth.server';
import { langFromPath, localizePath } from '../../i18n/config';
import { useLang, useLocalizePath } from '../../i18n/hooks';
import { now } from '../../lib/clock';
import { ENTERED_MILESTONE_KINDS, milestoneFormSchema } from '../../lib/milestone-forms';
import type { Route } from './+types/milestone-new';

function requireProject(slug: string) {
  const project = getProjectForMilestoneForm(slug);
  if (!project) throw data(null, { status: 404 });
  return project;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = requireProject(params.slug);
  const user = requireMilestoneEditor(context, request, project.id);
  const organisations = listOrganisationChoices(project.id).map(({ id: _id, ...o }) => o);
  return { project, organisations, userName: user.name };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const project = requireProject(params.slug);
  requireMilestoneEditor(context, request, project.id);
  const organisations = listOrganisationChoices(project.id);
  const schema = milestoneFormSchema({ organisationSlugs: organisations.map((o) => o.slug) });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { responsibleOrganisation, recordedBy, ...values } = submission.value;
  const milestone = createMilestone(
    project.id,
    {
      ...values,
      responsibleOrganisationId:
        organisations.find((o) => o.slug === responsibleOrganisation)?.id ?? null,
    },
    { at: now(), by: recordedBy },
  );
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(
    localizePath(`/projects/${project.slug}?added=${milestone.id}#milestone-${milestone.id}`, lang),
    303,
  );
}

export default function NewMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const { project, organisations } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const schema = milestoneFormSchema({ organisationSlugs: organisations.map((o) => o.slug) });
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { recordedBy: loaderData.userName },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const orgLabel = (o: (typeof organisations)[number]) => {
    const name = (lang === 'zh' ? o.nameZh : null) ?? o.name;
    return o.acronym ? `${o.acronym} — ${name}` : name;
  };
  return (
    <>
      <PageTitle title={t('milestoneForm.title')} />
      <p className="muted">
        <Link to={to(`/projects/${project.slug}#milestones`)}>
          <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
        </Link>
      </p>
      <h1>{t('milestoneForm.title')}</h1>
      <p>{t('milestoneForm.lead')}</p>
      <Form method="post" className="entry-form" {...getFormProps(form)}>
        <CsrfInput />
        <FieldErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t('milestoneForm.titleEn')} />
        <TextField
          field={fields.titleZh}
          label={t('milestoneForm.titleZh')}
          hint={t('milestoneForm.titleZhHint')}
          lang="zh-Hans"
        />
        <FormField field={fields.kind} label={t('milestoneForm.kind')}>
          <select {...getSelectProps(fields.kind)}>
            <option value="">{t('form.choosePrompt')}</option>
            {ENTERED_MILESTONE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`milestone.kind.${kind}`)}
              </option>
            ))}
          </select>
        </FormField>
        <PartialDateField
          field={fields.plannedDate}
          label={t('milestoneForm.plannedDate')}
          hint={t('milestoneForm.plannedHint')}
        />
        <FormField field={fields.responsibleOrganisation} label={t('milestoneForm.responsible')}>
          <select {...getSelectProps(fields.responsibleOrganisation)}>
            <option value="">{t('milestoneForm.noResponsible')}</option>
            <optgroup label={t('milestoneForm.projectOrganisations')}>
              {organisations
                .filter((o) => o.isLinked)
                .map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {orgLabel(o)}
                  </option>
                ))}
            </optgroup>
            <optgroup label={t('milestoneForm.otherOrganisations')}>
              {organisations
                .filter((o) => !o.isLinked)
                .map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {orgLabel(o)}
                  </option>
                ))}
            </optgroup>
          </select>
        </FormField>
        <TextField
          field={fields.evidenceUrl}
          label={t('milestoneForm.evidenceUrl')}
          hint={t('milestoneForm.evidenceHint')}
          type="url"
        />
        <FormField field={fields.note} label={t('milestoneForm.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={3} />
        </FormField>
        <TextField
          field={fields.recordedBy}
          label={t('progressForm.recordedBy')}
          hint={t('progressForm.recordedByHint')}
          autoComplete="name"
        />
        <p>
          <button type="submit">{t('milestoneForm.submit')}</button>{' '}
          <Link to={to(`/projects/${project.slug}#milestones`)}>{t('form.cancel')}</Link>
        </p>
      </Form>
    </>
  );
}
