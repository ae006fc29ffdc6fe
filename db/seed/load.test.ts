import { readFileSync } from 'node:fs';

import { count, eq } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { beforeEach, describe, expect, test } from 'vitest';

import type { Db } from '../client.server';
import * as t from '../schema';
import { createTestDb } from '../test-factories';
import { type SeedFiles, SeedValidationError, seedPortfolio } from './load';
import { readSeedFiles } from './validate';

interface RawDataset {
  projects: {
    id: string;
    scope: string;
    countries: string[];
    chinaProvinces: string[];
    placeIds: string[];
    titleZh: string | null;
    ikiFundingEUR: number | null;
    [key: string]: unknown;
  }[];
  events: { id: string; projectIds: string[]; [key: string]: unknown }[];
  places: unknown[];
  sources: unknown[];
  organisations: { id: string; projectRoles: { projectId: string; role: string }[] }[];
}

// Expected values come from the JSON file itself, never from the code under test.
const RAW: RawDataset = JSON.parse(
  readFileSync(new URL('./iki-china-projects.json', import.meta.url), 'utf8'),
);

function files(mutate?: (dataset: RawDataset) => void): SeedFiles {
  const base = readSeedFiles();
  const dataset = structuredClone(RAW);
  mutate?.(dataset);
  return { ...base, dataset };
}

/** IKI's standard indicators as published, with the pages that state them. */
const STANDARD = JSON.parse(
  readFileSync(new URL('./standard-indicators.json', import.meta.url), 'utf8'),
) as {
  sources: { slug: string; url: string }[];
  indicators: { code: string; unit: string; additive: boolean; source: string }[];
};

