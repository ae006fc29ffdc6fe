import { type FieldMetadata, getTextareaProps } from '@conform-to/react';
import { data } from 'react-router';

import {
  createIndicatorPeriod,
  getIndicatorForEdit,
  getPeriodForEdit,
  getProjectForIndicatorForm,
  listPeriodSpans,
  updateIndicatorPeriod,
} from './indicator-writes.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, FormField, PartialDateField, TextField } from '../../core/ui/form-field';
import { authorize } from '../../core/auth/authorize.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { type Conflict, revalidateAfterConflict } from '../../core/forms/conflict';
import { type PeriodFormContext, periodFormSchema } from './indicator-forms';
import { periodFormText, periodValuesOf } from './indicator-form-values';
import { changeBy, createAction, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/period-form';
import { INDICATOR_DISAGGREGATIONS } from '../../../db/vocabulary';
import { FormHead } from '../../core/ui/form-head';
import { AppLink } from '../../core/ui/app-link';

// One page adds a period to an indicator and edits one (targets and actuals): the same fields,
// the same rules, one permission.

const id = (text: string | undefined) =>
  text && /^\d{1,15}$/.test(text) ? Number(text) : undefined;

function requirePeriod(params: { slug: string; indicatorId: string; periodId?: string }) {
  const project = getProjectForIndicatorForm(params.slug);
  const indicatorId = id(params.indicatorId);
  const indicator =
    project && indicatorId !== undefined ? getIndicatorForEdit(project.id, indicatorId) : undefined;
  if (!project || !indicator) throw data(null, { status: 404 });
  if (params.periodId === undefined) return { project, indicator, period: null };
  const periodId = id(params.periodId);
  const period = periodId === undefined ? undefined : getPeriodForEdit(indicator.id, periodId);
  if (!period) throw data(null, { status: 404 });
  return { project, indicator, period };
}

function contextOf({ indicator, period }: ReturnType<typeof requirePeriod>): PeriodFormContext {
  return {
    measure: indicator.measure,
    disaggregation: indicator.disaggregation,
    takenPeriods: listPeriodSpans(indicator.id, period?.id ?? null),
    editing: period !== null,
  };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const found = requirePeriod(params);
  const { project, indicator, period } = found;
  authorize(context, request, 'indicator-period.update', { projectId: project.id });
  return {
    project: { slug: project.slug },
    indicator: {
      id: indicator.id,
      title: indicator.title,
      unit: indicator.unit,
      measure: indicator.measure,
      disaggregation: indicator.disaggregation,
    },
    period: period && {
      id: period.id,
      version: period.version,
      periodStart: period.periodStart,
      periodStartPrecision: period.periodStartPrecision,
      periodEnd: period.periodEnd,
      periodEndPrecision: period.periodEndPrecision,
    },
    values: period ? periodFormText(period) : {},
    context: contextOf(found),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const found = requirePeriod(params);
  const { project, indicator, period } = found;
  const user = authorize(context, request, 'indicator-period.update', { projectId: project.id });
  const schema = periodFormSchema(contextOf(found));
  const savedTo = `/projects/${project.slug}/indicators/${indicator.id}/edit#periods`;
  if (!period) {
    return createAction(request, {
      schema,
      save: ({ changeSource, ...values }) => {
        createIndicatorPeriod(indicator.id, periodValuesOf(values), changeBy(user, changeSource));
        return savedTo;
      },
    });
  }
  return editAction(request, {
    schema,
    save: ({ version, changeSource, ...values }) =>
      updateIndicatorPeriod(
        period.id,
        version ?? 0,
        periodValuesOf(values),
        changeBy(user, changeSource),
      ),
    saved: (current) => periodFormText(current),
    // What was sent, normalised as stored ("1,200" and "1200" are the same number).
    sent: (value) => periodFormText(periodValuesOf(value)),
    savedTo,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function PeriodForm({ loaderData, actionData }: Route.ComponentProps) {
  const { project, indicator, period } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const schema = periodFormSchema(loaderData.context);
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: loaderData.values,
  });
  const back = to(`/projects/${project.slug}/indicators/${indicator.id}/edit#periods`);
  const title = period
    ? t('indicatorEditing.periodEditTitle', {
        indicator: indicator.title,
        period: format.period(
          { value: period.periodStart, precision: period.periodStartPrecision },
          { value: period.periodEnd, precision: period.periodEndPrecision },
        ),
      })
    : t('indicatorEditing.periodNewTitle', { indicator: indicator.title });
  const labels = usePeriodLabels();
  const conflict =
    actionData && 'conflict' in actionData ? (actionData.conflict as Conflict) : null;
  const qualitative = indicator.measure === 'qualitative';
  const groups = indicator.disaggregation
    ? INDICATOR_DISAGGREGATIONS[indicator.disaggregation]
    : [];
  const unit = indicator.unit
    ? t('indicatorEditing.unitNote', { unit: t(`indicators.unitNames.${indicator.unit}`) })
    : null;
  const numberHint = [t('indicatorEditing.numberHint'), unit].filter(Boolean).join(' ');
  return (
    <>
      <FormHead
        title={title}
        back={<AppLink to={back}>{indicator.title}</AppLink>}
        lead={t('indicatorEditing.periodLead')}
      />
      <EntryForm
        form={form}
        submitLabel={t('indicatorEditing.submitPeriod')}
        cancelTo={back}
        version={period?.version ?? null}
        conflict={conflict}
        conflictLabels={labels}
      >
        <PartialDateField
          field={fields.periodStart}
          label={labels.periodStart!}
          hint={t('indicatorEditing.periodHint')}
        />
        <PartialDateField
          field={fields.periodEnd}
          label={labels.periodEnd!}
          hint={t('indicatorEditing.periodHint')}
        />
        {qualitative ? <p>{t('indicatorEditing.qualitativeNote')}</p> : null}
        {(['target', 'actual'] as const).map((side) => (
          <fieldset key={side}>
            <legend>{t(`indicatorEditing.${side}`)}</legend>
            {qualitative ? null : (
              <TextField
                field={fields[`${side}Value`]}
                label={labels[`${side}Value`]!}
                hint={numberHint}
                inputMode="decimal"
              />
            )}
            {groups.length && !qualitative ? (
              <DimensionFields
                parts={fields[`${side}Dimensions`].getFieldset()}
                legend={t(`indicatorEditing.${side}By`)}
                groups={groups}
              />
            ) : null}
            <FieldErrors
              id={fields[`${side}Dimensions`].errorId}
              errors={fields[`${side}Dimensions`].errors}
            />
            <FormField field={fields[`${side}Comment`]} label={labels[`${side}Comment`]!}>
              <textarea {...getTextareaProps(fields[`${side}Comment`])} rows={2} />
            </FormField>
          </fieldset>
        ))}
        <TextField
          field={fields.evidenceUrl}
          label={labels.evidenceUrl!}
          hint={t('indicatorEditing.evidenceHint')}
          type="url"
        />
        <TextField
          field={fields.reportedBy}
          label={labels.reportedBy!}
          hint={t('indicatorEditing.reportedByHint')}
        />
        <TextField
          field={fields.changeSource}
          label={t('edit.changeSource')}
          hint={t('edit.changeSourceHint')}
          type="url"
        />
      </EntryForm>
    </>
  );
}

/** The values by group (women, men, other), each its own number field. */
function DimensionFields({
  parts,
  legend,
  groups,
}: {
  parts: Record<string, FieldMetadata<unknown>>;
  legend: string;
  groups: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {groups.map((group) => (
        <TextField
          key={group}
          field={parts[group]!}
          label={t(`indicators.dimensionValues.${group}` as 'indicators.dimensionValues.female')}
          inputMode="decimal"
        />
      ))}
    </fieldset>
  );
}

function usePeriodLabels(): Record<string, string> {
  const { t } = useTranslation();
  const labels: Record<string, string> = {
    periodStart: t('indicatorEditing.periodStart'),
    periodEnd: t('indicatorEditing.periodEnd'),
    targetValue: t('indicatorEditing.targetValue'),
    targetComment: t('indicatorEditing.targetComment'),
    actualValue: t('indicatorEditing.actualValue'),
    actualComment: t('indicatorEditing.actualComment'),
    evidenceUrl: t('indicatorEditing.evidenceUrl'),
    reportedBy: t('indicatorEditing.reportedBy'),
  };
  for (const group of ['female', 'male', 'other'] as const) {
    const name = t(`indicators.dimensionValues.${group}`);
    labels[`targetDimensions.${group}`] = `${labels.targetValue} · ${name}`;
    labels[`actualDimensions.${group}`] = `${labels.actualValue} · ${name}`;
  }
  return labels;
}
