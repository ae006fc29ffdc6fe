import { count, eq } from 'drizzle-orm';

import { parsePartialDate, periodEnd, periodStart } from '../dates';
import type { Db } from '../client.server';
import * as t from '../schema';
import type { Tx } from '../writes.server';
import { deriveMilestones } from './derive-milestones';
import { type SeedIds, seedIds, sourceOf } from './ids';
import { insertCountriesAndProvinces, insertInChunks, insertTopics } from './insert';
import {
  insertEventLinks,
  insertProjectLinks,
  insertProjectLocations,
  insertProjectOrganisations,
} from './links';
import { asOfFromTitle, precisionOf, programmeOf, statusOf } from './rows';
import { type SeedFiles, type ValidSeed, readSeedFiles, validateSeed } from './validate';

// seedPortfolio's argument and the error it throws, for its callers.
export { type SeedFiles, SeedValidationError } from './validate';

export interface SeedCounts {
  projects: number;
  events: number;
  places: number;
  sources: number;
  organisations: number;
  projectOrganisations: number;
}

export function countProjects(db: Db): number {
  return db.select({ n: count() }).from(t.projects).get()?.n ?? 0;
}

/** The reference tables: the data set's title, countries, provinces, sources and vocabularies. */
function insertReferenceData(
  tx: Tx,
  { dataset, countries, provinces, topicTags, standardIndicators }: ValidSeed,
  ids: SeedIds,
): void {
  tx.insert(t.meta)
    .values([
      { key: 'dataset-kind', value: 'real' },
      { key: 'dataset-title', value: dataset.meta.title },
      { key: 'dataset-generated', value: dataset.meta.generated },
    ])
    .run();
  insertCountriesAndProvinces(tx, countries, provinces);
  insertInChunks(
    tx,
    t.sources,
    dataset.sources.map((s, i) => {
      const asOf = asOfFromTitle(s.title);
      return {
        id: i + 1,
        slug: s.id,
        url: s.url,
        title: s.title,
        publisher: s.publisher ?? null,
        asOf: asOf?.value ?? null,
        asOfPrecision: asOf?.precision ?? null,
        retrievedOn: dataset.meta.generated,
        retrievedVia: s.retrievedVia ?? null,
        note: s.note ?? s.usedFor ?? null,
      };
    }),
  );
  insertInChunks(
    tx,
    t.fundingAreas,
    [...ids.fundingAreas].map(([slug, name]) => ({ id: ids.fundingArea.get(slug)!, slug, name })),
  );
  // Numbered in file order, as ids.topic numbers them.
  insertTopics(tx, topicTags);
  insertStandardIndicators(tx, standardIndicators, dataset.sources.length);
}

/** IKI's published standard indicators, each with the page that states it (after the data set's sources). */
export function insertStandardIndicators(
  tx: Tx,
  file: ValidSeed['standardIndicators'],
  sourcesBefore: number,
): void {
  const sourceId = new Map(file.sources.map((s, i) => [s.slug, sourcesBefore + i + 1]));
  insertInChunks(
    tx,
    t.sources,
    file.sources.map((s) => ({
      id: sourceId.get(s.slug)!,
      slug: s.slug,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      retrievedOn: file.retrievedOn,
      retrievedVia: 'search tool (stored public page)',
      note: 'standard indicators',
    })),
  );
  insertInChunks(
    tx,
    t.standardIndicators,
    file.indicators.map((si, i) => ({
      id: i + 1,
      code: si.code,
      title: si.title,
      titleDe: si.titleDe,
      definition: si.definition,
      unit: si.unit,
      isAdditive: si.additive,
      sourceId: sourceId.get(si.source)!,
      position: i + 1,
    })),
  );
}

function insertPlaces(tx: Tx, { dataset }: ValidSeed, ids: SeedIds): void {
  insertInChunks(
    tx,
    t.places,
    dataset.places.map((p, i) => ({
      id: i + 1,
      slug: p.id,
      nameEn: p.name_en,
      nameZh: p.name_zh,
      nameZhSource: p.name_zh_source,
      gb2260Code: p.gb2260_code,
      role: p.role,
      provinceCode: p.province_iso_3166_2,
      countryCode: p.country ? ids.countryByAlpha3.get(p.country)! : 'CN',
      lat: p.lat,
      lon: p.lon,
      coordinateSource: p.coordinate_source,
      note: p.note ?? null,
      sourceNote: p.source,
    })),
  );
}

