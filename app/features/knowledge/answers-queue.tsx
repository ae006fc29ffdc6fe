import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data, useSearchParams } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { changeBy } from '../../core/forms/edit-action.server';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { ConflictNotice } from '../../core/ui/conflict-table';
import { CsrfInput } from '../../core/ui/csrf-input';
import { DataTable } from '../../core/ui/data-table';
import { SuccessNotice } from '../../core/ui/notice';
import { PageTitle } from '../../core/ui/page-title';
import { listPendingAnswers, moderateAnswer } from './answers.server';
import { ModerationFormSchema } from './answers-form';
import type { Route } from './+types/answers-queue';

// /knowledge/answers: the moderation queue. Editors publish or reject each pending answer, on the
// version they saw (409 with both states when someone else decided first).

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'knowledge.moderate');
  return { answers: listPendingAnswers() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'knowledge.moderate');
  const submission = parseWithZod(await request.formData(), { schema: ModerationFormSchema });
  if (submission.status !== 'success') {
    return data({ invalid: true, conflict: null }, { status: 400 });
  }
  const { intent, answerId, version } = submission.value;
  const state = intent === 'publish-answer' ? 'published' : 'rejected';
  const result = moderateAnswer(answerId, version, state, changeBy(user, null));
  if (!result.ok && result.reason === 'not-found') throw data(null, { status: 404 });
  if (!result.ok) {
    return data(
      {
        invalid: false,
        conflict: {
          version: result.current.version,
          state: result.current.state,
          rows: [{ field: 'state', yours: state, saved: result.current.state }],
        },
      },
      { status: 409 },
    );
  }
  return redirectAfterSave(request, `/knowledge/answers?done=${state}`);
}

export const shouldRevalidate = revalidateAfterConflict;

export default function AnswersQueue({ loaderData, actionData }: Route.ComponentProps) {
  const { answers } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  const [search] = useSearchParams();
  const done = search.get('done');
  const stateLabel = (value: string) =>
    t(`knowledgeAnswers.state.${value as 'pending'}`, { defaultValue: value });
  return (
    <>
      <PageTitle title={t('knowledgeAnswers.queueTitle')} />
      <h1>{t('knowledgeAnswers.queueTitle')}</h1>
      <p className="lead">{t('knowledgeAnswers.queueLead')}</p>
      {done === 'published' ? (
        <SuccessNotice>{t('knowledgeAnswers.published')}</SuccessNotice>
      ) : null}
      {done === 'rejected' ? <SuccessNotice>{t('knowledgeAnswers.rejected')}</SuccessNotice> : null}
      {actionData?.conflict ? (
        <ConflictNotice
          conflict={{
            ...actionData.conflict,
            rows: actionData.conflict.rows.map((row) => ({
              ...row,
              yours: stateLabel(row.yours),
              saved: stateLabel(row.saved),
            })),
          }}
          labels={{ state: t('knowledgeAnswers.field.state') }}
          message={t('knowledgeAnswers.stale', { state: stateLabel(actionData.conflict.state) })}
        />
      ) : null}
      {actionData?.invalid ? (
        <p className="notice" role="alert">
          {t('form.error.invalid')}
        </p>
      ) : null}
      {answers.length === 0 ? (
        <p>{t('knowledgeAnswers.queueNone')}</p>
      ) : (
        <DataTable
          caption={t('knowledgeAnswers.queueTitle')}
          columns={[
            t('knowledgeAnswers.entry'),
            t('knowledgeAnswers.answer'),
            t('knowledgeAnswers.author'),
            t('knowledgeAnswers.received'),
            t('knowledgeAnswers.actions'),
          ]}
        >
          {answers.map((answer) => (
            <tr key={answer.id} data-answer={answer.id}>
              <th scope="row">
                <AppLink to={to(`/knowledge/${answer.entrySlug}`)}>
                  {answer.entryTitle ?? answer.entrySlug}
                </AppLink>
              </th>
              <td lang={answer.language === lang ? undefined : HTML_LANG[answer.language]}>
                {answer.body}
              </td>
              <td>
                {answer.authorName}
                {answer.organisationName ? <> ({answer.organisationName})</> : null}
              </td>
              <td>{format.dateTime(answer.createdAt)}</td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="answerId" value={answer.id} />
                  <input type="hidden" name="version" value={answer.version} />
                  <button type="submit" name="intent" value="publish-answer">
                    {t('knowledgeAnswers.publish')}
                  </button>{' '}
                  <button type="submit" name="intent" value="reject-answer">
                    {t('knowledgeAnswers.reject')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
