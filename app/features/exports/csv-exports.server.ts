import { resolveStatus } from '../../../db/dates';
import { csvResponse } from '../../core/csv';
import { listFilteredMilestones } from '../milestones/milestones.server';
import { listProjectExportRows } from '../projects/projects.server';
import { markerKind } from '../milestones/progress';
import { type Column, type ExportRequest, MAX_ROWS, table } from './export-request';

// projects.csv and milestones.csv: codes and labels side by side (app/core/csv.ts writes them:
// BOM, formulae escaped).

type ProjectRow = ReturnType<typeof listProjectExportRows>[number];
type MilestoneRow = ReturnType<typeof listFilteredMilestones>[number];

export function projectsCsv({ api, t, origin }: ExportRequest): Response {
  const status = (p: ProjectRow) => resolveStatus(p, api.today).status;
  const columns: Column<ProjectRow>[] = [
    ['slug', (p) => p.slug],
    ['iki_project_number', (p) => p.ikiProjectNumber],
    ['title', (p) => p.title],
    ['title_zh', (p) => p.titleZh],
    ['title_de', (p) => p.titleDe],
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
    ['topics', (p) => p.topics],
    ['commissioning_ministries', (p) => p.commissioningMinistries],
    ['political_partners', (p) => p.politicalPartners],
    ['implementing_organisations', (p) => p.implementers],
    ['provinces', (p) => p.provinces],
    ['countries', (p) => p.countries],
    ['url', (p) => `${origin}/projects/${p.slug}`],
  ];
  return csvResponse(table(columns, listProjectExportRows(api.where)), 'iki-china-projects.csv');
}

export function milestonesCsv({ api, t }: ExportRequest): Response {
  const columns: Column<MilestoneRow>[] = [
    ['project', (m) => m.projectSlug],
    ['project_title', (m) => m.projectTitle],
    ['milestone_id', (m) => m.id],
    ['title', (m) => m.title],
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
