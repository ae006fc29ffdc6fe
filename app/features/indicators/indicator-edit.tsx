import { data } from 'react-router';

import {
  getIndicatorForEdit,
  getProjectForIndicatorForm,
  updateIndicator,
} from './indicator-writes.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { authorize } from '../../core/auth/authorize.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { indicatorEditSchema } from './indicator-forms';
import { indicatorFormText, indicatorValuesOf } from './indicator-form-values';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/indicator-edit';
import { IndicatorFields, useIndicatorLabels } from './indicator-fields';
import { getIndicator, listStandardIndicators } from './indicators.server';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';
import { TextField } from '../../core/ui/form-field';
import { DeletedNotice } from '../../core/ui/deleted-notice';

function requireIndicator(params: { slug: string; indicatorId: string }) {
  const project = getProjectForIndicatorForm(params.slug);
  const id = /^\d{1,15}$/.test(params.indicatorId) ? Number(params.indicatorId) : NaN;
  const indicator =
    project && Number.isSafeInteger(id) ? getIndicatorForEdit(project.id, id) : undefined;
  if (!project || !indicator) throw data(null, { status: 404 });
  return { project, indicator };
}

const standardOptions = () =>
  listStandardIndicators().map(({ id, code, title, titleZh, titleDe, unit }) => ({
    id,
    code,
    title,
    titleZh,
    titleDe,
    unit,
  }));

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, indicator } = requireIndicator(params);
  authorize(context, request, 'indicator.update', { projectId: project.id });
  const periods = (getIndicator(indicator.id)?.periods ?? []).map(({ period }) => period);
  return {
    project,
    indicator: { id: indicator.id, title: indicator.title, version: indicator.version },
    values: indicatorFormText(indicator),
    standards: standardOptions(),
    periods,
    unit: indicator.unit,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { project, indicator } = requireIndicator(params);
  const user = authorize(context, request, 'indicator.update', { projectId: project.id });
  return editAction(request, {
    schema: indicatorEditSchema({ standards: standardOptions() }),
    save: ({ version, changeSource, ...values }) =>
      updateIndicator(
        indicator.id,
        version,
        indicatorValuesOf(values),
        changeBy(user, changeSource),
      ),
    saved: (current) => indicatorFormText(current),
    savedTo: `/projects/${project.slug}?saved=indicator-${indicator.id}#indicators`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditIndicator({ loaderData, actionData }: Route.ComponentProps) {
  const { project, indicator, standards } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = indicatorEditSchema({ standards });
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: loaderData.values,
  });
  const labels = useIndicatorLabels();
  const title = t('indicatorEditing.editTitle', { indicator: indicator.title });
  const base = `/projects/${project.slug}/indicators/${indicator.id}`;
  return (
    <>
      <FormHead title={title} back={<ProjectLink project={project} hash="#indicators" />} />
      <DeletedNotice />
      <p>
        <AppLink to={to(`${base}/delete`)}>{t('edit.delete')}</AppLink>
      </p>
      <EntryForm
        form={form}
        submitLabel={t('edit.save')}
        cancelTo={to(`/projects/${project.slug}#indicators`)}
        version={indicator.version}
        conflict={actionData?.conflict ?? null}
        conflictLabels={labels}
      >
        <IndicatorFields fields={fields} standards={standards} />
        <TextField
          field={fields.changeSource}
          label={t('edit.changeSource')}
          hint={t('edit.changeSourceHint')}
          type="url"
        />
      </EntryForm>
      <PeriodTable base={base} periods={loaderData.periods} unit={loaderData.unit} />
    </>
  );
}

type PeriodRow = Route.ComponentProps['loaderData']['periods'][number];

/** The indicator's periods, each with its target and actual and the links to change them. */
function PeriodTable({
  base,
  periods,
  unit,
}: {
  base: string;
  periods: PeriodRow[];
  unit: string | null;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const unitText = unit ? ` ${t(`indicators.units.${unit}` as 'indicators.units.ha')}` : '';
  const value = (v: number | null, comment: string | null) =>
    [v === null ? null : `${format.count(v)}${unitText}`, comment].filter(Boolean).join(' · ') ||
    t('indicatorEditing.notSet');
  return (
    <section aria-labelledby="periods">
      <h2 id="periods">{t('indicatorEditing.periods')}</h2>
      <p>
        <AppLink to={to(`${base}/periods/new`)}>{t('indicatorEditing.addPeriod')}</AppLink>
      </p>
      {periods.length === 0 ? (
        <p>{t('indicatorEditing.noPeriods')}</p>
      ) : (
        <DataTable
          labelledBy="periods"
          columns={[
            t('indicatorEditing.period'),
            t('indicatorEditing.target'),
            t('indicatorEditing.actual'),
            t('edit.actions'),
          ]}
        >
          {periods.map((p) => {
            const period = format.period(
              { value: p.periodStart, precision: p.periodStartPrecision },
              { value: p.periodEnd, precision: p.periodEndPrecision },
            );
            // Each row's links say which period they change (a screen reader lists them apart).
            const which = <span className="visually-hidden"> {period}</span>;
            return (
              <tr key={p.id}>
                <td>{period}</td>
                <td>{value(p.targetValue, p.targetComment)}</td>
                <td>
                  {p.actualValue === null && !p.actualComment
                    ? t('indicators.notReported')
                    : value(p.actualValue, p.actualComment)}
                </td>
                <td>
                  <AppLink to={to(`${base}/periods/${p.id}/edit`)}>
                    {t('edit.edit')}
                    {which}
                  </AppLink>{' '}
                  <AppLink to={to(`${base}/periods/${p.id}/delete`)}>
                    {t('edit.delete')}
                    {which}
                  </AppLink>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}
