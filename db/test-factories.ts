import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Db, openDatabase } from './client.server';
import { migrateDatabase } from './migrate';
import {
  type NewEvent,
  type NewOrganisation,
  type NewPlace,
  type NewProject,
  countries,
  events,
  fundingAreas,
  indicatorPeriods,
  indicators,
  type NewIndicator,
  type NewIndicatorPeriod,
  organisations,
  places,
  projectOrganisations,
  projects,
  provinces,
  topics,
  documents,
  eventSessions,
  knowledgeEntries,
  knowledgeEntryTexts,
  type NewDocument,
} from './schema';
import type { HubLanguage, KnowledgeKind, KnowledgeState } from './vocabulary';

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

/** BMUV and BMU, the ministry it succeeded: one German ministry's line of work. */
export function insertMinistryLine(db: Db) {
  const bmuv = insertOrganisation(db, { slug: 'bmuv', acronym: 'BMUV', kind: 'german-ministry' });
  const bmu = insertOrganisation(db, {
    slug: 'bmu',
    acronym: 'BMU',
    kind: 'german-ministry',
    successorId: bmuv.id,
  });
  return { bmuv, bmu };
}

export function linkOrganisation(
  db: Db,
  projectId: number,
  organisationId: number,
  role: (typeof projectOrganisations.$inferInsert)['role'],
) {
  db.insert(projectOrganisations).values({ projectId, organisationId, role }).run();
}

export function insertTopic(db: Db, overrides: Partial<typeof topics.$inferInsert> = {}) {
  counter += 1;
  return db
    .insert(topics)
    .values({ slug: `topic-${counter}`, name: `Topic ${counter}`, ...overrides })
    .returning()
    .get();
}

/** A province; the code must be unique per test database (e.g. 'CN-AH'). */
export function insertProvince(
  db: Db,
  overrides: Partial<typeof provinces.$inferInsert> & { code: string },
) {
  counter += 1;
  return db
    .insert(provinces)
    .values({
      adcode: String(100000 + counter),
      nameEn: `Province ${counter}`,
      nameZh: `省${counter}`,
      labelLat: 31,
      labelLon: 117,
      ...overrides,
    })
    .returning()
    .get();
}

export function insertPlace(db: Db, overrides: Partial<NewPlace> = {}) {
  counter += 1;
  return db
    .insert(places)
    .values({
      slug: `place-${counter}`,
      nameEn: `Place ${counter}`,
      countryCode: 'CN',
      lat: 30 + (counter % 10),
      lon: 110 + (counter % 10),
      ...overrides,
    })
    .returning()
    .get();
}

export function insertEvent(db: Db, overrides: Partial<NewEvent> = {}) {
  counter += 1;
  return db
    .insert(events)
    .values({
      slug: `event-${counter}`,
      title: `Event ${counter}`,
      type: 'workshop',
      isDateVerified: false,
      ...overrides,
    })
    .returning()
    .get();
}

/** The funding areas mitigation and adaptation, in that order. */
export function insertFundingAreas(db: Db) {
  return db
    .insert(fundingAreas)
    .values([
      { slug: 'mitigation', name: 'Mitigation' },
      { slug: 'adaptation', name: 'Adaptation' },
    ])
    .returning()
    .all();
}

/** An indicator of a project (people trained, ascending, no baseline unless given). */
export function insertIndicator(db: Db, projectId: number, overrides: Partial<NewIndicator> = {}) {
  counter += 1;
  return db
    .insert(indicators)
    .values({
      projectId,
      title: `Indicator ${counter}`,
      unit: 'people',
      measure: 'unit',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...overrides,
    })
    .returning()
    .get();
}

/** A period of an indicator (calendar 2025 unless given). */
export function insertIndicatorPeriod(
  db: Db,
  indicatorId: number,
  overrides: Partial<NewIndicatorPeriod> = {},
) {
  return db
    .insert(indicatorPeriods)
    .values({ indicatorId, periodStart: '2025-01-01', periodEnd: '2025-12-31', ...overrides })
    .returning()
    .get();
}

/** An open-space session at an event. */
export function insertEventSession(
  db: Db,
  eventId: number,
  overrides: Partial<typeof eventSessions.$inferInsert> = {},
) {
  counter += 1;
  return db
    .insert(eventSessions)
    .values({ eventId, title: `Session ${counter}`, position: counter, ...overrides })
    .returning()
    .get();
}

/** A knowledge entry with its original text (title and summary in the entry's language). */
export function insertKnowledgeEntry(
  db: Db,
  overrides: Partial<typeof knowledgeEntries.$inferInsert> & {
    kind?: KnowledgeKind;
    state?: KnowledgeState;
    language?: HubLanguage;
    title?: string;
    summary?: string | null;
  } = {},
) {
  counter += 1;
  const { title, summary, ...row } = overrides;
  const at = '2026-11-01T10:00:00.000Z';
  const entry = db
    .insert(knowledgeEntries)
    .values({
      slug: `entry-${counter}`,
      kind: 'lesson',
      state: 'published',
      language: 'en',
      authorName: 'Author',
      createdAt: at,
      updatedAt: at,
      publishedAt: (overrides.state ?? 'published') === 'published' ? at : null,
      ...row,
    })
    .returning()
    .get();
  db.insert(knowledgeEntryTexts)
    .values({
      entryId: entry.id,
      language: entry.language,
      title: title ?? `Entry ${counter}`,
      summary: summary ?? null,
    })
    .run();
  return entry;
}

/** A linked document (no file), public unless told otherwise. */
export function insertDocument(db: Db, overrides: Partial<NewDocument> = {}) {
  counter += 1;
  return db
    .insert(documents)
    .values({
      title: `Document ${counter}`,
      origin: 'link',
      url: `https://example.org/document-${counter}.pdf`,
      createdAt: '2026-11-01T10:00:00.000Z',
      createdByName: 'setup',
      ...overrides,
    })
    .returning()
    .get();
}
