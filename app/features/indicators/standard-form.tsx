import { getInputProps, getTextareaProps } from '@conform-to/react';
import { data } from 'react-router';

import {
  createStandardIndicator,
  getStandardForEdit,
  listLinkedUnits,
  listStandardCodes,
  updateStandardIndicator,
} from './standard-indicator-writes.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, FormField, SelectField, TextField } from '../../core/ui/form-field';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { type Conflict, revalidateAfterConflict } from '../../core/forms/conflict';
import { type StandardFormContext, standardFormSchema } from './indicator-forms';
import { standardFormText, standardValuesOf } from './indicator-form-values';
import { changeBy, createAction, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/standard-form';
import { INDICATOR_UNITS } from '../../../db/vocabulary';
import { FormHead } from '../../core/ui/form-head';
import { AppLink } from '../../core/ui/app-link';

// One page adds a standard indicator and edits one (the hub team's vocabulary).

function requireStandard(params: { id?: string }) {
  if (params.id === undefined) return null;
  const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : NaN;
  const standard = Number.isSafeInteger(id) ? getStandardForEdit(id) : undefined;
  if (!standard) throw data(null, { status: 404 });
  return standard;
}

const contextOf = (standard: { id: number } | null): StandardFormContext => ({
  takenCodes: listStandardCodes(standard?.id ?? null),
  linkedUnits: standard ? listLinkedUnits(standard.id) : [],
  editing: standard !== null,
});

export function loader({ params, request, context }: Route.LoaderArgs) {
  const standard = requireStandard(params);
  authorize(context, request, 'standard-indicator.manage');
  return {
    standard: standard && { id: standard.id, code: standard.code, version: standard.version },
    values: standard ? standardFormText(standard) : {},
    context: contextOf(standard),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const standard = requireStandard(params);
  const user = authorize(context, request, 'standard-indicator.manage');
  const schema = standardFormSchema(contextOf(standard));
  const savedTo = (id: number) => `/indicators/standard#standard-${id}`;
  if (!standard) {
    return createAction(request, {
      schema,
      save: ({ changeSource, sourceUrl, ...values }) => {
        const { id } = createStandardIndicator(
          standardValuesOf({ ...values, sourceUrl }),
          sourceUrl ?? null,
          changeBy(user, changeSource),
        );
        return savedTo(id);
      },
    });
  }
  return editAction(request, {
    schema,
    save: ({ version, changeSource, sourceUrl, ...values }) =>
      updateStandardIndicator(
        standard.id,
        version ?? 0,
        standardValuesOf({ ...values, sourceUrl }),
        sourceUrl ?? null,
        changeBy(user, changeSource),
      ),
    saved: (current) => standardFormText(current),
    savedTo: savedTo(standard.id),
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function StandardForm({ loaderData, actionData }: Route.ComponentProps) {
  const { standard } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = standardFormSchema(loaderData.context);
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: loaderData.values,
  });
  const title = standard
    ? t('indicatorEditing.standardEditTitle', { code: standard.code })
    : t('indicatorEditing.standardNewTitle');
  const back = to(
    standard ? `/indicators/standard#standard-${standard.id}` : '/indicators/standard',
  );
  const labels: Record<string, string> = {
    code: t('indicatorEditing.code'),
    title: t('indicatorEditing.titleEnStandard'),
    titleZh: t('indicatorEditing.titleZhStandard'),
    titleDe: t('indicatorEditing.titleDeStandard'),
    definition: t('indicatorEditing.definition'),
    unit: t('indicatorEditing.unit'),
    isAdditive: t('indicatorEditing.isAdditive'),
    sourceUrl: t('indicatorEditing.sourceUrl'),
    position: t('indicatorEditing.standardPosition'),
  };
  const conflict =
    actionData && 'conflict' in actionData ? (actionData.conflict as Conflict) : null;
  return (
    <>
      <FormHead
        title={title}
        back={
          <AppLink to={to('/indicators/standard')}>{t('indicatorEditing.standardTitle')}</AppLink>
        }
        lead={t('indicatorEditing.standardFormLead')}
      />
      <EntryForm
        form={form}
        submitLabel={t('indicatorEditing.submitStandard')}
        cancelTo={back}
        version={standard?.version ?? null}
        conflict={conflict}
        conflictLabels={labels}
        changeSource={standard ? fields.changeSource : undefined}
      >
        <TextField field={fields.code} label={labels.code!} hint={t('indicatorEditing.codeHint')} />
        <TextField field={fields.title} label={labels.title!} />
        <TextField field={fields.titleZh} label={labels.titleZh!} lang="zh-Hans" />
        <TextField field={fields.titleDe} label={labels.titleDe!} lang="de" />
        <FormField
          field={fields.definition}
          label={labels.definition!}
          hint={t('indicatorEditing.definitionHint')}
        >
          <textarea {...getTextareaProps(fields.definition)} rows={3} />
        </FormField>
        <SelectField
          field={fields.unit}
          label={labels.unit!}
          prompt={t('indicatorEditing.noUnit')}
          options={INDICATOR_UNITS.map((u) => ({
            value: u,
            label: `${t(`indicators.unitNames.${u}`)} (${t(`indicators.units.${u}`)})`,
          }))}
        />
        <div className="form-field form-field--check">
          <input
            {...getInputProps(fields.isAdditive, {
              type: 'checkbox',
              ariaDescribedBy: fields.isAdditive.descriptionId,
            })}
          />
          <label htmlFor={fields.isAdditive.id}>{labels.isAdditive}</label>
          <p className="form-field__hint" id={fields.isAdditive.descriptionId}>
            {t('indicatorEditing.isAdditiveHint')}
          </p>
          <FieldErrors id={fields.isAdditive.errorId} errors={fields.isAdditive.errors} />
        </div>
        <TextField
          field={fields.sourceUrl}
          label={labels.sourceUrl!}
          hint={t('indicatorEditing.sourceUrlHint')}
          type="url"
        />
        <TextField
          field={fields.position}
          label={labels.position!}
          hint={t('indicatorEditing.positionHint')}
          inputMode="numeric"
        />
      </EntryForm>
    </>
  );
}
