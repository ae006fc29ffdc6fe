import { type SQL, and, asc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { indicators, projects, standardIndicators } from '../../../db/schema';
import { portfolioSql } from '../../core/filter/project-filter.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import { projectNameColumns } from '../../../db/columns.server';
import type { IndicatorUnit } from '../../../db/vocabulary';
import { type IndicatorView, listIndicatorsOfProjects } from './indicators.server';

// The indicators of the filtered projects, as /api/indicators and /export/indicators.csv read
// them: one order per filter (by project title, then the project page's order), remembered until
// the data changes, as the milestones' is.

export interface IndicatorSelection {
  /** The shared filter's condition on projects (none: the IKI portfolio). */
  where: SQL | undefined;
  /** A standard indicator's code ('SI 1'): only the indicators linked to it. */
  standard?: string;
  unit?: IndicatorUnit;
}

/** An indicator with its project's slug and names. */
export interface FilteredIndicator extends IndicatorView {
  project: { slug: string; title: string; titleZh: string | null; titleDe: string | null };
}

function selectionSql({ where, standard, unit }: IndicatorSelection): SQL {
  return and(
    portfolioSql(where),
    standard === undefined
      ? undefined
      : sql`${indicators.standardIndicatorId} IN (SELECT ${standardIndicators.id} FROM ${standardIndicators} WHERE ${standardIndicators.code} = ${standard})`,
    unit === undefined ? undefined : eq(indicators.unit, unit),
  )!;
}

/** The selected indicators' ids and projects in list order. */
function filteredIndicatorOrder(selection: IndicatorSelection, db: Db) {
  const condition = selectionSql(selection);
  return cachedQuery(db, `indicator-order:${sqlKey(condition)}`, () =>
    db
      .select({ id: indicators.id, projectId: indicators.projectId })
      .from(indicators)
      .innerJoin(projects, eq(projects.id, indicators.projectId))
      .where(condition)
      .orderBy(asc(projects.title), asc(projects.id), asc(indicators.position), asc(indicators.id))
      .all(),
  );
}

/** How many indicators the selection holds. */
export function countFilteredIndicators(selection: IndicatorSelection, db: Db = getDb()): number {
  return filteredIndicatorOrder(selection, db).length;
}

/** A slice of the selected indicators, each with its periods, progress and project. */
export function listFilteredIndicators(
  selection: IndicatorSelection,
  { limit, offset }: { limit: number; offset: number },
  db: Db = getDb(),
): FilteredIndicator[] {
  const slice = filteredIndicatorOrder(selection, db).slice(offset, offset + limit);
  if (slice.length === 0) return [];
  const projectIds = [...new Set(slice.map((r) => r.projectId))];
  const views = new Map<number, IndicatorView>();
  for (const list of listIndicatorsOfProjects(projectIds, db).values()) {
    for (const view of list) views.set(view.indicator.id, view);
  }
  const names = new Map(
    db
      .select({ id: projects.id, ...projectNameColumns })
      .from(projects)
      // One parameter for any number of ids (SQLite limits bound parameters, not JSON).
      .where(sql`${projects.id} IN (SELECT value FROM json_each(${JSON.stringify(projectIds)}))`)
      .all()
      .map(({ id, ...project }) => [id, project]),
  );
  return slice.map(({ id, projectId }) => ({ ...views.get(id)!, project: names.get(projectId)! }));
}
