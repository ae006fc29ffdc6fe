import { and, asc, eq, inArray } from 'drizzle-orm';

import { IMPLEMENTER_PROJECT_ROLES } from '../../core/auth/auth';
import { type Db, getDb } from '../../core/db.server';
import { projectOrganisations, users } from '../../../db/schema';

// Who writes a project's report: the implementers (accounts with the implementer role) whose
// organisation implements the project or is its implementing partner — the same people who may
// report its milestones (canEditMilestones). The hub team (admins, editors) may write any report
// but is not asked.

export interface ReportAuthor {
  id: number;
  name: string;
  email: string;
  language: 'en' | 'zh' | 'de';
  remindersOff: boolean;
  organisationId: number;
}

/** The authors of one project's report, by name. */
export function reportAuthors(projectId: number, db: Db = getDb()): ReportAuthor[] {
  return db
    .selectDistinct({
      id: users.id,
      name: users.name,
      email: users.email,
      language: users.language,
      remindersOff: users.remindersOff,
      organisationId: projectOrganisations.organisationId,
    })
    .from(users)
    .innerJoin(projectOrganisations, eq(projectOrganisations.organisationId, users.organisationId))
    .where(
      and(
        eq(users.role, 'implementer'),
        eq(projectOrganisations.projectId, projectId),
        inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** The projects whose reports one implementer writes (empty for other roles). */
export function projectsAuthoredBy(
  user: { role: string; organisationId: number | null },
  db: Db = getDb(),
): number[] {
  if (user.role !== 'implementer' || user.organisationId === null) return [];
  return db
    .selectDistinct({ projectId: projectOrganisations.projectId })
    .from(projectOrganisations)
    .where(
      and(
        eq(projectOrganisations.organisationId, user.organisationId),
        inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]),
      ),
    )
    .all()
    .map((row) => row.projectId);
}
