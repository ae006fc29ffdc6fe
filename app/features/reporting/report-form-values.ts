import type {
  ReportIndicatorUpdate,
  ReportMilestoneUpdate,
  ReportText,
} from './report-queries.server';
import { HUB_LANGUAGES, type HubLanguage, REPORT_SECTIONS } from '../../../db/vocabulary';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import { translatedTitleText } from '../../core/ui/translated-title';
import { isQuantitative } from '../indicators/indicator-progress';
import type { ReportFormValues, ReportedIndicator } from './report-forms';

// Between the report form and the stored report: what the form opens with, and what a valid
// form stores (reports.texts, reports.milestone_updates and reports.indicator_updates; milestones
// and indicator periods change only on approval).

interface OpenMilestone {
  id: number;
  title: string;
  version: number;
}

interface OrganisationRef {
  id: number;
  slug: string;
}

/** An indicator the form asks an actual for. */
export interface FormIndicator extends ReportedIndicator {
  version: number;
}

const numberText = (v?: number | null) => (v === null || v === undefined ? '' : String(v));

/** The stored report as the form's values: every open milestone, and room for one more new one. */
export function formDefaults(
  report: {
    language: HubLanguage | null;
    texts: Partial<Record<HubLanguage, ReportText>>;
    milestoneUpdates: ReportMilestoneUpdate[];
    indicatorUpdates: ReportIndicatorUpdate[];
  },
  milestones: OpenMilestone[],
  organisations: OrganisationRef[],
  pageLanguage: HubLanguage,
  indicators: FormIndicator[] = [],
) {
  const text = (v?: string | null) => v ?? '';
  const added = report.milestoneUpdates.filter((u) => u.milestoneId === null);
  return {
    language: report.language ?? pageLanguage,
    texts: report.texts,
    updates: milestones.map((m) => {
      const u = report.milestoneUpdates.find((x) => x.milestoneId === m.id);
      if (!u) return { milestoneId: String(m.id) };
      return {
        milestoneId: String(m.id),
        status: u.status,
        progress: String(u.progress),
        actualDate: text(u.actualDate),
        revisedDate: text(u.revisedDate),
        comment: text(u.comment),
        evidenceUrl: text(u.evidenceUrl),
      };
    }),
    newMilestones: [
      ...added.map((u) => ({
        title: text(u.title),
        titleZh: text(u.titleZh),
        kind: text(u.kind),
        plannedDate: text(u.plannedDate),
        responsibleOrganisation: organisations.find((o) => o.id === u.responsibleOrganisationId)
          ?.slug,
        evidenceUrl: text(u.evidenceUrl),
        note: text(u.note),
      })),
      { title: '' },
    ],
    indicators: indicators.map((i) => {
      const u = report.indicatorUpdates.find((x) => x.indicatorId === i.id);
      if (!u) return { indicatorId: String(i.id) };
      return {
        indicatorId: String(i.id),
        value: numberText(u.actualValue),
        dimensions: Object.fromEntries(
          Object.entries(u.actualDimensions ?? {}).map(([k, v]) => [k, numberText(v)]),
        ),
        comment: text(u.comment),
        evidenceUrl: text(u.evidenceUrl),
      };
    }),
  };
}

/**
 * The indicators' actuals as the report stores them: one for each indicator given a value, values
 * by dimension, a comment or a link; an indicator left empty is "no value this period" and adds
 * none. A split indicator's empty total is the sum of its values by dimension.
 */
