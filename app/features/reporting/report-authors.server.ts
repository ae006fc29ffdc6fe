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

/**
 * The authors of many projects' reports at once (the notification pass), by project: the same
 * people as reportAuthors(). In two steps, the implementing organisations of the projects, then
 * their implementers: one join of both let SQLite probe every project for every account.
 */
export function reportAuthorsByProject(
  projectIds: number[],
  db: Db = getDb(),
): Map<number, ReportAuthor[]> {
  const byProject = new Map<number, ReportAuthor[]>(projectIds.map((id) => [id, []]));
  const projectsOf = new Map<number, number[]>();
  // In slices: SQLite takes a bounded number of parameters per statement.
  for (let start = 0; start < projectIds.length; start += 500) {
    const links = db
      .selectDistinct({
        projectId: projectOrganisations.projectId,
        organisationId: projectOrganisations.organisationId,
      })
      .from(projectOrganisations)
      .where(
        and(
          inArray(projectOrganisations.projectId, projectIds.slice(start, start + 500)),
          inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]),
        ),
      )
      .all();
    for (const link of links) {
      const list = projectsOf.get(link.organisationId) ?? [];
      list.push(link.projectId);
      projectsOf.set(link.organisationId, list);
    }
  }
  const organisationIds = [...projectsOf.keys()];
  for (let start = 0; start < organisationIds.length; start += 500) {
    const people = db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        language: users.language,
        remindersOff: users.remindersOff,
        organisationId: users.organisationId,
      })
      .from(users)
      .where(
        and(
          eq(users.role, 'implementer'),
          inArray(users.organisationId, organisationIds.slice(start, start + 500)),
        ),
      )
      .orderBy(asc(users.name), asc(users.id))
      .all();
    for (const person of people) {
      const organisationId = person.organisationId!;
      for (const projectId of projectsOf.get(organisationId) ?? []) {
        byProject.get(projectId)!.push({ ...person, organisationId });
      }
    }
  }
  for (const list of byProject.values()) {
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  }
  return byProject;
}
