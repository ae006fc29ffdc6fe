import { authorize } from '../../core/auth/authorize.server';
import { today } from '../../core/clock';
import { changeBy, createAction } from '../../core/forms/edit-action.server';
import { filterSearchParams } from '../../core/filter/filter';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/round-new';
import { readRoundFilter } from './round-filter.server';
import { RoundFields } from './round-form';
import { roundColumns, roundNewSchema } from './round-forms';
import { createRound } from './round-writes.server';
import { listEventChoices, listFilterChoices, listProjectIds } from './rounds.server';
import { RoundFilterForm, roundFilterValues } from './round-filter-form';

// /reporting/new?<filter>: a new round (a draft), asking the projects the shared filter selects
// (the ongoing ones when the URL names none); they are adjusted one by one afterwards.

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'round.create');
  const search = new URL(request.url).searchParams;
  const selection = readRoundFilter(search, today());
  return {
    events: listEventChoices(),
    filter: roundFilterValues(selection.filter),
    choices: listFilterChoices(),
    projectCount: listProjectIds(selection.where).length,
    isDefault: selection.isDefault,
    filterQuery: filterSearchParams(selection.filter).toString(),
    ignored: selection.problems.map((p) => p.parameter),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'round.create');
  const events = listEventChoices();
  // The form posts to its own URL: the filter of the page it was sent from.
  const selection = readRoundFilter(new URL(request.url).searchParams, today());
  return createAction(request, {
    schema: roundNewSchema(events.map((e) => e.slug)),
    save: (values) => {
      const round = createRound(
        roundColumns(values, events),
        listProjectIds(selection.where),
        changeBy(user, null),
      );
      return `/reporting/${round.slug}/edit?created=1`;
    },
  });
}

export default function NewRound({ loaderData, actionData }: Route.ComponentProps) {
  const { events, projectCount, isDefault, filterQuery, ignored, filter, choices } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = roundNewSchema(events.map((e) => e.slug));
  const [form, fields] = useEntryForm(schema, { lastResult: actionData?.result });
  return (
    <>
      <FormHead title={t('reporting.newRound')} lead={t('reporting.newLead')} />
      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('reporting.ignored', { params: ignored.join(', ') })}
        </p>
      ) : null}
      <p>
        {isDefault
          ? t('reporting.asksOngoing', { count: projectCount })
          : t('reporting.asksFiltered', { count: projectCount })}{' '}
        <AppLink to={to(`/projects${filterQuery ? `?${filterQuery}` : ''}`)}>
          {t('reporting.seeProjects')}
        </AppLink>
      </p>
      <RoundFilterForm filter={filter} choices={choices} />
      <p className="form-field__hint">{t('reporting.filterHint')}</p>
      <EntryForm
        form={form}
        submitLabel={t('reporting.create')}
        cancelTo={to('/reporting')}
        // The filter rides in the URL the form posts to: the action asks what it selects.
        action={to(`/reporting/new${filterQuery ? `?${filterQuery}` : ''}`)}
      >
        <RoundFields fields={fields} events={events} />
      </EntryForm>
    </>
  );
}
