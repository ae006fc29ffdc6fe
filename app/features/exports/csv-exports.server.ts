import { resolveStatus } from '../../../db/dates';
import { csvResponse } from '../../core/csv';
import { EMPTY_FILTER, type FacetOption } from '../../core/filter/filter';
import { getProjectFacets } from '../../core/filter/facets.server';
import { countryName } from '../../core/format';
import { INTL_LOCALE, type Lang, localizePath } from '../../core/i18n/config';
import { officialNameText } from '../../core/ui/official-name';
import { listFilteredMilestones } from '../milestones/milestones.server';
import { listProjectExportRows } from '../projects/projects.server';
import { markerKind } from '../milestones/progress';
import { type Column, type ExportRequest, MAX_ROWS, table } from './export-request';

// projects.csv and milestones.csv: codes and labels side by side (app/core/csv.ts writes them:
// BOM, formulae escaped).

type ProjectRow = ReturnType<typeof listProjectExportRows>[number];
type MilestoneRow = ReturnType<typeof listFilteredMilestones>[number];

/** A milestone's project by its official name in `lang` where sourced, else the English one. */
export const projectTitleIn = (
  lang: Lang,
  m: { projectTitle: string; projectTitleZh: string | null; projectTitleDe: string | null },
) => officialNameText(lang, { en: m.projectTitle, zh: m.projectTitleZh, de: m.projectTitleDe });

/** A milestone's name in `lang`: a derived start or closure by its kind, else its (sourced) title. */
export function milestoneNameIn(
  lang: Lang,
  m: { title: string; titleZh: string | null; kind: string; isDerived: boolean },
  t: ExportRequest['t'],
): string {
  if (m.isDerived && (m.kind === 'start' || m.kind === 'closure'))
    return t(`milestone.kind.${m.kind}`);
  return (lang === 'zh' ? m.titleZh : null) ?? m.title;
}

/** A "; "-joined list of codes as the same list of labels. */
const labelsOf = (codes: string | null, label: (code: string) => string) =>
  codes ? codes.split('; ').map(label).join('; ') : null;

/** A vocabulary's labels in one language (its stored translation, else the English name). */
function vocabularyLabels(options: FacetOption[], lang: Lang): (code: string) => string {
  const names = new Map(
    options.map((o) => [
      o.value,
      (lang === 'zh' ? o.nameZh : lang === 'de' ? o.nameDe : null) ?? o.name,
    ]),
  );
  return (code) => names.get(code) ?? code;
}

export function projectsCsv({ api, t, lang, origin }: ExportRequest): Response {
  const status = (p: ProjectRow) => resolveStatus(p, api.today).status;
  const vocabulary = getProjectFacets(EMPTY_FILTER, api.today);
  const topic = vocabularyLabels(vocabulary.topic, lang);
  const province = vocabularyLabels(vocabulary.province, lang);
  const columns: Column<ProjectRow>[] = [
    ['slug', (p) => p.slug],
    ['iki_project_number', (p) => p.ikiProjectNumber],
    ['title', (p) => p.title],
    ['title_zh', (p) => p.titleZh],
    ['title_de', (p) => p.titleDe],
    // The official name in the language asked for where a source states it, else the English.
    ['title_label', (p) => officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe })],
    ['type', (p) => p.type],
    ['type_label', (p) => t(`type.${p.type}`)],
    ['status', status],
    ['status_label', (p) => t(`status.${status(p)}`)],
    ['start', (p) => p.startDate],
    ['start_precision', (p) => p.startPrecision],
    ['end', (p) => p.endDate],
    ['end_precision', (p) => p.endPrecision],
    ['iki_funding_eur', (p) => p.ikiFundingEur],
    ['funding_areas', (p) => p.fundingAreas],
    [
      'funding_areas_label',
      (p) => labelsOf(p.fundingAreas, (a) => t(`fundingArea.${a as 'mitigation'}`)),
    ],
    ['topics', (p) => p.topics],
    ['topics_label', (p) => labelsOf(p.topics, topic)],
    ['commissioning_ministries', (p) => p.commissioningMinistries],
    ['political_partners', (p) => p.politicalPartners],
    ['implementing_organisations', (p) => p.implementers],
    ['provinces', (p) => p.provinces],
    ['provinces_label', (p) => labelsOf(p.provinces, province)],
    ['countries', (p) => p.countries],
    ['countries_label', (p) => labelsOf(p.countries, (c) => countryName(c, INTL_LOCALE[lang]))],
    ['url', (p) => `${origin}${localizePath(`/projects/${p.slug}`, lang)}`],
  ];
  return csvResponse(table(columns, listProjectExportRows(api.where)), 'iki-china-projects.csv');
}

export function milestonesCsv({ api, t, lang }: ExportRequest): Response {
  const columns: Column<MilestoneRow>[] = [
    ['project', (m) => m.projectSlug],
    ['project_title', (m) => m.projectTitle],
    ['project_title_label', (m) => projectTitleIn(lang, m)],
    ['milestone_id', (m) => m.id],
    ['title', (m) => m.title],
    ['title_label', (m) => milestoneNameIn(lang, m, t)],
    ['kind', (m) => m.kind],
    ['kind_label', (m) => t(`milestone.kind.${m.kind}`)],
    ['status', (m) => m.status],
    ['status_label', (m) => t(`milestoneStatus.${m.status}`)],
    ['progress', (m) => m.progress],
    ['planned', (m) => m.plannedDate],
    ['planned_precision', (m) => m.plannedPrecision],
    ['revised', (m) => m.revisedDate],
    ['revised_precision', (m) => m.revisedPrecision],
    ['actual', (m) => m.actualDate],
    ['actual_precision', (m) => m.actualPrecision],
    ['due_period_ends', (m) => m.dueOn],
    ['overdue', (m) => (markerKind(m, api.today) === 'overdue' ? 'yes' : 'no')],
    ['derived', (m) => (m.isDerived ? 'yes' : 'no')],
  ];
  const rows = listFilteredMilestones(api.where, { limit: MAX_ROWS, offset: 0 });
  return csvResponse(table(columns, rows), 'iki-china-milestones.csv');
}
