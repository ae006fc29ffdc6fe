import { type FieldMetadata, getInputProps, getTextareaProps } from '@conform-to/react';
import type { z } from 'zod';

import { useFormat, useLang, useTranslation } from '../../core/i18n/hooks';
import { TableScroll } from '../../core/ui/data-table';
import { FieldErrors, FormField, TextField } from '../../core/ui/form-field';
import { translatedTitleText } from '../../core/ui/translated-title';
import { INDICATOR_DISAGGREGATIONS } from '../../../db/vocabulary';
import { isQuantitative } from '../indicators/indicator-progress';
import type {
  IndicatorName,
  IndicatorToReport,
  ReportIndicatorUpdate,
} from './report-queries.server';
import { ReviewComment } from './report-view';
import type { reportFormSchema } from './report-forms';

// A report's indicators: the form's fieldset per indicator (its actual for the round's period,
// with what the author needs to know to give one) and the table the read-only report, the review
// and the public "progress reports" block show.

type Names = Pick<IndicatorName, 'title' | 'titleZh' | 'titleDe'>;

function useIndicatorText() {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  return {
    title: (i: Names) => translatedTitleText(lang, { en: i.title, zh: i.titleZh, de: i.titleDe }),
    /** A value with its unit ("1,250 people"), the way every line of the form and table writes it. */
    value: (value: number, unit: IndicatorName['unit']) =>
      unit === 'percent'
        ? `${format.count(value)} %`
        : unit
          ? `${format.count(value)} ${t(`indicators.units.${unit}`)}`
          : format.count(value),
  };
}

type UpdateFields = FieldMetadata<
  NonNullable<z.input<ReturnType<typeof reportFormSchema>>['indicators']>[number]
>;

