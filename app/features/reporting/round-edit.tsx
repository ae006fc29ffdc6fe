import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data, redirect } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { now } from '../../core/clock';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { actorOf } from '../../core/auth/auth';
import { AppLink } from '../../core/ui/app-link';
import { CsrfInput } from '../../core/ui/csrf-input';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormHead } from '../../core/ui/form-head';
import { SuccessNotice } from '../../core/ui/notice';
import type { Route } from './+types/round-edit';
import { RoundFields, useRoundFieldLabels } from './round-form';
import {
  NEXT_ROUND_STATE,
  roundColumns,
  roundEditSchema,
  roundFormValues,
  roundStateSchema,
} from './round-forms';
import { RoundStateLabel, RoundTitle } from './round-ui';
import { changeRoundState, updateRound } from './round-writes.server';
import { countRoundReports, getRound, listEventChoices } from './rounds.server';

// /reporting/:round/edit: the round's form (while draft or open) and the buttons that open and
// close it (draft → open → closed, each on the version the page showed).

function requireRound(slug: string) {
  const round = getRound(slug);
  if (!round) throw data(null, { status: 404 });
  return round;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const round = requireRound(params.round);
  authorize(context, request, 'round.update');
  const events = listEventChoices();
  return {
    round: {
      slug: round.slug,
      title: round.title,
      titleZh: round.titleZh,
      titleDe: round.titleDe,
      state: round.state,
      version: round.version,
    },
    values: roundFormValues(round, events),
    events,
    reportCount: countRoundReports(round.id),
    created: new URL(request.url).searchParams.get('created') === '1',
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const round = requireRound(params.round);
  const user = authorize(context, request, 'round.update');
  const events = listEventChoices();
  const form = await request.clone().formData();
  if (form.get('intent') === 'state') {
    const submission = parseWithZod(form, { schema: roundStateSchema });
    if (submission.status !== 'success') {
      return data({ stateError: 'invalid' as const, result: undefined, conflict: null }, 400);
    }
    const outcome = changeRoundState(round.id, submission.value.version, submission.value.to, {
      at: now(),
      actor: actorOf(user),
    });
    if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
    if (!outcome.ok) {
      return data({ stateError: outcome.reason, result: undefined, conflict: null }, 409);
    }
    const lang = langFromPath(new URL(request.url).pathname);
    return redirect(
      localizePath(`/reporting/${round.slug}?state=${submission.value.to}`, lang),
      303,
    );
  }
  if (round.state === 'closed') {
    return data({ stateError: 'closed' as const, result: undefined, conflict: null }, 409);
  }
  return editAction(request, {
    schema: roundEditSchema(events.map((e) => e.slug)),
    save: ({ version, ...values }) =>
      updateRound(round.id, version, roundColumns(values, events), changeBy(user, null)),
    saved: (current) => roundFormValues(current, events),
    savedTo: `/reporting/${round.slug}?saved=1`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditRound({ loaderData, actionData }: Route.ComponentProps) {
  const { round, events, reportCount, created } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const labels = useRoundFieldLabels();
  const schema = roundEditSchema(events.map((e) => e.slug));
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    defaultValue: loaderData.values,
  });
  const stateError = actionData && 'stateError' in actionData ? actionData.stateError : null;
  const conflict = actionData && 'conflict' in actionData ? (actionData.conflict ?? null) : null;
  const next = NEXT_ROUND_STATE[round.state];
  return (
    <>
      <FormHead
        title={t('reporting.editRound')}
        back={
          <AppLink to={to(`/reporting/${round.slug}`)}>
            <RoundTitle round={round} />
          </AppLink>
        }
      />
      {created ? (
        <SuccessNotice>{t('reporting.created', { count: reportCount })}</SuccessNotice>
      ) : null}
      <section aria-labelledby="round-state-heading">
        <h2 id="round-state-heading">{t('reporting.stateHeading')}</h2>
        <p>
          <RoundStateLabel state={round.state} /> {t(`reporting.stateHelp.${round.state}`)}
        </p>
        {stateError ? (
          <p className="form-field__error" role="alert">
            {t(`reporting.stateError.${stateError}`)}
          </p>
        ) : null}
        {next ? (
          <Form method="post" className="review-view">
            <CsrfInput />
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="version" value={round.version} />
            <input type="hidden" name="to" value={next} />
            <button type="submit">
              {next === 'open' ? t('reporting.open') : t('reporting.close')}
            </button>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="round-projects-heading">
        <h2 id="round-projects-heading">{t('reporting.projectsHeading')}</h2>
        <p>
          {t('reporting.asks', { count: reportCount })}{' '}
          {round.state === 'closed' ? null : (
            <AppLink to={to(`/reporting/${round.slug}/projects`)}>
              {t('reporting.chooseProjects')}
            </AppLink>
          )}
        </p>
      </section>
      <section aria-labelledby="round-form-heading">
        <h2 id="round-form-heading">{t('reporting.detailsHeading')}</h2>
        {round.state === 'closed' ? (
          <p>{t('reporting.closedNoEdit')}</p>
        ) : (
          <EntryForm
            form={form}
            submitLabel={t('edit.save')}
            cancelTo={to(`/reporting/${round.slug}`)}
            version={round.version}
            conflict={conflict}
            conflictLabels={labels}
          >
            <RoundFields fields={fields} events={events} />
          </EntryForm>
        )}
      </section>
    </>
  );
}
