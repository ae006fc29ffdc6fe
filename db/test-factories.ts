import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Db, openDatabase } from './client.server';
import { migrateDatabase } from './migrate';
import {
  type NewOrganisation,
  type NewProject,
  countries,
  organisations,
  projectOrganisations,
  projects,
} from './schema';

/** A fresh, migrated, empty SQLite file for one test file. */
export function createTestDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'iki-hub-test-'));
  const db = openDatabase(join(dir, 'test.sqlite'));
  migrateDatabase(db);
  db.insert(countries).values({ code: 'CN', alpha3: 'CHN', numeric: '156' }).run();
  return db;
}

let counter = 0;

export function insertProject(db: Db, overrides: Partial<NewProject> = {}) {
  counter += 1;
  return db
    .insert(projects)
    .values({ slug: `project-${counter}`, title: `Project ${counter}`, ...overrides })
    .returning()
    .get();
}

export function insertOrganisation(db: Db, overrides: Partial<NewOrganisation> = {}) {
  counter += 1;
  return db
    .insert(organisations)
    .values({
      slug: `org-${counter}`,
      name: `Organisation ${counter}`,
      kind: 'partner',
      ...overrides,
    })
    .returning()
    .get();
}

export function linkOrganisation(
  db: Db,
  projectId: number,
  organisationId: number,
  role: (typeof projectOrganisations.$inferInsert)['role'],
) {
  db.insert(projectOrganisations).values({ projectId, organisationId, role }).run();
}