function toIndicatorUpdates(
  value: ReportFormValues,
  indicators: FormIndicator[],
): ReportIndicatorUpdate[] {
  return (value.indicators ?? []).flatMap((u) => {
    const indicator = indicators.find((i) => i.id === u.indicatorId);
    if (!indicator) return [];
    const quantitative = isQuantitative(indicator.measure);
    const dimensions =
      quantitative && indicator.disaggregation
        ? Object.fromEntries(
            Object.entries(u.dimensions ?? {}).filter(
              (entry): entry is [string, number] => entry[1] !== undefined,
            ),
          )
        : {};
    const parts = Object.values(dimensions);
    const actualValue = !quantitative
      ? null
      : // Rounded to what people type: 0.1 + 0.2 is stored as 0.3.
        (u.value ??
        (parts.length ? Number(parts.reduce((a, b) => a + b, 0).toPrecision(12)) : null));
    if (actualValue === null && !u.comment && !u.evidenceUrl) return [];
    return [
      {
        indicatorId: indicator.id,
        indicatorVersion: indicator.version,
        actualValue,
        actualDimensions: parts.length ? dimensions : null,
        comment: u.comment ?? null,
        evidenceUrl: u.evidenceUrl ?? null,
      },
    ];
  });
}

/** A valid form as the report stores it: milestones left at "no change" and empty texts dropped. */
export function toReportContent(
  value: ReportFormValues,
  milestones: OpenMilestone[],
  organisations: OrganisationRef[],
  indicators: FormIndicator[] = [],
) {
  const texts: Partial<Record<HubLanguage, ReportText>> = {};
  for (const lang of HUB_LANGUAGES) {
    const sections = (value.texts?.[lang] ?? {}) as ReportText;
    const kept = Object.fromEntries(
      REPORT_SECTIONS.flatMap((s) => (sections[s] ? [[s, sections[s]]] : [])),
    );
    if (Object.keys(kept).length) texts[lang] = kept;
  }
  const updates: ReportMilestoneUpdate[] = (value.updates ?? []).flatMap((u) =>
    u.status
      ? [
          {
            milestoneId: u.milestoneId,
            milestoneVersion: milestones.find((m) => m.id === u.milestoneId)?.version,
            status: u.status,
            progress: u.status === 'achieved' ? 100 : (u.progress ?? 0),
            actualDate: u.actualDate?.value ?? null,
            actualPrecision: u.actualDate?.precision ?? null,
            revisedDate: u.revisedDate?.value ?? null,
            revisedPrecision: u.revisedDate?.precision ?? null,
            comment: u.comment ?? null,
            evidenceUrl: u.evidenceUrl ?? null,
          },
        ]
      : [],
  );
  const added: ReportMilestoneUpdate[] = (value.newMilestones ?? []).flatMap((m) =>
    m
      ? [
          {
            milestoneId: null,
            title: m.title,
            titleZh: m.titleZh ?? null,
            kind: m.kind,
            plannedDate: m.plannedDate?.value ?? null,
            plannedPrecision: m.plannedDate?.precision ?? null,
            responsibleOrganisationId:
              organisations.find((o) => o.slug === m.responsibleOrganisation)?.id ?? null,
            evidenceUrl: m.evidenceUrl ?? null,
            note: m.note ?? null,
            status: 'planned',
            progress: 0,
          },
        ]
      : [],
  );
  return {
    language: value.language,
    texts,
    milestoneUpdates: [...updates, ...added],
    indicatorUpdates: toIndicatorUpdates(value, indicators),
  };
}

/** What the 409 table calls each field of report-page.server.ts reportFields. */
export function useFieldLabels(
  milestones: { id: number; title: string }[],
  indicators: { id: number; title: string; titleZh: string | null; titleDe: string | null }[] = [],
) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels: Record<string, string> = { language: t('report.writeIn') };
  for (const lang of HUB_LANGUAGES) {
    for (const section of REPORT_SECTIONS) {
      labels[`texts.${lang}.${section}`] =
        `${t(`report.section.${section}`)} (${t(`report.language.${lang}`)})`;
    }
  }
  for (const m of milestones) labels[`milestone.${m.id}`] = m.title;
  for (let n = 1; n <= 20; n++) labels[`new.${n}`] = t('report.newMilestone', { n });
  for (const i of indicators) {
    labels[`indicator.${i.id}`] = translatedTitleText(lang, {
      en: i.title,
      zh: i.titleZh,
      de: i.titleDe,
    });
  }
  return labels;
}
