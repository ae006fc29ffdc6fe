import { count, eq } from 'drizzle-orm';

import type { Db } from './client.server';
import * as t from './schema';
import type { Tx } from './writes.server';
import {
  type CountriesFile,
  CountriesFileSchema,
  type ProvincesFile,
  ProvincesFileSchema,
  type StandardIndicatorsFile,
  StandardIndicatorsFileSchema,
  type TopicTagsFile,
  TopicTagsFileSchema,
} from './seed/dataset';
import { insertCountriesAndProvinces, insertInChunks, insertTopics } from './seed/insert';
import { insertStandardIndicators } from './seed/load';
import {
  FUNDING_AREAS,
  type Row,
  demoEvents,
  demoMilestones,
  demoOrganisations,
  demoPlaces,
  random,
} from './seed/synthetic';
import { demoDocuments } from './seed/synthetic-documents';
import { demoIndicators } from './seed/synthetic-indicators';
import { demoProjects } from './seed/synthetic-projects';
import { addDemoIndicatorActuals, demoReportingRounds } from './seed/synthetic-reports';
import { readSeedFiles } from './seed/validate';

export interface DemoOptions {
  projects: number;
  seed?: number;
  /** Documents with extracted text (0: none). */
  documents?: number;
  /** Published knowledge entries (0: none). */
  entries?: number;
  onProgress?: (done: number) => void;
}

/** The seed's reference files, which the synthetic portfolio shares with the real one. */
interface Vocabulary {
  countries: CountriesFile;
  provinces: ProvincesFile;
  topics: TopicTagsFile;
  standardIndicators: StandardIndicatorsFile;
}

function readVocabulary(): Vocabulary {
  const files = readSeedFiles();
  return {
    countries: CountriesFileSchema.parse(files.countries),
    provinces: ProvincesFileSchema.parse(files.provinces),
    // The same editorial topic vocabulary as the real data, so filters work alike on both.
    topics: TopicTagsFileSchema.parse(files.topicTags),
    // IKI's published standard indicators, which the demo's indicators link to.
    standardIndicators: StandardIndicatorsFileSchema.parse(files.standardIndicators),
  };
}

/** Projects go in without their phase links (they point at later rows too), then get them. */
function insertProjects(tx: Tx, projects: Row<typeof t.projects>[]): void {
  insertInChunks(
    tx,
    t.projects,
    projects.map((p) => ({ ...p, predecessorId: null, successorId: null })),
  );
  for (const p of projects) {
    if (p.predecessorId || p.successorId) {
      tx.update(t.projects)
        .set({ predecessorId: p.predecessorId, successorId: p.successorId })
        .where(eq(t.projects.id, p.id!))
        .run();
    }
  }
}

/**
 * Fills an empty database with a deterministic synthetic portfolio of the real data's shapes,
 * marked synthetic in `meta` so that every page says so. Never touches a database with projects.
 */
