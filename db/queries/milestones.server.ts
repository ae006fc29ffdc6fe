import { asc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../client.server';
import { milestones, sources } from '../schema';

/** A project's milestones, planned date order; undated ones last. */
export function listMilestonesForProject(projectId: number, db: Db = getDb()) {
  return db
    .select({
      id: milestones.id,
      title: milestones.title,
      kind: milestones.kind,
      plannedDate: milestones.plannedDate,
      plannedPrecision: milestones.plannedPrecision,
      actualDate: milestones.actualDate,
      actualPrecision: milestones.actualPrecision,
      status: milestones.status,
      isDerived: milestones.isDerived,
      sourceUrl: sources.url,
      sourceTitle: sources.title,
    })
    .from(milestones)
    .leftJoin(sources, eq(sources.id, milestones.sourceId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(
      sql`${milestones.plannedDate} IS NULL`,
      asc(milestones.plannedDate),
      asc(milestones.id),
    )
    .all();
}