function insertOrganisations(tx: Tx, { dataset, history }: ValidSeed, ids: SeedIds): void {
  insertInChunks(
    tx,
    t.organisations,
    dataset.organisations.map((o, i) => ({
      id: i + 1,
      slug: o.id,
      name: o.name,
      acronym: o.acronym,
      nameZh: o.nameZh,
      nameZhSourceId: sourceOf(ids, o.nameZhSource),
      nameZhNote: o.nameZhNote,
      kind: o.kind,
      countryCode:
        o.country && o.country !== 'international' ? ids.countryByName.get(o.country)! : null,
      isInternational: o.country === 'international',
      aliases: o.namesInProjects,
      sourceId: sourceOf(ids, o.source),
      unverified: o.unverified,
    })),
  );
  for (const s of history.successions) {
    tx.update(t.organisations)
      .set({
        successorId: ids.organisation.get(s.to)!,
        successionYear: s.year,
        successionNote: s.note,
      })
      .where(eq(t.organisations.id, ids.organisation.get(s.from)!))
      .run();
  }
}

function insertProjects(tx: Tx, { dataset, summaryTranslations }: ValidSeed, ids: SeedIds): void {
  const translationOf = new Map(summaryTranslations.translations.map((tr) => [tr.projectId, tr]));
  insertInChunks(
    tx,
    t.projects,
    dataset.projects.map((p, i) => {
      const start = p.startDate ? parsePartialDate(p.startDate) : null;
      const end = p.endDate ? parsePartialDate(p.endDate) : null;
      const { programme, note } = programmeOf(p.fundingProgramme);
      return {
        id: i + 1,
        slug: p.id,
        ikiProjectNumber: p.ikiProjectNumber,
        otherProjectNumbers: p.otherProjectNumbers,
        title: p.title,
        titleSourceId: sourceOf(ids, p.source),
        titleDe: p.titleDe,
        titleDeSourceId: p.titleDe ? sourceOf(ids, p.source) : null,
        titleZh: p.titleZh,
        titleZhSourceId: sourceOf(ids, p.titleZhSource),
        titleZhNote: p.titleZhNote,
        shortName: p.shortName,
        summary: p.summary,
        summaryZh: translationOf.get(p.id)?.zh ?? null,
        summaryDe: translationOf.get(p.id)?.de ?? null,
        summaryTranslatedBy: translationOf.has(p.id) ? summaryTranslations.translatedBy : null,
        type: p.type ?? 'unknown',
        scope: p.scope,
        locationNotes: p.locationNotes,
        statusStated: statusOf(p.status),
        statusSource: p.status,
        startDate: p.startDate,
        startPrecision: precisionOf(p.startDate),
        endDate: p.endDate,
        endPrecision: precisionOf(p.endDate),
        startsOn: start ? periodStart(start) : null,
        endsOn: end ? periodEnd(end) : null,
        durationNotes: p.durationNotes,
        ikiFundingEur: p.ikiFundingEUR,
        fundingNotes: p.fundingNotes,
        programme,
        programmeNote: note,
        sourceId: sourceOf(ids, p.source),
        unverified: p.unverified,
      };
    }),
  );
  // Phases point at each other, so the links go in once every project exists.
  for (const p of dataset.projects) {
    if (!p.predecessor && !p.successor) continue;
    tx.update(t.projects)
      .set({
        predecessorId: p.predecessor ? ids.project.get(p.predecessor)! : null,
        successorId: p.successor ? ids.project.get(p.successor)! : null,
      })
      .where(eq(t.projects.id, ids.project.get(p.id)!))
      .run();
  }
}

