import type { TFunction } from 'i18next';

import type { StandardTotal } from '../indicators/standard-totals.server';
import { translatedTitleText } from '../../core/ui/translated-title';

// /api/dashboard/indicators.csv: the dashboard's standard-indicator section as rows, one per
// contributing indicator (a standard indicator no project reports gets one row with its counts).

export const INDICATOR_CSV_HEADER = [
  'standard_code',
  'standard_title',
  'standard_unit',
  'standard_additive',
  'projects_linked',
  'projects_reporting',
  'total',
  'no_total_reason',
  'project',
  'project_title',
  'indicator_id',
  'indicator_title',
  'unit',
  'measure',
  'reported_periods',
  'value',
  'value_kind',
];

export function indicatorCsvRows(
  totals: StandardTotal[],
  t: TFunction,
  lang: string,
): (string | number | null)[][] {
  return totals.flatMap((s) => {
    const standard = [
      s.standard.code,
      translatedTitleText(lang, {
        en: s.standard.title,
        zh: s.standard.titleZh,
        de: s.standard.titleDe,
      }),
      s.standard.unit,
      s.standard.isAdditive ? 'yes' : 'no',
      s.linkedProjects,
      s.reportingProjects,
      s.total,
      s.reason ? t(`indicatorViews.noTotal.${s.reason}`) : null,
    ];
    if (s.contributions.length === 0) return [[...standard, ...Array(9).fill(null)]];
    return s.contributions.map((c) => [
      ...standard,
      c.projectSlug,
      translatedTitleText(lang, {
        en: c.projectTitle,
        zh: c.projectTitleZh,
        de: c.projectTitleDe,
      }),
      c.indicatorId,
      translatedTitleText(lang, {
        en: c.indicatorTitle,
        zh: c.indicatorTitleZh,
        de: c.indicatorTitleDe,
      }),
      c.unit,
      c.measure,
      c.reportedPeriods,
      c.value,
      c.valueKind,
    ]);
  });
}