export function generateDemoPortfolio(
  db: Db,
  { projects: n, seed = 2026, documents = 0, entries = 0, onProgress }: DemoOptions,
) {
  if (!Number.isInteger(n) || n < 1) throw new Error('--projects must be a positive whole number');
  for (const [name, value] of [
    ['documents', documents],
    ['entries', entries],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`--${name} must be a whole number, 0 or more`);
    }
  }
  if (db.select({ n: count() }).from(t.projects).get()!.n > 0) {
    throw new Error('This database already holds projects; demo data goes into its own new file.');
  }
  const rnd = random(seed);
  const vocabulary = readVocabulary();
  const orgs = demoOrganisations(n);
  const places = demoPlaces(rnd, n, vocabulary.provinces);
  const projects = demoProjects(
    n,
    {
      rnd,
      orgs,
      provinces: vocabulary.provinces.provinces,
      places,
      partnerCountries: vocabulary.countries.countries
        .map((c) => c.code)
        .filter((c) => c !== 'CN' && c !== 'DE'),
      topicSlugs: vocabulary.topics.topics.map((topic) => topic.slug),
    },
    onProgress,
  );
  const { milestones, updates } = demoMilestones(rnd, projects.projects);
  const { events, eventProjects, eventPlaces } = demoEvents(rnd, n, vocabulary.provinces, places);
  const reporting = demoReportingRounds(seed, projects.projects, milestones);
  const indicators = demoIndicators(
    seed,
    projects.projects,
    vocabulary.standardIndicators.indicators.map((si, i) => ({
      id: i + 1,
      code: si.code,
      unit: si.unit,
    })),
  );

  db.transaction((tx) => {
    tx.insert(t.meta)
      .values([
        { key: 'dataset-kind', value: 'synthetic' },
        { key: 'dataset-title', value: `Synthetic demo portfolio: ${n} projects (seed ${seed})` },
      ])
      .run();
    insertCountriesAndProvinces(tx, vocabulary.countries, vocabulary.provinces);
    insertInChunks(
      tx,
      t.fundingAreas,
      FUNDING_AREAS.map((name, i) => ({ id: i + 1, slug: name.replace(/ /g, '-'), name })),
    );
    insertTopics(tx, vocabulary.topics);
    insertInChunks(tx, t.organisations, orgs.organisations);
    insertInChunks(tx, t.places, places);
    insertInChunks(tx, t.sources, projects.sources);
    insertProjects(tx, projects.projects);
    insertInChunks(tx, t.projectSources, projects.projectSources);
    insertInChunks(tx, t.projectOrganisations, projects.links);
    insertInChunks(tx, t.projectCountries, projects.projectCountries);
    insertInChunks(tx, t.projectLocations, projects.locations);
    insertInChunks(tx, t.projectTopics, projects.projectTopics);
    insertInChunks(tx, t.projectFundingAreas, projects.projectAreas);
    insertInChunks(tx, t.events, events);
    insertInChunks(tx, t.eventProjects, eventProjects);
    insertInChunks(tx, t.eventPlaces, eventPlaces);
    insertInChunks(tx, t.milestones, milestones);
    insertInChunks(tx, t.progressUpdates, updates);
    insertInChunks(tx, t.reportingRounds, reporting.rounds);
    insertInChunks(tx, t.reports, reporting.reports);
    // After the projects' sources (ids 1…n), as the real seed puts them after its own.
    insertStandardIndicators(tx, vocabulary.standardIndicators, n);
    insertInChunks(tx, t.indicators, indicators.indicators);
    insertInChunks(tx, t.indicatorPeriods, indicators.periods);
    // Last: it reads the indicators and reports inserted above (with no indicators it writes
    // nothing).
    addDemoIndicatorActuals(tx, seed);
    insertDemoDocuments(
      tx,
      seed,
      documents,
      entries,
      projects.projects.map((p) => p.id!),
    );
  });
  return {
    projects: n,
    organisations: orgs.organisations.length,
    places: places.length,
    events: events.length,
    milestones: milestones.length,
    reports: reporting.reports.length,
    indicators: indicators.indicators.length,
    // The generated periods and the open round's periods its approved reports added.
    indicatorPeriods: db.select({ n: count() }).from(t.indicatorPeriods).get()!.n,
    documents,
    entries,
  };
}

/** The synthetic documents (with their text) and knowledge entries, linked to projects and topics. */
function insertDemoDocuments(
  tx: Tx,
  seed: number,
  documents: number,
  entries: number,
  projectIds: number[],
) {
  if (documents === 0 && entries === 0) return;
  const topicIds = tx
    .select({ id: t.topics.id })
    .from(t.topics)
    .all()
    .map((r) => r.id);
  const rows = demoDocuments({ seed, documents, entries, projectIds, topicIds });
  insertInChunks(tx, t.documents, rows.documents);
  insertInChunks(tx, t.documentTexts, rows.texts);
  insertInChunks(tx, t.documentProjects, rows.documentProjects);
  insertInChunks(tx, t.documentTopics, rows.documentTopics);
  insertInChunks(tx, t.knowledgeEntries, rows.entries);
  insertInChunks(tx, t.knowledgeEntryTexts, rows.entryTexts);
  insertInChunks(tx, t.knowledgeEntryTopics, rows.entryTopics);
  insertInChunks(tx, t.knowledgeEntryProjects, rows.entryProjects);
}