function insertEvents(tx: Tx, { dataset, eventTitleTranslations }: ValidSeed, ids: SeedIds): void {
  const { translations, translatedBy } = eventTitleTranslations;
  const translationOf = new Map(translations.map((tr) => [tr.eventId, tr]));
  insertInChunks(
    tx,
    t.events,
    dataset.events.map((e, i) => ({
      id: i + 1,
      slug: e.id,
      title: e.title,
      titleZh: translationOf.get(e.id)?.zh ?? null,
      titleDe: translationOf.get(e.id)?.de ?? null,
      titleTranslatedBy: translationOf.has(e.id) ? translatedBy : null,
      type: e.type,
      startDate: e.startDate,
      startPrecision: precisionOf(e.startDate),
      endDate: e.endDate,
      endPrecision: precisionOf(e.endDate),
      dateText: e.dateText,
      isDateVerified: e.dateVerified,
      isYearInferred: e.yearInferred ?? false,
      dateNote: e.dateNote ?? null,
      city: e.city,
      provinceCode: e.province_iso_3166_2,
      format: e.format,
      organisers: e.organisers,
      participants: e.participants,
      description: e.description,
      sourceId: sourceOf(ids, e.source),
      unverified: e.unverified,
    })),
  );
}

/** The open-space groups of db/seed/event-sessions.json, numbered in file order. */
function insertEventSessions(tx: Tx, { dataset, eventSessions }: ValidSeed, ids: SeedIds): void {
  const urlOf = new Map(dataset.sources.map((s) => [s.id, s.url]));
  const { sessions, translatedBy } = eventSessions;
  insertInChunks(
    tx,
    t.eventSessions,
    sessions.map((s, i) => ({
      id: i + 1,
      eventId: ids.event.get(s.eventId)!,
      title: s.title,
      titleZh: s.titleZh,
      titleDe: s.titleDe,
      titleTranslatedBy: s.titleZh || s.titleDe ? translatedBy : null,
      topicId: s.topic ? ids.topic.get(s.topic)! : null,
      outcomes: s.outcomes,
      sourceId: sourceOf(ids, urlOf.get(s.source)),
      position: i + 1,
    })),
  );
  insertInChunks(
    tx,
    t.eventSessionOrganisations,
    sessions.flatMap((s, i) =>
      s.organisationIds.map((o) => ({
        sessionId: i + 1,
        organisationId: ids.organisation.get(o)!,
      })),
    ),
  );
  insertInChunks(
    tx,
    t.eventSessionProjects,
    sessions.flatMap((s, i) =>
      s.projectIds.map((p) => ({ sessionId: i + 1, projectId: ids.project.get(p)! })),
    ),
  );
}

/**
 * Validates everything, then writes the portfolio in one synchronous transaction:
 * either every record lands or none does. Refuses a database that already holds projects.
 */
export function seedPortfolio(db: Db, files: SeedFiles = readSeedFiles()): SeedCounts {
  const seed = validateSeed(files);
  const ids = seedIds(seed);
  const { dataset } = seed;

  db.transaction((tx) => {
    if (tx.select({ n: count() }).from(t.projects).get()!.n > 0) {
      throw new Error(
        'The database already holds projects; the seed only fills an empty database.',
      );
    }
    insertReferenceData(tx, seed, ids);
    insertPlaces(tx, seed, ids);
    insertOrganisations(tx, seed, ids);
    insertProjects(tx, seed, ids);
    insertProjectLinks(tx, seed, ids);
    insertProjectLocations(tx, seed, ids);
    insertProjectOrganisations(tx, seed, ids);
    insertEvents(tx, seed, ids);
    insertEventLinks(tx, seed, ids);
    insertEventSessions(tx, seed, ids);
    insertInChunks(
      tx,
      t.milestones,
      deriveMilestones(dataset, {
        project: (slug) => ids.project.get(slug)!,
        event: (slug) => ids.event.get(slug)!,
        source: (url) => ids.source.get(url) ?? null,
      }),
    );
  });

  return {
    projects: dataset.projects.length,
    events: dataset.events.length,
    places: dataset.places.length,
    sources: dataset.sources.length,
    organisations: dataset.organisations.length,
    projectOrganisations: db.select({ n: count() }).from(t.projectOrganisations).get()!.n,
  };
}
