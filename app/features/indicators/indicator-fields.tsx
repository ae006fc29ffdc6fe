import { type FieldMetadata, getTextareaProps } from '@conform-to/react';

import { FormField, SelectField, TextField } from '../../core/ui/form-field';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import {
  DISAGGREGATION_NAMES,
  INDICATOR_MEASURES,
  INDICATOR_UNITS,
  RESULT_TYPES,
} from '../../../db/vocabulary';

// The fields of an indicator, shared by "add an indicator" and "edit an indicator" (not a route).

type IndicatorField =
  | 'title'
  | 'titleZh'
  | 'titleDe'
  | 'description'
  | 'measure'
  | 'unit'
  | 'direction'
  | 'standardIndicator'
  | 'disaggregation'
  | 'resultType'
  | 'resultTitle'
  | 'baselineValue'
  | 'baselineYear'
  | 'baselineDate'
  | 'baselineComment'
  | 'position';

/** A standard indicator as the form offers it. */
export interface StandardOption {
  id: number;
  code: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  unit: string | null;
}

/** The labels of the form's fields (the 409 table names the fields with them too). */
export function useIndicatorLabels(): Record<IndicatorField, string> {
  const { t } = useTranslation();
  return {
    title: t('indicatorEditing.titleEn'),
    titleZh: t('indicatorEditing.titleZh'),
    titleDe: t('indicatorEditing.titleDe'),
    description: t('indicatorEditing.description'),
    measure: t('indicatorEditing.measure'),
    unit: t('indicatorEditing.unit'),
    direction: t('indicatorEditing.direction'),
    standardIndicator: t('indicatorEditing.standardIndicator'),
    disaggregation: t('indicatorEditing.disaggregation'),
    resultType: t('indicatorEditing.resultType'),
    resultTitle: t('indicatorEditing.resultTitle'),
    baselineValue: t('indicatorEditing.baselineValue'),
    baselineYear: t('indicatorEditing.baselineYear'),
    baselineDate: t('indicatorEditing.baselineDate'),
    baselineComment: t('indicatorEditing.baselineComment'),
    position: t('indicatorEditing.position'),
  };
}

export function IndicatorFields({
  fields,
  standards,
}: {
  fields: Record<IndicatorField, FieldMetadata<unknown>>;
  standards: StandardOption[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useIndicatorLabels();
  const standardName = (s: StandardOption) => {
    const name = (lang === 'zh' ? s.titleZh : lang === 'de' ? s.titleDe : null) ?? s.title;
    const unit = s.unit ? ` (${t(`indicators.units.${s.unit}` as 'indicators.units.ha')})` : '';
    return `${s.code} — ${name}${unit}`;
  };
  return (
    <>
      <TextField field={fields.title} label={labels.title} />
      <TextField
        field={fields.titleZh}
        label={labels.titleZh}
        hint={t('indicatorEditing.titleHint')}
        lang="zh-Hans"
      />
      <TextField
        field={fields.titleDe}
        label={labels.titleDe}
        hint={t('indicatorEditing.titleHint')}
        lang="de"
      />
      <FormField field={fields.description} label={labels.description}>
        <textarea {...getTextareaProps(fields.description)} rows={3} />
      </FormField>
      <SelectField
        field={fields.measure}
        label={labels.measure}
        hint={t('indicatorEditing.measureHint')}
        prompt={t('form.choosePrompt')}
        options={INDICATOR_MEASURES.map((m) => ({
          value: m,
          label: t(`indicators.measures.${m}`),
        }))}
      />
      <SelectField
        field={fields.unit}
        label={labels.unit}
        hint={t('indicatorEditing.unitHint')}
        prompt={t('indicatorEditing.noUnit')}
        options={INDICATOR_UNITS.map((u) => ({
          value: u,
          label: `${t(`indicators.unitNames.${u}`)} (${t(`indicators.units.${u}`)})`,
        }))}
      />
      <SelectField
        field={fields.direction}
        label={labels.direction}
        options={(['ascending', 'descending'] as const).map((d) => ({
          value: d,
          label: t(`indicators.direction.${d}`),
        }))}
      />
      <SelectField
        field={fields.standardIndicator}
        label={labels.standardIndicator}
        hint={t('indicatorEditing.standardHint')}
        prompt={t('indicatorEditing.noStandard')}
        options={standards.map((s) => ({ value: String(s.id), label: standardName(s) }))}
      />
      <SelectField
        field={fields.disaggregation}
        label={labels.disaggregation}
        hint={t('indicatorEditing.disaggregationHint')}
        prompt={t('indicatorEditing.noDisaggregation')}
        options={DISAGGREGATION_NAMES.map((d) => ({
          value: d,
          label: t(`indicators.disaggregations.${d}`),
        }))}
      />
      <SelectField
        field={fields.resultType}
        label={labels.resultType}
        prompt={t('indicatorEditing.noResultType')}
        options={RESULT_TYPES.map((r) => ({ value: r, label: t(`indicators.resultTypes.${r}`) }))}
      />
      <TextField
        field={fields.resultTitle}
        label={labels.resultTitle}
        hint={t('indicatorEditing.resultTitleHint')}
      />
      <fieldset>
        <legend>{t('indicatorEditing.baseline')}</legend>
        <TextField
          field={fields.baselineValue}
          label={labels.baselineValue}
          hint={t('indicatorEditing.numberHint')}
          inputMode="decimal"
        />
        <TextField field={fields.baselineYear} label={labels.baselineYear} inputMode="numeric" />
        <TextField
          field={fields.baselineDate}
          label={labels.baselineDate}
          hint={t('indicatorEditing.baselineDateHint')}
          inputMode="numeric"
        />
        <FormField field={fields.baselineComment} label={labels.baselineComment}>
          <textarea {...getTextareaProps(fields.baselineComment)} rows={2} />
        </FormField>
      </fieldset>
      <TextField
        field={fields.position}
        label={labels.position}
        hint={t('indicatorEditing.positionHint')}
        inputMode="numeric"
      />
    </>
  );
}