const rows = (db: Db, table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;

describe('seeding the real portfolio', () => {
  let db: Db;
  beforeEach(() => {
    db = createTestDb();
    // createTestDb adds China for factories; the seed brings its own countries.
    db.delete(t.countries).run();
  });

  test('the standard indicators land as published, each citing the page that states it', () => {
    seedPortfolio(db, files());
    const stored = db
      .select({
        code: t.standardIndicators.code,
        unit: t.standardIndicators.unit,
        additive: t.standardIndicators.isAdditive,
        url: t.sources.url,
      })
      .from(t.standardIndicators)
      .innerJoin(t.sources, eq(t.sources.id, t.standardIndicators.sourceId))
      .orderBy(t.standardIndicators.position)
      .all();
    const urlOf = new Map(STANDARD.sources.map((s) => [s.slug, s.url]));
    expect(stored).toEqual(
      STANDARD.indicators.map((i) => ({
        code: i.code,
        unit: i.unit,
        additive: i.additive,
        url: urlOf.get(i.source),
      })),
    );
    // No project of the real portfolio publishes indicator values: none are invented.
    expect(rows(db, t.indicators)).toBe(0);
  });

  test('every record of the JSON lands, with the counts the JSON has', () => {
    seedPortfolio(db, files());
    expect(rows(db, t.projects)).toBe(RAW.projects.length);
    expect(rows(db, t.events)).toBe(RAW.events.length);
    expect(rows(db, t.places)).toBe(RAW.places.length);
    expect(rows(db, t.sources)).toBe(RAW.sources.length + STANDARD.sources.length);
    expect(rows(db, t.organisations)).toBe(RAW.organisations.length);

    const roleLinks = new Set(
      RAW.organisations.flatMap((o) =>
        o.projectRoles.map((r) => `${o.id}|${r.projectId}|${r.role}`),
      ),
    );
    expect(db.select({ n: count() }).from(t.projectOrganisations).get()!.n).toBe(roleLinks.size);

    const countryLinks = RAW.projects.reduce((n, p) => n + p.countries.length, 0);
    expect(db.select({ n: count() }).from(t.projectCountries).get()!.n).toBe(countryLinks);

    const eventLinks = RAW.events.reduce((n, e) => n + new Set(e.projectIds).size, 0);
    expect(db.select({ n: count() }).from(t.eventProjects).get()!.n).toBe(eventLinks);

    const withZh = RAW.projects.filter((p) => p.titleZh).length;
    expect(withZh).toBe(13);
    expect(
      db
        .select({ n: count(t.projects.titleZh) })
        .from(t.projects)
        .get()!.n,
    ).toBe(withZh);

    const funded = RAW.projects.filter((p) => p.ikiFundingEUR !== null).length;
    expect(
      db
        .select({ n: count(t.projects.ikiFundingEur) })
        .from(t.projects)
        .get()!.n,
    ).toBe(funded);

    expect(db.select().from(t.meta).where(eq(t.meta.key, 'dataset-kind')).get()?.value).toBe(
      'real',
    );
  });

  test('unknown values stay unknown: no type becomes "unknown", no funding stays null', () => {
    seedPortfolio(db, files());
    const untyped = RAW.projects
      .filter((p) => p.type === null)
      .map((p) => p.id)
      .sort();
    const stored = db
      .select({ slug: t.projects.slug })
      .from(t.projects)
      .where(eq(t.projects.type, 'unknown'))
      .all()
      .map((r) => r.slug)
      .sort();
    expect(stored).toEqual(untyped);
  });

  test('event dates keep their certainty (verified, year inferred, not published)', () => {
    seedPortfolio(db, files());
    const event = (slug: string) =>
      db.select().from(t.events).where(eq(t.events.slug, slug)).get()!;
    expect(event('iki-china-interface-2024')).toMatchObject({
      startDate: '2024-08-28',
      endDate: '2024-08-29',
      startPrecision: 'day',
      isDateVerified: true,
    });
    expect(event('cement-workshop-anhui-sichuan')).toMatchObject({
      startDate: '2024-10-31',
      isDateVerified: false,
      isYearInferred: true,
    });
    expect(event('inner-mongolia-grant-agreement')).toMatchObject({
      startDate: null,
      startPrecision: null,
      isDateVerified: false,
    });
  });

  test('every event keeps its English title and gets the hub’s Chinese and German ones', () => {
    seedPortfolio(db, files());
    const translations = JSON.parse(
      readFileSync(new URL('./event-title-translations.json', import.meta.url), 'utf8'),
    ) as { translatedBy: string; translations: { eventId: string; zh: string; de: string }[] };
    const stored = new Map(
      db
        .select({
          slug: t.events.slug,
          title: t.events.title,
          titleZh: t.events.titleZh,
          titleDe: t.events.titleDe,
          titleTranslatedBy: t.events.titleTranslatedBy,
        })
        .from(t.events)
        .all()
        .map((e) => [e.slug, e]),
    );
    for (const e of RAW.events) expect(stored.get(e.id)?.title).toBe(e.title);
    for (const tr of translations.translations) {
      expect(stored.get(tr.eventId)).toMatchObject({
        titleZh: tr.zh,
        titleDe: tr.de,
        titleTranslatedBy: translations.translatedBy,
      });
    }
  });

  test('a broken record stops the seed with its name and field, and nothing is written', () => {
    const victim = RAW.projects[3]!;
    let error: unknown;
    try {
      seedPortfolio(
        db,
        files((d) => (d.projects[3]!.startDate = '2020-13')),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as Error).message).toContain(`projects[3] (id "${victim.id}"), field startDate`);
    expect(rows(db, t.projects)).toBe(0);
    expect(rows(db, t.sources)).toBe(0);
    expect(rows(db, t.meta)).toBe(0);
  });

  test('a dangling reference is rejected before anything is written', () => {
    expect(() =>
      seedPortfolio(
        db,
        files((d) => d.events[0]!.projectIds.push('no-such-project')),
      ),
    ).toThrow(/events\[0\].*field projectIds: unknown project "no-such-project"/);
    expect(() =>
      seedPortfolio(
        db,
        files((d) => (d.projects[0]!.chinaProvinces = ['CN-XX'])),
      ),
    ).toThrow(/field chinaProvinces: unknown province "CN-XX"/);
    expect(rows(db, t.projects)).toBe(0);
  });

  test('a failure while writing rolls back everything already written', () => {
    // Valid data, but a country row is in the way: the insert fails half-way through.
    db.insert(t.countries).values({ code: 'DE', alpha3: 'DEU', numeric: '276' }).run();
    expect(() => seedPortfolio(db, files())).toThrow(/UNIQUE/);
    expect(rows(db, t.meta)).toBe(0);
    expect(rows(db, t.projects)).toBe(0);
    expect(rows(db, t.countries)).toBe(1);
  });

  test('the seed refuses a database that already holds projects', () => {
    seedPortfolio(db, files());
    expect(() => seedPortfolio(db, files())).toThrow(/already holds projects/);
    expect(rows(db, t.projects)).toBe(RAW.projects.length);
  });
});

test('the real milestones are derived honestly from published dates and milestone events', () => {
  const db = createTestDb();
  db.delete(t.countries).run();
  seedPortfolio(db, files());
  const raw = RAW as unknown as {
    projects: {
      id: string;
      startDate: string | null;
      endDate: string | null;
      status: string | null;
    }[];
    events: {
      id: string;
      type: string;
      title: string;
      startDate: string | null;
      projectIds: string[];
    }[];
  };
  const rows = db.select().from(t.milestones).all();
  const ofKind = (kind: string) => rows.filter((r) => r.kind === kind);
  expect(ofKind('start')).toHaveLength(raw.projects.filter((p) => p.startDate).length);
  expect(ofKind('closure')).toHaveLength(raw.projects.filter((p) => p.endDate).length);
  // Closures are achieved only where the source says the project is completed.
  const completed = raw.projects.filter((p) => p.endDate && p.status?.startsWith('completed'));
  expect(ofKind('closure').filter((r) => r.status === 'achieved')).toHaveLength(completed.length);
  expect(
    ofKind('closure')
      .filter((r) => r.status !== 'achieved')
      .every((r) => r.status === 'not-reported'),
  ).toBe(true);

  const milestoneEvents = raw.events.filter(
    (e) => ['milestone', 'launch'].includes(e.type) || /kick-?off|\bextension\b/i.test(e.title),
  );
  const eventRows = rows.filter((r) => r.eventId !== null);
  expect(eventRows).toHaveLength(
    milestoneEvents.reduce((n, e) => n + new Set(e.projectIds).size, 0),
  );
  expect(eventRows.every((r) => r.isDerived && r.evidenceUrl)).toBe(true);
  // Ordinary workshops stay events.
  expect(rows.some((r) => /^IKI China Interface and Networking Workshop/.test(r.title))).toBe(
    false,
  );

  const extension = rows.find((r) =>
    r.title.startsWith('Cost-neutral extension of Jiangsu Phase III'),
  );
  expect(extension).toMatchObject({
    kind: 'extension',
    status: 'achieved',
    actualDate: '2023-02-01',
  });
  const undated = rows.find((r) => r.title.startsWith('NDCI grant agreement signed'));
  expect(undated).toMatchObject({ status: 'not-reported', actualDate: null });
});

/** The open-space groups as the file holds them, read apart from the code under test. */
const SESSIONS = JSON.parse(
  readFileSync(new URL('./event-sessions.json', import.meta.url), 'utf8'),
) as {
  translatedBy: string;
  sessions: {
    eventId: string;
    topic: string | null;
    source: string;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    outcomes: string | null;
    organisationIds: string[];
    projectIds: string[];
  }[];
};
const RAW_SOURCES = (RAW.sources as { id: string; url: string }[]).map((s) => ({
  id: s.id,
  url: s.url,
}));

test('the default database holds exactly the sessions of event-sessions.json, as the source says', () => {
  const db = createTestDb();
  db.delete(t.countries).run();
  seedPortfolio(db, files());
  const stored = db
    .select({
      event: t.events.slug,
      topic: t.topics.slug,
      source: t.sources.url,
      title: t.eventSessions.title,
      titleZh: t.eventSessions.titleZh,
      titleDe: t.eventSessions.titleDe,
      translatedBy: t.eventSessions.titleTranslatedBy,
      outcomes: t.eventSessions.outcomes,
    })
    .from(t.eventSessions)
    .innerJoin(t.events, eq(t.events.id, t.eventSessions.eventId))
    .leftJoin(t.topics, eq(t.topics.id, t.eventSessions.topicId))
    .leftJoin(t.sources, eq(t.sources.id, t.eventSessions.sourceId))
    .orderBy(t.eventSessions.position)
    .all();
  const urlOf = new Map(RAW_SOURCES.map((s) => [s.id, s.url]));
  expect(stored).toEqual(
    SESSIONS.sessions.map((s) => ({
      event: s.eventId,
      topic: s.topic,
      source: urlOf.get(s.source),
      title: s.title,
      titleZh: s.titleZh,
      titleDe: s.titleDe,
      translatedBy: SESSIONS.translatedBy,
      outcomes: s.outcomes,
    })),
  );
  // The 2024 workshop's five groups, with no outcomes, organisations or projects invented.
  expect(stored.map((s) => s.topic)).toEqual([
    'gender',
    'project-sustainability',
    'adaptation',
    'public-awareness',
    'green-trade-supply-chains',
  ]);
  expect(stored.every((s) => s.outcomes === null)).toBe(true);
  expect(rows(db, t.eventSessionOrganisations)).toBe(
    SESSIONS.sessions.reduce((n, s) => n + s.organisationIds.length, 0),
  );
  expect(rows(db, t.eventSessionProjects)).toBe(
    SESSIONS.sessions.reduce((n, s) => n + s.projectIds.length, 0),
  );
});
