import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getTextareaProps,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data } from 'react-router';
import type { z } from 'zod';

import type { Route } from './+types/report-page';
import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now, today } from '../../core/clock';
import { type Conflict, conflictRows, revalidateAfterConflict } from '../../core/forms/conflict';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { ConflictNotice } from '../../core/ui/conflict-table';
import { CsrfInput } from '../../core/ui/csrf-input';
import { useEntryForm } from '../../core/ui/entry-form';
import {
  FieldErrors,
  FormField,
  PartialDateField,
  SelectField,
  TextField,
} from '../../core/ui/form-field';
import { MilestonePlanFields } from '../milestones/milestone-fields';
import { MilestoneTitle, isNamedByKind } from '../milestones/milestone-title';
import { listOrganisationChoices } from '../milestones/milestone-writes.server';
import {
  HUB_LANGUAGES,
  type HubLanguage,
  MILESTONE_STATUSES,
  REPORT_SECTIONS,
} from '../../../db/vocabulary';
import { SECTION_MAX, reportFormSchema, reportedIndicator } from './report-forms';
import { reportFieldNames, reportFields, requireReportPage } from './report-page.server';
import { ReportHead, ReportSavedNotice, officialNameText } from './report-head';
import { AppLink } from '../../core/ui/app-link';
import {
  listIndicatorsToReport,
  listMilestoneNames,
  listMilestonesToReport,
} from './report-queries.server';
import { IndicatorsFormPart, ReportIndicatorValues } from './report-indicators';
import { isWritable } from './report-states';
import { ReportSections, ReportUpdates, ReviewComment } from './report-view';
import { formDefaults, toReportContent, useFieldLabels } from './report-form-values';
import { saveReport } from './report-writes.server';

// A project's report in a round (/reporting/:round/:project): its authors write it here while the
// round is open (save a draft, submit), and see the reviewer's comments when it is returned; the
// hub team reads it here and reviews it on /review. Private: nothing of it is public until
// approved.

function loadForm(page: ReturnType<typeof requireReportPage>) {
  const milestones = listMilestonesToReport(page.project.id);
  const organisations = listOrganisationChoices(page.project.id);
  const indicators = listIndicatorsToReport(page.project.id, page.round);
  const context = {
    today: today(),
    projectStartsOn: page.project.startsOn,
    organisationSlugs: organisations.map((o) => o.slug),
    milestoneIds: milestones.map((m) => m.id),
    indicators: indicators.map(reportedIndicator),
  };
  return { milestones, organisations, indicators, context };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const page = requireReportPage(params);
  const user = authorize(context, request, 'report.write', { projectId: page.project.id });
  const { milestones, organisations, indicators, context: formContext } = loadForm(page);
  return {
    ...page,
    milestones,
    organisations,
    indicators,
    formContext,
    names: listMilestoneNames(page.project.id),
    isWritable: isWritable(page.report.state, page.round.state),
    isHubTeam: user.role === 'admin' || user.role === 'editor',
    saved: new URL(request.url).searchParams.get('saved'),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const page = requireReportPage(params);
  const user = authorize(context, request, 'report.write', { projectId: page.project.id });
  const { milestones, organisations, indicators, context: formContext } = loadForm(page);
  const submission = parseWithZod(await request.formData(), {
    schema: reportFormSchema(formContext),
  });
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), conflict: null, state: null }, { status: 400 });
  }
  const { intent, version } = submission.value;
  const content = toReportContent(submission.value, milestones, organisations, indicators);
  const outcome = saveReport(page.report.id, version, intent, content, {
    at: now(),
    actor: actorOf(user),
    as: user.role === 'admin' || user.role === 'editor' ? 'hub-team' : 'author',
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok && outcome.reason === 'stale') {
    const sent = reportFields(content);
    const saved = reportFields(outcome.current);
    const conflict: Conflict = {
      version: outcome.current.version,
      rows: conflictRows(sent, saved, reportFieldNames(sent, saved)),
    };
    return data(
      { result: submission.reply({ formErrors: ['report.conflict'] }), conflict, state: null },
      { status: 409 },
    );
  }
  if (!outcome.ok) {
    const state = outcome.reason === 'not-allowed' ? outcome.current.state : null;
    return data(
      { result: submission.reply({ formErrors: ['report.notAllowed'] }), conflict: null, state },
      { status: 409 },
    );
  }
  return redirectAfterSave(
    request,
    `/reporting/${page.round.slug}/${page.project.slug}?saved=${outcome.state}`,
  );
}