/** The report form's indicators part: the lead with the round's period, a fieldset each. */
export function IndicatorsFormPart({
  indicators,
  field,
  round,
  comment,
}: {
  indicators: IndicatorToReport[];
  field: FieldMetadata<NonNullable<z.input<ReturnType<typeof reportFormSchema>>['indicators']>>;
  round: { periodStart: string; periodEnd: string };
  comment?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  // A project without indicators (every real one, so far) gets no indicators part at all.
  if (!indicators.length && !comment) return null;
  return (
    <>
      <h2 id="indicators">{t('indicatorReporting.title')}</h2>
      {comment ? <ReviewComment text={comment} /> : null}
      {indicators.length ? (
        <p>
          {t('indicatorReporting.lead', {
            period: format.period(
              { value: round.periodStart, precision: 'day' },
              { value: round.periodEnd, precision: 'day' },
            ),
          })}
        </p>
      ) : (
        <p>{t('indicatorReporting.noIndicators')}</p>
      )}
      {field.getFieldList().map((entry, i) => {
        const indicator = indicators[i];
        return indicator ? (
          <IndicatorActualFields key={entry.key} indicator={indicator} entry={entry} />
        ) : null;
      })}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </>
  );
}

/** One indicator's fieldset in the report form. */
function IndicatorActualFields({
  indicator: i,
  entry,
}: {
  indicator: IndicatorToReport;
  entry: UpdateFields;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useIndicatorText();
  const f = entry.getFieldset();
  const quantitative = isQuantitative(i.measure);
  const dimensions = f.dimensions.getFieldset();
  const baseline =
    i.baselineValue === null
      ? t('indicatorReporting.noBaseline')
      : i.baselineYear
        ? t('indicatorReporting.baselineYear', {
            value: text.value(i.baselineValue, i.unit),
            year: i.baselineYear,
          })
        : t('indicatorReporting.baseline', { value: text.value(i.baselineValue, i.unit) });
  return (
    <fieldset id={`indicator-${i.id}`}>
      <legend>{text.title(i)}</legend>
      <ul className="muted">
        <li>
          {i.unit
            ? t('indicatorReporting.unitLabel', { unit: t(`indicators.unitNames.${i.unit}`) })
            : t('indicators.unitNotStated')}
          {' · '}
          {t(`indicators.measures.${i.measure}`)}
        </li>
        {quantitative ? <li>{baseline}</li> : null}
        {quantitative ? (
          <li>
            {i.target === null
              ? t('indicatorReporting.noTarget')
              : t('indicatorReporting.target', { value: text.value(i.target, i.unit) })}
          </li>
        ) : null}
        <li>
          {i.last
            ? t('indicatorReporting.lastActual', {
                value: text.value(i.last.value, i.unit),
                period: format.period(
                  { value: i.last.periodStart, precision: i.last.periodStartPrecision },
                  { value: i.last.periodEnd, precision: i.last.periodEndPrecision },
                ),
              })
            : t('indicatorReporting.noActualYet')}
        </li>
      </ul>
      <input {...getInputProps(f.indicatorId, { type: 'hidden' })} />
      {quantitative ? (
        <TextField
          field={f.value}
          label={t('indicatorReporting.value')}
          hint={
            i.disaggregation ? t('indicatorReporting.totalHint') : t('indicatorReporting.valueHint')
          }
          inputMode="decimal"
        />
      ) : (
        <>
          <p>{t('indicatorReporting.qualitative')}</p>
          <FieldErrors id={f.value.errorId} errors={f.value.errors} />
        </>
      )}
      {quantitative && i.disaggregation ? (
        <fieldset className="report-dimensions">
          <legend>{t('indicatorReporting.dimensionsLegend')}</legend>
          {INDICATOR_DISAGGREGATIONS[i.disaggregation].map((d) => (
            <TextField
              key={d}
              field={dimensions[d]}
              label={t(`indicators.dimensionValues.${d}`)}
              inputMode="decimal"
            />
          ))}
          <FieldErrors id={f.dimensions.errorId} errors={f.dimensions.errors} />
        </fieldset>
      ) : null}
      <FormField field={f.comment} label={t('indicatorReporting.comment')}>
        <textarea {...getTextareaProps(f.comment)} rows={3} />
      </FormField>
      <TextField
        field={f.evidenceUrl}
        label={t('indicatorReporting.evidenceUrl')}
        hint={t('indicatorReporting.evidenceHint')}
        type="url"
      />
    </fieldset>
  );
}

/** A report's indicator values as a table: which indicator, the actual (and by sex), comment. */
export function ReportIndicatorValues({
  updates,
  names,
  caption,
  heading,
}: {
  updates: (ReportIndicatorUpdate & { indicator?: IndicatorName })[];
  /** The project's indicators (an update names its own when it carries one). */
  names: IndicatorName[];
  caption?: string;
  /** With its own h2; nothing at all when the project has no indicators and the report no values. */
  heading?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const text = useIndicatorText();
  if (heading && !updates.length && !names.length) return null;
  const title = heading ? <h2>{t('indicatorReporting.valuesTitle')}</h2> : null;
  if (!updates.length) {
    return (
      <>
        {title}
        <p>{t('indicatorReporting.noValues')}</p>
      </>
    );
  }
  const table = (
    <TableScroll label={caption ?? t('indicatorReporting.valuesTitle')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('indicatorReporting.indicator')}</th>
            <th scope="col">{t('indicatorReporting.actual')}</th>
            <th scope="col">{t('indicatorReporting.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {updates.map((u) => {
            const indicator = u.indicator ?? names.find((n) => n.id === u.indicatorId);
            const unit = indicator?.unit ?? null;
            const parts = Object.entries(u.actualDimensions ?? {}).map(
              // The unit once, with the total: "120 people (women 70, men 50)".
              ([d, v]) => `${t(`indicators.dimensionValues.${d as 'female'}`)} ${format.count(v)}`,
            );
            return (
              <tr key={u.indicatorId} data-indicator={u.indicatorId}>
                <th scope="row">
                  {indicator
                    ? text.title(indicator)
                    : t('indicatorReporting.removed', { id: u.indicatorId })}
                </th>
                <td>
                  {u.actualValue !== null
                    ? text.value(u.actualValue, unit)
                    : indicator && !isQuantitative(indicator.measure)
                      ? t(`indicators.measures.${indicator.measure}`)
                      : t('indicators.notReported')}
                  {parts.length ? (
                    <span className="muted">
                      {lang === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`}
                    </span>
                  ) : null}
                </td>
                <td>
                  {u.comment ?? ''}
                  {u.evidenceUrl ? (
                    <>
                      {' '}
                      <a href={u.evidenceUrl} rel="noreferrer nofollow">
                        {t('indicatorReporting.evidenceUrl')}
                      </a>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
  return (
    <>
      {title}
      {table}
    </>
  );
}
