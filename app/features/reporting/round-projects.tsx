import { Form, data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now, today } from '../../core/clock';
import { filterSearchParams } from '../../core/filter/filter';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { CsrfInput } from '../../core/ui/csrf-input';
import { FormHead } from '../../core/ui/form-head';
import { OfficialName } from '../../core/ui/official-name';
import { Pagination } from '../../core/ui/pagination';
import { SuccessNotice } from '../../core/ui/notice';
import type { Route } from './+types/round-projects';
import { readRoundFilter } from './round-filter.server';
import { RoundFilterForm, roundFilterValues } from './round-filter-form';
import { ReportStateLabel, RoundTitle } from './round-ui';
import { setRoundProjects } from './round-writes.server';
import { getRound, listFilterChoices, listProjectChoices, listProjectIds } from './rounds.server';

// /reporting/:round/projects?<filter>: the projects a round asks, chosen by the shared filter and
// adjusted one by one. A project leaves the round only while its report is not started.

const PER_PAGE = 100;
const ID = /^\d{1,12}$/;

function requireRound(slug: string) {
  const round = getRound(slug);
  if (!round) throw data(null, { status: 404 });
  return round;
}

function readPage(search: URLSearchParams): number {
  const raw = search.get('page');
  return raw && /^\d{1,7}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const round = requireRound(params.round);
  authorize(context, request, 'round.projects');
  const search = new URL(request.url).searchParams;
  const selection = readRoundFilter(search, today());
  const page = readPage(search);
  const { total, rows } = listProjectChoices(round.id, selection.where, {
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
  });
  const choices = listFilterChoices();
  return {
    round: {
      slug: round.slug,
      title: round.title,
      titleZh: round.titleZh,
      titleDe: round.titleDe,
      state: round.state,
    },
    total,
    rows,
    page,
    pageCount: Math.max(1, Math.ceil(total / PER_PAGE)),
    filter: roundFilterValues(selection.filter),
    filterQuery: filterSearchParams(selection.filter).toString(),
    ignored: selection.problems.map((p) => p.parameter),
    choices,
  };
}

const ids = (values: FormDataEntryValue[]) =>
  values.flatMap((v) => (typeof v === 'string' && ID.test(v) ? [Number(v)] : []));

export async function action({ params, request, context }: Route.ActionArgs) {
  const round = requireRound(params.round);
  const user = authorize(context, request, 'round.projects');
  const form = await request.formData();
  const intent = form.get('intent');
  let change: { add: number[]; remove: number[] };
  if (intent === 'add-all') {
    // The form posts to its own URL: the filter of the page it was sent from.
    const selection = readRoundFilter(new URL(request.url).searchParams, today());
    change = { add: listProjectIds(selection.where), remove: [] };
  } else if (intent === 'set') {
    const shown = ids(form.getAll('shown'));
    const chosen = new Set(ids(form.getAll('project')));
    change = {
      add: shown.filter((id) => chosen.has(id)),
      remove: shown.filter((id) => !chosen.has(id)),
    };
  } else {
    return data({ error: 'invalid' as const }, { status: 400 });
  }
  const result = setRoundProjects(round.id, change, { at: now(), actor: actorOf(user) });
  if (!result.ok && result.reason === 'not-found') throw data(null, { status: 404 });
  if (!result.ok) return data({ error: 'closed' as const }, { status: 409 });
  return { error: null, added: result.added, removed: result.removed, kept: result.kept.length };
}

export default function RoundProjects({ loaderData, actionData }: Route.ComponentProps) {
  const { round, total, rows, page, pageCount, filter, filterQuery, ignored, choices } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const self = (p: number) => {
    const search = new URLSearchParams(filterQuery);
    if (p > 1) search.set('page', String(p));
    const text = search.toString();
    return to(`/reporting/${round.slug}/projects${text ? `?${text}` : ''}`);
  };
  return (
    <>
      <FormHead
        title={t('reporting.projectsTitle')}
        back={
          <AppLink to={to(`/reporting/${round.slug}`)}>
            <RoundTitle round={round} />
          </AppLink>
        }
        lead={t('reporting.projectsLead')}
      />
      {actionData?.error ? (
        <p className="form-field__error" role="alert">
          {t(`reporting.projectsError.${actionData.error}`)}
        </p>
      ) : null}
      {actionData && !actionData.error ? (
        <SuccessNotice>
          {t('reporting.projectsChanged', {
            added: actionData.added,
            removed: actionData.removed,
          })}
          {actionData.kept > 0
            ? ` ${t('reporting.projectsKept', { count: actionData.kept })}`
            : null}
        </SuccessNotice>
      ) : null}
      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('reporting.ignored', { params: ignored.join(', ') })}
        </p>
      ) : null}
      <RoundFilterForm filter={filter} choices={choices} />
      <p>{t('reporting.matching', { count: total })}</p>
      {round.state === 'closed' ? (
        <p>{t('reporting.closedNoEdit')}</p>
      ) : (
        <>
          {/* The filter rides in the URL the form posts to: the action adds what it selects. */}
          <Form method="post" className="review-view" action={self(1)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="add-all" />
            <button type="submit" disabled={total === 0}>
              {t('reporting.addAll', { count: total })}
            </button>
          </Form>
          <Form method="post" className="round-projects" action={self(page)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="set" />
            <fieldset>
              <legend>{t('reporting.inRound')}</legend>
              <ul className="plain-list">
                {rows.map((p) => (
                  <li key={p.id}>
                    {p.reportState !== null && p.reportState !== 'not-started' ? (
                      // A report someone began stays in the round: the box cannot be unticked.
                      <input
                        type="checkbox"
                        id={`project-${p.id}`}
                        checked
                        disabled
                        aria-describedby={`project-${p.id}-kept`}
                      />
                    ) : (
                      <>
                        <input type="hidden" name="shown" value={p.id} />
                        <input
                          type="checkbox"
                          id={`project-${p.id}`}
                          name="project"
                          value={p.id}
                          defaultChecked={p.reportState !== null}
                        />
                      </>
                    )}{' '}
                    <label htmlFor={`project-${p.id}`}>
                      <OfficialName en={p.title} zh={p.titleZh} de={p.titleDe} />
                    </label>
                    {p.reportState ? (
                      <>
                        {' '}
                        <ReportStateLabel state={p.reportState} />
                      </>
                    ) : null}
                    {p.reportState !== null && p.reportState !== 'not-started' ? (
                      <span id={`project-${p.id}-kept`} className="muted">
                        {' '}
                        {t('reporting.cannotRemove')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </fieldset>
            <p>
              <button type="submit">{t('reporting.saveProjects')}</button>
            </p>
          </Form>
          <Pagination page={page} pageCount={pageCount} hrefFor={self} />
        </>
      )}
    </>
  );
}
