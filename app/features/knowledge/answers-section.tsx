import type { SubmissionResult } from '@conform-to/react';
import { Form, useSearchParams } from 'react-router';

import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { CsrfInput } from '../../core/ui/csrf-input';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField } from '../../core/ui/form-field';
import { officialNameText } from '../../core/ui/official-name';
import { SuccessNotice } from '../../core/ui/notice';
import { HUB_LANGUAGES } from '../../../db/vocabulary';
import { ANSWER_MAX_LENGTH, AnswerFormSchema } from './answers-form';
import type { AnswersSectionData } from './answers-section.server';

/**
 * A challenge's answers (published ones, and the reader's own pending ones marked as awaiting
 * moderation), the form to answer for those who may, and "mark solved / reopen" for the entry's
 * author and the hub team. The entry page renders it with what loadAnswersSection() returned; the
 * forms post to /knowledge/:slug/answers and /knowledge/:slug/resolve.
 */
export function AnswersSection({
  data,
  lastResult = null,
  headingLevel = 2,
}: {
  data: AnswersSectionData;
  /** The answer form's last result (after a 400 on /knowledge/:slug/answers). */
  lastResult?: SubmissionResult<string[]> | null;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  const [search] = useSearchParams();
  const { entry, answers } = data;
  if (entry.kind !== 'challenge') return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section id="answers" aria-labelledby="answers-title" className="knowledge-answers">
      <Heading id="answers-title">{t('knowledgeAnswers.title')}</Heading>
      {/* After answering (POST …/answers) or marking solved (POST …/resolve), back here. */}
      {search.get('answered') === '1' ? (
        <SuccessNotice>{t('knowledgeAnswers.sent')}</SuccessNotice>
      ) : null}
      {search.get('saved') === 'resolved' ? (
        <SuccessNotice>{t('knowledgeAnswers.resolveSaved')}</SuccessNotice>
      ) : null}
      {entry.isResolved ? <p className="notice">{t('knowledgeAnswers.solvedNote')}</p> : null}
      {answers.length === 0 ? (
        <p>{t('knowledgeAnswers.none')}</p>
      ) : (
        <ol className="knowledge-answers__list">
          {answers.map((answer) => (
            <li key={answer.id} data-answer={answer.id} data-state={answer.state}>
              <blockquote lang={answer.language === lang ? undefined : HTML_LANG[answer.language]}>
                <p>{answer.body}</p>
              </blockquote>
              <p className="muted">
                {t('knowledgeAnswers.by', { name: answer.authorName })}
                {answer.organisation ? (
                  <>
                    {' '}
                    {t('knowledgeAnswers.forOrganisation', {
                      organisation: officialNameText(lang, {
                        en: answer.organisation.name,
                        zh: answer.organisation.nameZh,
                        de: answer.organisation.nameDe,
                      }),
                    })}
                  </>
                ) : null}
                {' · '}
                {format.dateTime(answer.createdAt)}
                {answer.state === 'pending' ? (
                  <>
                    {' · '}
                    <strong className="badge">{t('knowledgeAnswers.pending')}</strong>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      {data.canResolve ? (
        <Form method="post" action={to(`/knowledge/${entry.slug}/resolve`)}>
          <CsrfInput />
          <input type="hidden" name="version" value={entry.version} />
          <input type="hidden" name="intent" value={entry.isResolved ? 'reopen' : 'mark-solved'} />
          <button type="submit">
            {entry.isResolved ? t('knowledgeAnswers.reopen') : t('knowledgeAnswers.markSolved')}
          </button>
        </Form>
      ) : null}
      {data.canAnswer ? (
        <AnswerForm data={data} lastResult={lastResult} />
      ) : data.isSignedIn ? null : (
        <p>
          <AppLink to={to(`/login?next=${encodeURIComponent(to(`/knowledge/${entry.slug}`))}`)}>
            {t('knowledgeAnswers.signInToAnswer')}
          </AppLink>
        </p>
      )}
    </section>
  );
}

function AnswerForm({
  data,
  lastResult,
}: {
  data: AnswersSectionData;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const [form, fields] = useEntryForm(AnswerFormSchema, {
    id: 'answer-form',
    lastResult,
    defaultValue: {
      language: lang,
      organisation:
        data.defaultOrganisationId === null ? undefined : String(data.defaultOrganisationId),
    },
  });
  return (
    <EntryForm
      form={form}
      submitLabel={t('knowledgeAnswers.submit')}
      action={to(`/knowledge/${data.entry.slug}/answers`)}
      legend={t('knowledgeAnswers.lead')}
    >
      <FormField
        field={fields.body}
        label={t('knowledgeAnswers.body')}
        hint={t('knowledgeAnswers.bodyHint')}
      >
        <textarea
          id={fields.body.id}
          name={fields.body.name}
          defaultValue={fields.body.initialValue ?? ''}
          rows={6}
          maxLength={ANSWER_MAX_LENGTH}
          required
          aria-invalid={fields.body.errors?.length ? true : undefined}
          aria-describedby={`${fields.body.descriptionId} ${fields.body.errorId}`}
        />
      </FormField>
      <FormField field={fields.language} label={t('knowledgeAnswers.language')}>
        <select
          id={fields.language.id}
          name={fields.language.name}
          defaultValue={fields.language.initialValue ?? lang}
          aria-describedby={fields.language.errorId}
        >
          {HUB_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`knowledgeList.language.${code}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField field={fields.organisation} label={t('knowledgeAnswers.organisation')}>
        <select
          id={fields.organisation.id}
          name={fields.organisation.name}
          defaultValue={String(fields.organisation.initialValue ?? '')}
          aria-describedby={fields.organisation.errorId}
        >
          <option value="">{t('knowledgeAnswers.noOrganisation')}</option>
          {data.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.acronym ? `${o.acronym} — ` : ''}
              {officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe })}
            </option>
          ))}
        </select>
      </FormField>
    </EntryForm>
  );
}
