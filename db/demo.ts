import { count, eq } from 'drizzle-orm';

import { periodEnd, periodStart } from './dates';
import type { DatePrecision, OrganisationKind, ProjectRole, ProjectType } from './vocabulary';
import type { Db } from './client.server';
import * as t from './schema';
import { CountriesFileSchema, ProvincesFileSchema, TopicTagsFileSchema } from './seed/dataset';
import { insertInChunks } from './seed/insert';
import { readSeedFiles } from './seed/validate';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same portfolio. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const FUNDING_AREAS = ['mitigation', 'adaptation', 'natural carbon sinks', 'biodiversity'];
const EVENT_TYPES = ['workshop', 'study tour', 'conference', 'training', 'forum', 'meeting'];
const WORDS = [
  'Low-Carbon',
  'Resilient',
  'Green',
  'Climate-Smart',
  'Sustainable',
  'Integrated',
  'Clean',
  'Efficient',
  'Circular',
  'Nature-Based',
];
const SUBJECTS = [
  'Cities',
  'Transport',
  'Buildings',
  'Industry Parks',
  'Power Markets',
  'Wetlands',
  'Cooling',
  'Finance',
  'Supply Chains',
  'Forests',
  'Coasts',
  'Heating',
];

export interface DemoOptions {
  projects: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

/**
 * Fills an empty database with a deterministic synthetic portfolio of the real data's shapes,
 * marked synthetic in `meta` so that every page says so. Never touches a database with projects.
 */
export function generateDemoPortfolio(
  db: Db,
  { projects: n, seed = 2026, onProgress }: DemoOptions,
) {
  if (!Number.isInteger(n) || n < 1) throw new Error('--projects must be a positive whole number');
  if (db.select({ n: count() }).from(t.projects).get()!.n > 0) {
    throw new Error('This database already holds projects; demo data goes into its own new file.');
  }
  const rnd = random(seed);
  const files = readSeedFiles();
  const { countries } = CountriesFileSchema.parse(files.countries);
  const { provinces } = ProvincesFileSchema.parse(files.provinces);
  // The same editorial topic vocabulary as the real data, so filters work alike on both.
  const topicVocabulary = TopicTagsFileSchema.parse(files.topicTags).topics;
  const topicSlugs = topicVocabulary.map((topic) => topic.slug);
  const partnerCountries = countries.map((c) => c.code).filter((c) => c !== 'CN' && c !== 'DE');

  const organisations: (typeof t.organisations.$inferInsert)[] = [];
  const addOrgs = (
    kind: OrganisationKind,
    label: string,
    howMany: number,
    country: string | null,
  ) => {
    for (let i = 1; i <= howMany; i++) {
      const id = organisations.length + 1;
      organisations.push({
        id,
        slug: `demo-${kind}-${i}`,
        name: `Demo ${label} ${i}`,
        acronym: `D${label.slice(0, 2).toUpperCase()}${i}`,
        kind,
        countryCode: country,
        aliases: [],
        unverified: [],
      });
    }
  };
  addOrgs('german-ministry', 'German Ministry', 4, 'DE');
  addOrgs('chinese-ministry', 'Chinese Ministry', 8, 'CN');
  addOrgs('implementing-organisation', 'Implementer', Math.max(3, Math.ceil(n / 200)), 'DE');
  addOrgs('agency', 'Agency', Math.max(5, Math.ceil(n / 100)), 'CN');
  addOrgs('partner', 'Partner', Math.max(10, Math.ceil(n / 20)), null);
  const byKind = (kind: OrganisationKind) =>
    organisations.filter((o) => o.kind === kind).map((o) => o.id!);
  const ministriesDe = byKind('german-ministry');
  const ministriesCn = byKind('chinese-ministry');
  const implementers = byKind('implementing-organisation');
  const partners = [...byKind('agency'), ...byKind('partner')];

  const places = Array.from({ length: Math.max(60, Math.ceil(n / 20)) }, (_, i) => {
    const province = rnd.pick(provinces);
    return {
      id: i + 1,
      slug: `demo-place-${i + 1}`,
      nameEn: `Demo City ${i + 1}`,
      provinceCode: province.code,
      countryCode: 'CN',
      lat: Math.round((province.labelLat + (rnd.next() - 0.5) * 2) * 1e4) / 1e4,
      lon: Math.round((province.labelLon + (rnd.next() - 0.5) * 2) * 1e4) / 1e4,
      role: 'synthetic demo place',
    };
  });

  const partialDate = (year: number): { value: string; precision: DatePrecision } => {
    const r = rnd.next();
    if (r < 0.3) return { value: String(year), precision: 'year' };
    const month = String(rnd.int(1, 12)).padStart(2, '0');
    if (r < 0.85) return { value: `${year}-${month}`, precision: 'month' };
    return {
      value: `${year}-${month}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      precision: 'day',
    };
  };

  const projectRows: (typeof t.projects.$inferInsert)[] = [];
  const links: (typeof t.projectOrganisations.$inferInsert)[] = [];
  const projectCountries: (typeof t.projectCountries.$inferInsert)[] = [];
  const locations: (typeof t.projectLocations.$inferInsert)[] = [];
  const projectTopics: (typeof t.projectTopics.$inferInsert)[] = [];
  const projectAreas: (typeof t.projectFundingAreas.$inferInsert)[] = [];
  const projectSources: (typeof t.projectSources.$inferInsert)[] = [];
  const sources: (typeof t.sources.$inferInsert)[] = [];

  for (let i = 1; i <= n; i++) {
    const r = rnd.next();
    const type: ProjectType =
      r < 0.75 ? 'bilateral' : r < 0.87 ? 'regional' : r < 0.92 ? 'global' : 'unknown';
    const hasDates = rnd.chance(0.9);
    const startYear = rnd.int(2008, 2028);
    const start = hasDates ? partialDate(startYear) : null;
    const end = hasDates && rnd.chance(0.95) ? partialDate(startYear + rnd.int(1, 8)) : null;
    const link = (organisationId: number, role: ProjectRole) =>
      links.push({ projectId: i, organisationId, role, asStatedBy: 'synthetic' });

    sources.push({
      id: i,
      slug: `demo-source-${i}`,
      url: `https://example.org/demo/projects/${i}`,
      title: `Synthetic source for demo project ${i}`,
      publisher: 'synthetic',
      retrievedOn: '2026-11-29',
    });
    projectSources.push({ projectId: i, sourceId: i, position: 0 });
    projectRows.push({
      id: i,
      slug: `demo-${i}`,
      ikiProjectNumber: rnd.chance(0.7)
        ? `${String(startYear % 100).padStart(2, '0')}_I_${String(i % 1000).padStart(3, '0')}`
        : null,
      title: `${rnd.pick(WORDS)} ${rnd.pick(SUBJECTS)} in China — demo project ${i}`,
      titleSourceId: i,
      titleZh: rnd.chance(0.5) ? `示例项目 ${i}` : null,
      titleZhSourceId: null,
      shortName: `Demo ${i}`,
      summary: `Synthetic project ${i}, generated for scale tests. Not a real project.`,
      type,
      scope: 'synthetic',
      statusStated: rnd.chance(0.1) ? 'completed' : null,
      statusSource: null,
      startDate: start?.value ?? null,
      startPrecision: start?.precision ?? null,
      endDate: end?.value ?? null,
      endPrecision: end?.precision ?? null,
      startsOn: start ? periodStart(start) : null,
      endsOn: end ? periodEnd(end) : null,
      ikiFundingEur: rnd.chance(0.6) ? rnd.int(5, 250) * 100_000 : null,
      programme: 'IKI',
      // Every tenth project continues an earlier one, as phases do.
      predecessorId: i > 10 && i % 10 === 0 ? i - rnd.int(1, 9) : null,
      sourceId: i,
      unverified: [],
    });
    projectRows[i - 1]!.statusSource = projectRows[i - 1]!.statusStated ? 'synthetic' : null;

    link(rnd.pick(implementers), 'implementing-organisation');
    link(rnd.pick(ministriesDe), 'commissioning-ministry');
    rnd.some(ministriesCn, rnd.int(0, 2)).forEach((id) => link(id, 'political-partner'));
    rnd.some(partners, rnd.int(0, 3)).forEach((id) => link(id, 'implementing-partner'));

    projectCountries.push({ projectId: i, countryCode: 'CN' });
    if (type === 'regional') {
      rnd
        .some(partnerCountries, rnd.int(1, 4))
        .forEach((code) => projectCountries.push({ projectId: i, countryCode: code }));
    }
    if (rnd.chance(0.3)) locations.push({ projectId: i, kind: 'country', countryCode: 'CN' });
    rnd
      .some(provinces, rnd.int(0, 3))
      .forEach((p) => locations.push({ projectId: i, kind: 'province', provinceCode: p.code }));
    rnd
      .some(places, rnd.int(0, 2))
      .forEach((p) => locations.push({ projectId: i, kind: 'place', placeId: p.id }));
    rnd.some(topicSlugs, rnd.int(1, 3)).forEach((slug) =>
      projectTopics.push({
        projectId: i,
        topicId: topicSlugs.indexOf(slug) + 1,
        reason: 'synthetic',
      }),
    );
    rnd.some(FUNDING_AREAS, rnd.int(1, 2)).forEach((area) =>
      projectAreas.push({
        projectId: i,
        fundingAreaId: FUNDING_AREAS.indexOf(area) + 1,
        isInferred: true,
      }),
    );
    onProgress?.(i);
  }
  // Successors mirror predecessors.
  for (const p of projectRows)
    if (p.predecessorId) projectRows[p.predecessorId - 1]!.successorId = p.id;

