import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { changeBy } from '../../core/forms/edit-action.server';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { FormHead } from '../../core/ui/form-head';
import { AppLink } from '../../core/ui/app-link';
import { createAnswer } from './answers.server';
import { requirePublishedEntry } from './answers-entry.server';
import { loadAnswersSection } from './answers-section.server';
import { AnswersSection } from './answers-section';
import { answerInputOf, parseAnswerForm } from './answers-form';
import { listAnswerOrganisations } from './answers.server';
import type { Route } from './+types/answers-page';

// POST /knowledge/:slug/answers: a new pending answer to a published challenge. Its GET page shows
// the challenge's answers and the form (where a refused answer comes back with its errors).

export function loader({ params, request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'knowledge.answer');
  const entry = requirePublishedEntry(params.slug, user);
  const section = loadAnswersSection(entry, user);
  if (!section) throw data(null, { status: 404 });
  return { entry: { slug: entry.slug, title: entry.title, titles: entry.titles }, section };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'knowledge.answer');
  const entry = requirePublishedEntry(params.slug, user);
  const parsed = parseAnswerForm(await request.formData(), entry);
  if (parsed.status === 'not-a-challenge') {
    throw data('Only a challenge takes answers.', { status: 400 });
  }
  if (parsed.status === 'invalid') {
    return data({ result: parsed.submission.reply() }, { status: 400 });
  }
  const input = answerInputOf(parsed.value);
  if (
    input.organisationId !== null &&
    !listAnswerOrganisations().some((o) => o.id === input.organisationId)
  ) {
    return data(
      {
        result: parsed.submission.reply({
          fieldErrors: { organisation: ['knowledgeAnswers.error.organisation'] },
        }),
      },
      { status: 400 },
    );
  }
  createAnswer(entry, input, changeBy(user, null));
  return redirectAfterSave(request, `/knowledge/${entry.slug}?answered=1#answers`);
}

export default function AnswersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { entry, section } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const title = entry.titles[lang] ?? entry.title;
  return (
    <>
      <FormHead
        title={t('knowledgeAnswers.answerTitle', { entry: title })}
        back={<AppLink to={to(`/knowledge/${entry.slug}`)}>{t('knowledgeAnswers.back')}</AppLink>}
      />
      <AnswersSection data={section} lastResult={actionData?.result ?? null} />
    </>
  );
}