export const shouldRevalidate = revalidateAfterConflict;

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { report, round, project } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const comments = report.reviewComments;
  const showComments = report.state === 'returned' || report.state === 'draft';
  return (
    <>
      <ReportHead
        page={loaderData}
        title={t('report.pageTitle', { project: officialNameText(lang, project) })}
      />
      <ReportSavedNotice saved={loaderData.saved} />
      {showComments && comments.general ? <ReviewComment text={comments.general} /> : null}
      {loaderData.isWritable ? (
        <ReportForm loaderData={loaderData} actionData={actionData} />
      ) : (
        <>
          <p className="notice notice--plain">
            {round.state === 'open'
              ? t('report.readOnly', { state: t(`report.state.${report.state}`) })
              : t('report.roundNotOpen')}
          </p>
          {loaderData.isHubTeam && report.state === 'submitted' ? (
            <p>
              <AppLink to={to(`/reporting/${round.slug}/${project.slug}/review`)}>
                {t('report.toReview')}
              </AppLink>
            </p>
          ) : null}
          <h2>{t('report.sectionsTitle')}</h2>
          <ReportSections language={report.language} texts={report.texts} />
          <h2>{t('report.updatesTitle')}</h2>
          <ReportUpdates updates={report.milestoneUpdates} names={loaderData.names} />
          <ReportIndicatorValues
            heading
            updates={report.indicatorUpdates}
            names={loaderData.indicators}
          />
        </>
      )}
    </>
  );
}

type PageData = Route.ComponentProps['loaderData'];
type FormValues = z.input<ReturnType<typeof reportFormSchema>>;
type UpdateValues = NonNullable<FormValues['updates']>[number];
type TextsValues = FormValues['texts'];

function ReportForm({
  loaderData,
  actionData,
}: {
  loaderData: PageData;
  actionData: Route.ComponentProps['actionData'];
}) {
  const { report, milestones, indicators, round } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const schema = reportFormSchema(loaderData.formContext);
  const [form, fields] = useEntryForm(schema, {
    id: 'report',
    lastResult: actionData?.result,
    defaultValue: formDefaults(report, milestones, loaderData.organisations, lang, indicators),
  });
  const labels = useFieldLabels(milestones, indicators);
  const comments =
    report.state === 'returned' || report.state === 'draft' ? report.reviewComments : {};
  // After a refused post the field holds what was sent, which may be no language at all.
  const chosen = HUB_LANGUAGES.find((l) => l === fields.language.value);
  const original: HubLanguage = chosen ?? report.language ?? lang;
  const updates = fields.updates.getFieldList();
  const added = fields.newMilestones.getFieldList();
  const conflict = actionData?.conflict;
  return (
    <>
      {conflict ? (
        <ConflictNotice conflict={conflict} labels={labels} message={t('report.conflict')} />
      ) : null}
      {actionData?.state ? (
        <p className="notice notice--plain" role="alert">
          {t('report.notAllowed', { state: t(`report.state.${actionData.state}`) })}
        </p>
      ) : null}
      <Form method="post" className="entry-form" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={conflict?.version ?? report.version} />
        {conflict || actionData?.state ? null : (
          <FieldErrors id={form.errorId} errors={form.errors} />
        )}
        <h2>{t('report.sectionsTitle')}</h2>
        <SelectField
          field={fields.language}
          label={t('report.writeIn')}
          hint={t('report.writeInHint')}
          options={HUB_LANGUAGES.map((l) => ({
            value: l,
            label: t(`report.language.${l}`),
          }))}
        />
        <TextsFields texts={fields.texts} original={original} comments={comments} />

        <h2>{t('report.milestonesTitle')}</h2>
        {comments.milestones ? <ReviewComment text={comments.milestones} /> : null}
        {milestones.length ? (
          <p>{t('report.milestonesLead')}</p>
        ) : (
          <p>{t('report.noMilestonesToReport')}</p>
        )}
        {updates.map((entry, i) => {
          const m = milestones[i];
          return m ? <MilestoneUpdateFields key={entry.key} milestone={m} entry={entry} /> : null;
        })}

        <h2>{t('report.newMilestonesTitle')}</h2>
        <p>{t('report.newMilestonesLead')}</p>
        <FieldErrors id={fields.newMilestones.errorId} errors={fields.newMilestones.errors} />
        {added.map((entry, i) => (
          <fieldset key={entry.key}>
            <legend>{t('report.newMilestone', { n: i + 1 })}</legend>
            <MilestonePlanFields
              fields={entry.getFieldset()}
              organisations={loaderData.organisations}
            />
          </fieldset>
        ))}

        <IndicatorsFormPart
          indicators={indicators}
          field={fields.indicators}
          round={round}
          comment={comments.indicators}
        />

        <FieldErrors id={fields.intent.errorId} errors={fields.intent.errors} />
        <FieldErrors id={fields.updates.errorId} errors={fields.updates.errors} />
        <p className="form-actions">
          <button type="submit" name="intent" value="save-draft">
            {t('report.saveDraft')}
          </button>{' '}
          <button type="submit" name="intent" value="submit">
            {t('report.submit')}
          </button>
        </p>
      </Form>
    </>
  );
}

