import { getFormProps, getTextareaProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data } from 'react-router';

import type { Route } from './+types/report-review';
import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { type Conflict, revalidateAfterConflict } from '../../core/forms/conflict';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { ConflictNotice } from '../../core/ui/conflict-table';
import { CsrfInput } from '../../core/ui/csrf-input';
import { useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, FormField } from '../../core/ui/form-field';
import { REVIEW_TOPICS, reviewFormSchema } from './report-forms';
import { ReportHead, officialNameText } from './report-head';
import { requireReportPage } from './report-page.server';
import { listIndicatorNames, listMilestoneNames } from './report-queries.server';
import { ReportIndicatorValues } from './report-indicators';
import { ReportSections, ReportUpdates } from './report-view';
import { approveReport, returnReport } from './report-writes.server';

// The hub team's review of a submitted report (/reporting/:round/:project/review): return it to
// its authors with a comment per section, or approve it — which writes its milestone updates
// through the progress log, all in one transaction.

export function loader({ params, request, context }: Route.LoaderArgs) {
  const page = requireReportPage(params);
  authorize(context, request, 'report.review', { projectId: page.project.id });
  return {
    ...page,
    names: listMilestoneNames(page.project.id),
    indicators: listIndicatorNames(page.project.id),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const page = requireReportPage(params);
  const user = authorize(context, request, 'report.review', { projectId: page.project.id });
  const submission = parseWithZod(await request.formData(), { schema: reviewFormSchema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), conflict: null, refusal: null }, { status: 400 });
  }
  const { intent, version, comments = {} } = submission.value;
  const who = { at: now(), actor: actorOf(user), as: 'hub-team' as const };
  const written = Object.fromEntries(
    Object.entries(comments).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const outcome =
    intent === 'return'
      ? returnReport(page.report.id, version, written, who)
      : approveReport(page.report.id, version, who);
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const conflict: Conflict | null =
      outcome.reason === 'stale'
        ? {
            version: outcome.current.version,
            rows: [{ field: 'state', yours: page.report.state, saved: outcome.current.state }],
          }
        : null;
    const refusal =
      outcome.reason === 'not-applicable'
        ? { kind: 'not-applicable' as const, milestoneId: outcome.milestoneId }
        : outcome.reason === 'not-allowed'
          ? { kind: 'not-allowed' as const, state: outcome.current.state }
          : null;
    return data({ result: submission.reply(), conflict, refusal }, { status: 409 });
  }
  return redirectAfterSave(
    request,
    `/reporting/${page.round.slug}/${page.project.slug}?saved=${outcome.state}`,
  );
}

export const shouldRevalidate = revalidateAfterConflict;

export default function ReportReview({ loaderData, actionData }: Route.ComponentProps) {
  const { report, round, project } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const [form, fields] = useEntryForm(reviewFormSchema, {
    id: 'review',
    lastResult: actionData?.result,
    defaultValue: { comments: report.reviewComments },
  });
  const comments = fields.comments.getFieldset();
  const refusal = actionData?.refusal;
  const conflict = actionData?.conflict;
  return (
    <>
      <ReportHead
        page={loaderData}
        title={t('report.reviewTitle', { project: officialNameText(lang, project) })}
      />
      <p>
        <AppLink to={to(`/reporting/${round.slug}/${project.slug}`)}>
          {t('report.toReport')}
        </AppLink>
      </p>
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          labels={{ state: t('report.stateLabel') }}
          message={t('report.conflict')}
        />
      ) : null}
      {refusal ? (
        <p className="notice notice--plain" role="alert">
          {refusal.kind === 'not-applicable'
            ? t('report.notApplicable', { id: refusal.milestoneId })
            : t('report.notAllowed', { state: t(`report.state.${refusal.state}`) })}
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
      {report.state === 'submitted' ? (
        <Form method="post" className="entry-form" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="version" value={conflict?.version ?? report.version} />
          <FieldErrors id={form.errorId} errors={form.errors} />
          <p>{t('report.reviewLead')}</p>
          <fieldset>
            <legend>{t('report.reviewLegend')}</legend>
            {REVIEW_TOPICS.map((topic) => (
              <FormField
                key={topic}
                field={comments[topic]}
                label={
                  topic === 'indicators'
                    ? t('indicatorReporting.commentOn')
                    : t(`report.commentOn.${topic}`)
                }
              >
                <textarea {...getTextareaProps(comments[topic])} rows={3} />
              </FormField>
            ))}
          </fieldset>
          <FieldErrors id={fields.intent.errorId} errors={fields.intent.errors} />
          <p className="form-actions">
            <button type="submit" name="intent" value="return">
              {t('report.returnSubmit')}
            </button>{' '}
            <button type="submit" name="intent" value="approve">
              {t('report.approveSubmit')}
            </button>
          </p>
        </Form>
      ) : (
        <p className="notice notice--plain">
          {t('report.nothingToReview', { state: t(`report.state.${report.state}`) })}
        </p>
      )}
    </>
  );
}