  // About five milestones per project, with a progress log where something was reported.
  const milestoneRows: (typeof t.milestones.$inferInsert)[] = [];
  const updateRows: (typeof t.progressUpdates.$inferInsert)[] = [];
  const KINDS = ['kick-off', 'deliverable', 'mid-term-review', 'deliverable', 'extension'] as const;
  const STATUSES = [
    'achieved',
    'achieved',
    'in-progress',
    'planned',
    'delayed',
    'not-reported',
    'cancelled',
  ] as const;
  const isoDay = (year: number, month: number, day: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  for (const project of projectRows) {
    const startYear = project.startsOn ? Number(project.startsOn.slice(0, 4)) : rnd.int(2010, 2026);
    for (let k = 0; k < 5; k++) {
      const id = milestoneRows.length + 1;
      const status = rnd.pick(STATUSES);
      const plannedYear = startYear + k;
      const planned = isoDay(plannedYear, rnd.int(1, 12), rnd.int(1, 28));
      const isAchieved = status === 'achieved';
      const actual = isAchieved
        ? isoDay(plannedYear + rnd.int(0, 1), rnd.int(1, 12), rnd.int(1, 28))
        : null;
      const revised =
        status === 'delayed'
          ? `${plannedYear + 1}-${String(rnd.int(1, 12)).padStart(2, '0')}`
          : null;
      const progress = isAchieved
        ? 100
        : status === 'in-progress' || status === 'delayed'
          ? rnd.int(10, 90)
          : 0;
      milestoneRows.push({
        id,
        projectId: project.id!,
        title: `Demo milestone ${k + 1} of project ${project.id}`,
        kind: KINDS[k]!,
        plannedDate: planned,
        plannedPrecision: 'day',
        revisedDate: revised,
        revisedPrecision: revised ? 'month' : null,
        actualDate: actual,
        actualPrecision: actual ? 'day' : null,
        status,
        progress,
        isDerived: false,
        note: 'synthetic',
      });
      if (status !== 'not-reported' && status !== 'planned') {
        const steps = rnd.int(1, 3);
        let previous: { status: (typeof STATUSES)[number] | null; progress: number | null } = {
          status: null,
          progress: null,
        };
        for (let step = 1; step <= steps; step++) {
          const isLast = step === steps;
          const toStatus = isLast ? status : 'in-progress';
          const toProgress = isLast ? progress : Math.round((progress * step) / (steps + 1));
          updateRows.push({
            milestoneId: id,
            recordedAt: `${isoDay(plannedYear, rnd.int(1, 12), rnd.int(1, 28))}T09:00:00Z`,
            recordedBy: 'synthetic reporter',
            fromStatus: previous.status,
            toStatus,
            fromProgress: previous.progress,
            toProgress,
            comment: 'synthetic update',
          });
          previous = { status: toStatus, progress: toProgress };
        }
      }
    }
  }

  const eventCount = Math.ceil(n / 2);
  const events = Array.from({ length: eventCount }, (_, i) => {
    const date = rnd.chance(0.9) ? partialDate(rnd.int(2010, 2027)) : null;
    return {
      id: i + 1,
      slug: `demo-event-${i + 1}`,
      title: `Demo ${rnd.pick(EVENT_TYPES)} ${i + 1}`,
      type: rnd.pick(EVENT_TYPES),
      startDate: date?.value ?? null,
      startPrecision: date?.precision ?? null,
      dateText: date ? null : 'synthetic: no date',
      isDateVerified: date !== null,
      provinceCode: rnd.pick(provinces).code,
      unverified: [],
    };
  });
  const eventProjects = events.flatMap((e) =>
    [...new Set([rnd.int(1, n), rnd.int(1, n)])]
      .slice(0, rnd.int(1, 2))
      .map((projectId) => ({ eventId: e.id, projectId })),
  );
  const eventPlaces = events.flatMap((e) =>
    rnd.chance(0.6) ? [{ eventId: e.id, placeId: rnd.pick(places).id }] : [],
  );

  db.transaction((tx) => {
    tx.insert(t.meta)
      .values([
        { key: 'dataset-kind', value: 'synthetic' },
        { key: 'dataset-title', value: `Synthetic demo portfolio: ${n} projects (seed ${seed})` },
      ])
      .run();
    tx.insert(t.countries)
      .values(countries.map(({ code, alpha3, numeric }) => ({ code, alpha3, numeric })))
      .run();
    tx.insert(t.provinces).values(provinces).run();
    insertInChunks(
      tx,
      t.fundingAreas,
      FUNDING_AREAS.map((name, i) => ({ id: i + 1, slug: name.replace(/ /g, '-'), name })),
    );
    insertInChunks(
      tx,
      t.topics,
      topicVocabulary.map((topic, i) => ({
        id: i + 1,
        slug: topic.slug,
        name: topic.en,
        nameZh: topic.zh,
        nameDe: topic.de,
      })),
    );
    insertInChunks(tx, t.organisations, organisations);
    insertInChunks(tx, t.places, places);
    insertInChunks(tx, t.sources, sources);
    // Phases reference later rows too, so projects go in without links and get them after.
    insertInChunks(
      tx,
      t.projects,
      projectRows.map((p) => ({ ...p, predecessorId: null, successorId: null })),
    );
    for (const p of projectRows) {
      if (p.predecessorId || p.successorId) {
        tx.update(t.projects)
          .set({ predecessorId: p.predecessorId, successorId: p.successorId })
          .where(eq(t.projects.id, p.id!))
          .run();
      }
    }
    insertInChunks(tx, t.projectSources, projectSources);
    insertInChunks(tx, t.projectOrganisations, links);
    insertInChunks(tx, t.projectCountries, projectCountries);
    insertInChunks(tx, t.projectLocations, locations);
    insertInChunks(tx, t.projectTopics, projectTopics);
    insertInChunks(tx, t.projectFundingAreas, projectAreas);
    insertInChunks(tx, t.events, events);
    insertInChunks(tx, t.eventProjects, eventProjects);
    insertInChunks(tx, t.eventPlaces, eventPlaces);
    insertInChunks(tx, t.milestones, milestoneRows);
    insertInChunks(tx, t.progressUpdates, updateRows);
  });
  return {
    projects: n,
    organisations: organisations.length,
    places: places.length,
    events: eventCount,
    milestones: milestoneRows.length,
  };
}
