import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import type { SessionUser } from '../../core/auth/auth';
import { changeBy } from '../../core/forms/edit-action.server';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { ConflictNotice } from '../../core/ui/conflict-table';
import { CsrfInput } from '../../core/ui/csrf-input';
import { FormHead } from '../../core/ui/form-head';
import { AppLink } from '../../core/ui/app-link';
import { canResolve, setEntryResolved } from './answers.server';
import { requirePublishedEntry } from './answers-entry.server';
import { ResolveFormSchema } from './answers-form';
import type { Route } from './+types/answers-resolve';

// POST /knowledge/:slug/resolve: a challenge marked solved or open again, by its author or the hub
// team, on the version they saw (409 with both states otherwise). GET shows the one button.

function requireResolvable(params: { slug: string }, user: SessionUser) {
  const entry = requirePublishedEntry(params.slug, user);
  if (entry.kind !== 'challenge') throw data('Only a challenge is solved.', { status: 400 });
  if (!canResolve(user, entry)) throw data('Your account may not do this.', { status: 403 });
  return entry;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'knowledge.resolve');
  const entry = requireResolvable(params, user);
  return {
    entry: {
      slug: entry.slug,
      title: entry.title,
      titles: entry.titles,
      isResolved: entry.isResolved,
      version: entry.version,
    },
  };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'knowledge.resolve');
  const entry = requireResolvable(params, user);
  const submission = parseWithZod(await request.formData(), { schema: ResolveFormSchema });
  if (submission.status !== 'success') {
    return data({ conflict: null, invalid: true }, { status: 400 });
  }
  const want = submission.value.intent === 'mark-solved';
  const result = setEntryResolved(entry, submission.value.version, want, changeBy(user, null));
  if (!result.ok && result.reason === 'not-found') throw data(null, { status: 404 });
  if (!result.ok) {
    return data(
      {
        invalid: false,
        conflict: {
          version: result.current.version,
          rows: [
            {
              field: 'isResolved',
              yours: want ? 'solved' : 'open',
              saved: result.current.isResolved ? 'solved' : 'open',
            },
          ],
        },
      },
      { status: 409 },
    );
  }
  return redirectAfterSave(request, `/knowledge/${entry.slug}?saved=resolved#answers`);
}

export const shouldRevalidate = revalidateAfterConflict;

export default function ResolvePage({ loaderData, actionData }: Route.ComponentProps) {
  const { entry } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const stateLabel = (value: string) =>
    value === 'solved' ? t('knowledgeList.solved') : t('knowledgeList.openChallenge');
  const label = entry.isResolved ? t('knowledgeAnswers.reopen') : t('knowledgeAnswers.markSolved');
  return (
    <>
      <FormHead
        title={`${label}: ${entry.titles[lang] ?? entry.title}`}
        back={<AppLink to={to(`/knowledge/${entry.slug}`)}>{t('knowledgeAnswers.back')}</AppLink>}
      />
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
          labels={{ isResolved: t('knowledgeAnswers.field.isResolved') }}
          message={t('knowledgeAnswers.resolveStale')}
        />
      ) : null}
      {actionData?.invalid ? (
        <p className="notice" role="alert">
          {t('form.error.invalid')}
        </p>
      ) : null}
      {entry.isResolved ? <p>{t('knowledgeAnswers.solvedNote')}</p> : null}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="version" value={entry.version} />
        <input type="hidden" name="intent" value={entry.isResolved ? 'reopen' : 'mark-solved'} />
        <button type="submit">{label}</button>
      </Form>
    </>
  );
}