/** One open milestone's update: "no change", or its new state as the progress form asks it. */
function MilestoneUpdateFields({
  milestone: m,
  entry,
}: {
  milestone: PageData['milestones'][number];
  entry: FieldMetadata<UpdateValues>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const f = entry.getFieldset();
  return (
    <fieldset key={entry.key} id={`milestone-${m.id}`}>
      <legend>
        {isNamedByKind(m) ? t(`milestone.kind.${m.kind}`) : <MilestoneTitle milestone={m} />}
      </legend>
      <p className="muted">
        {t('report.now', {
          status: t(`milestoneStatus.${m.status}`),
          progress: m.progress,
        })}{' '}
        {m.plannedDate
          ? t('report.planned', { date: format.date(m.plannedDate, m.plannedPrecision) })
          : null}
      </p>
      <input {...getInputProps(f.milestoneId, { type: 'hidden' })} />
      <SelectField
        field={f.status}
        label={t('report.status')}
        prompt={t('report.noChange')}
        options={MILESTONE_STATUSES.map((s) => ({
          value: s,
          label: t(`milestoneStatus.${s}`),
        }))}
      />
      <TextField
        field={f.progress}
        label={t('report.progress')}
        hint={t('progressForm.progressHint')}
        type="number"
        step={1}
      />
      <PartialDateField
        field={f.actualDate}
        label={t('progressForm.actualDate')}
        hint={t('progressForm.actualHint')}
      />
      <PartialDateField
        field={f.revisedDate}
        label={t('progressForm.revisedDate')}
        hint={t('progressForm.revisedHint')}
      />
      <FormField field={f.comment} label={t('report.comment')}>
        <textarea {...getTextareaProps(f.comment)} rows={3} />
      </FormField>
      <TextField
        field={f.evidenceUrl}
        label={t('report.evidenceUrl')}
        hint={t('report.evidenceHint')}
        type="url"
      />
    </fieldset>
  );
}

/** The written sections: the original language first, each translation folded away until used. */
function TextsFields({
  texts: textsField,
  original,
  comments,
}: {
  texts: FieldMetadata<TextsValues>;
  original: HubLanguage;
  comments: Record<string, string>;
}) {
  const { t } = useTranslation();
  const texts = textsField.getFieldset();
  return (
    <>
      {[original, ...HUB_LANGUAGES.filter((l) => l !== original)].map((lang) => {
        const sections = texts[lang].getFieldset();
        const isOriginal = lang === original;
        const hasText = REPORT_SECTIONS.some((s) => sections[s].initialValue);
        const body = REPORT_SECTIONS.map((section) => (
          <div key={section}>
            {isOriginal && comments[section] ? <ReviewComment text={comments[section]} /> : null}
            <SectionField
              field={sections[section]}
              label={t(`report.section.${section}`)}
              hint={t('report.sectionHint', { count: SECTION_MAX })}
              lang={HTML_LANG[lang]}
            />
          </div>
        ));
        const legend = isOriginal
          ? t('report.original', { language: t(`report.language.${lang}`) })
          : t('report.translationOptional', { language: t(`report.language.${lang}`) });
        return isOriginal ? (
          <fieldset key={lang} id={`texts-${lang}`}>
            <legend>{legend}</legend>
            {body}
          </fieldset>
        ) : (
          <details key={lang} open={hasText || undefined} className="report-translation-form">
            <summary>{legend}</summary>
            <fieldset id={`texts-${lang}`}>
              {/* The summary shows it; the legend still names the group for screen readers. */}
              <legend className="visually-hidden">{legend}</legend>
              {body}
            </fieldset>
          </details>
        );
      })}
    </>
  );
}

/** One written section: a plain-text box in its language. */
function SectionField({
  field,
  label,
  hint,
  lang,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint: string;
  lang: string;
}) {
  return (
    <FormField field={field} label={label} hint={hint}>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: field.descriptionId })}
        rows={5}
        lang={lang}
      />
    </FormField>
  );
}
