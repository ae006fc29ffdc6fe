import { getTextareaProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { HTML_LANG } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField } from '../../core/ui/form-field';
import { FormHead } from '../../core/ui/form-head';
import { KNOWLEDGE_SECTIONS, type KnowledgeKind } from '../../../db/vocabulary';
import type { Route } from './+types/entry-review';
import { reviewSchema } from './knowledge-forms';
import { useSectionLabel } from './knowledge-labels';
import { getEntry, publishEntry, returnEntry } from './knowledge-writes.server';

// The hub team's review of an entry in review (/knowledge/:slug/review): publish it, or return
// it to its author with a comment. Both at the version read (409 when it changed meanwhile).

function requireEntry(slug: string) {
  const entry = getEntry(slug);
  if (!entry) throw data(null, { status: 404 });
  return entry;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  authorize(context, request, 'knowledge.review');
  const entry = requireEntry(params.slug);
  const text = entry.texts[entry.language]!;
  return {
    entry: {
      slug: entry.slug,
      kind: entry.kind,
      state: entry.state,
      language: entry.language,
      version: entry.version,
      authorName: entry.authorName,
    },
    text,
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'knowledge.review');
  const entry = requireEntry(params.slug);
  const submission = parseWithZod(await request.formData(), { schema: reviewSchema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const who = { at: now(), actor: actorOf(user) };
  const value = submission.value;
  const outcome =
    value.intent === 'publish'
      ? publishEntry(entry.id, value.version, who)
      : returnEntry(entry.id, value.version, value.reviewComment, who);
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const message =
      outcome.reason === 'stale' ? 'form.error.staleRecord' : 'knowledge.form.moveRefused';
    return data({ result: submission.reply({ formErrors: [message] }) }, { status: 409 });
  }
  const notice = value.intent === 'publish' ? 'published' : 'returned';
  return redirectAfterSave(request, `/knowledge/${entry.slug}?saved=${notice}`);
}

export default function ReviewEntry({ loaderData, actionData }: Route.ComponentProps) {
  const { entry, text } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const section = useSectionLabel(entry.kind as KnowledgeKind);
  const lastIntent =
    actionData?.result && 'initialValue' in actionData.result
      ? (actionData.result.initialValue as Record<string, unknown> | undefined)?.intent
      : undefined;
  const [publishForm] = useEntryForm(reviewSchema, {
    id: 'publish',
    lastResult: lastIntent === 'publish' ? actionData?.result : null,
  });
  const [returnForm, returnFields] = useEntryForm(reviewSchema, {
    id: 'return',
    lastResult: lastIntent === 'publish' ? null : actionData?.result,
  });
  const title = t('knowledge.review.title', { title: text.title });
  const textLang = HTML_LANG[entry.language];
  const comment = returnFields.reviewComment;
  return (
    <>
      <FormHead
        title={title}
        back={
          <AppLink to={to(`/knowledge/${entry.slug}`)}>{t('knowledge.review.toEntry')}</AppLink>
        }
        lead={t('knowledge.review.lead')}
      />
      <p className="badges">
        <span className="badge">{t(`knowledge.kinds.${entry.kind}`)}</span>{' '}
        <span className="badge">{t(`knowledge.states.${entry.state}`)}</span>
      </p>
      <p className="muted">{t('knowledge.page.writtenBy', { name: entry.authorName })}</p>
      {entry.state !== 'in-review' ? (
        <p className="notice">
          {t('knowledge.review.notInReview', { state: t(`knowledge.states.${entry.state}`) })}
        </p>
      ) : null}
      <section aria-labelledby="review-text" className="review-view">
        <h2 id="review-text" lang={textLang}>
          {text.title}
        </h2>
        {text.summary ? <p lang={textLang}>{text.summary}</p> : null}
        {KNOWLEDGE_SECTIONS.map((s) =>
          text[s] ? (
            <div key={s}>
              <h3>{section(s)}</h3>
              <p lang={textLang} className="entry-text">
                {text[s]}
              </p>
            </div>
          ) : null,
        )}
      </section>
      {entry.state === 'in-review' ? (
        <>
          <EntryForm
            form={publishForm}
            intent="publish"
            version={entry.version}
            legend={t('knowledge.review.publishLegend')}
            submitLabel={t('knowledge.review.publish')}
          >
            {null}
          </EntryForm>
          <EntryForm
            form={returnForm}
            intent="return"
            version={entry.version}
            legend={t('knowledge.review.returnLegend')}
            submitLabel={t('knowledge.review.returnSubmit')}
          >
            {comment ? (
              <FormField
                field={comment}
                label={t('knowledge.review.comment')}
                hint={t('knowledge.review.commentHint')}
              >
                <textarea
                  {...getTextareaProps(comment, { ariaDescribedBy: comment.descriptionId })}
                  rows={5}
                />
              </FormField>
            ) : null}
          </EntryForm>
        </>
      ) : null}
    </>
  );
}
