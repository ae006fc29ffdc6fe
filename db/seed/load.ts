import { readFileSync } from 'node:fs';

import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';

import { parsePartialDate, periodEnd, periodStart } from '../dates';
import { slugify } from '../slug';
import type { DatePrecision, ProjectRole, ProjectStatus } from '../vocabulary';
import type { Db } from '../client.server';
import * as t from '../schema';
import { deriveMilestones } from './derive-milestones';
import { insertInChunks } from './insert';
import {
  type CountriesFile,
  CountriesFileSchema,
  type Dataset,
  DatasetSchema,
  type DatasetOrganisation,
  type DatasetProject,
  type OrganisationHistoryFile,
  OrganisationHistoryFileSchema,
  type ProvincesFile,
  ProvincesFileSchema,
  type SummaryTranslationsFile,
  SummaryTranslationsFileSchema,
  type TopicTagsFile,
  TopicTagsFileSchema,
} from './dataset';

export interface SeedFiles {
  dataset: unknown;
  countries: unknown;
  provinces: unknown;
  history: unknown;
  summaryTranslations: unknown;
  topicTags: unknown;
}

interface ValidSeed {
  dataset: Dataset;
  countries: CountriesFile;
  provinces: ProvincesFile;
  history: OrganisationHistoryFile;
  summaryTranslations: SummaryTranslationsFile;
  topicTags: TopicTagsFile;
}

/** Thrown before anything is written; each problem names the record and the field. */
export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The seed data is invalid; nothing was written.\n  ${problems.slice(0, 50).join('\n  ')}` +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
    this.name = 'SeedValidationError';
  }
}

const SEED_DIR = new URL('./', import.meta.url);

export function readSeedFiles(): SeedFiles {
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(new URL(name, SEED_DIR), 'utf8')) as unknown;
  return {
    dataset: read('iki-china-projects.json'),
    countries: read('countries.json'),
    provinces: read('provinces.json'),
    history: read('organisation-history.json'),
    summaryTranslations: read('summary-translations.json'),
    topicTags: read('topic-tags.json'),
  };
}

function describeRecord(raw: unknown, path: PropertyKey[]): string {
  const [collection, index, ...field] = path;
  if (typeof collection === 'string' && typeof index === 'number') {
    const record = (raw as Record<string, unknown[]> | null)?.[collection]?.[index] as
      { id?: unknown } | undefined;
    const id = typeof record?.id === 'string' ? ` (id "${record.id}")` : '';
    return `${collection}[${index}]${id}, field ${field.join('.') || '(record)'}`;
  }
  return path.join('.') || '(file)';
}

function parseFile<T>(file: string, schema: z.ZodType<T>, raw: unknown, problems: string[]) {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    problems.push(`${file}: ${describeRecord(raw, issue.path)}: ${issue.message}`);
  }
  return undefined;
}

function checkUnique(
  file: string,
  collection: string,
  values: string[],
  field: string,
  problems: string[],
) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) {
      problems.push(`${file}: ${collection}[${index}] (id "${value}"), field ${field}: duplicate`);
    }
    seen.add(value);
  });
}

/** Checks shape, then every cross-reference, collecting all problems before failing. */
export function validateSeed(files: SeedFiles): ValidSeed {
  const problems: string[] = [];
  const DATA = 'iki-china-projects.json';
  const dataset = parseFile(DATA, DatasetSchema, files.dataset, problems);
  const countries = parseFile('countries.json', CountriesFileSchema, files.countries, problems);
  const provinces = parseFile('provinces.json', ProvincesFileSchema, files.provinces, problems);
  const history = parseFile(
    'organisation-history.json',
    OrganisationHistoryFileSchema,
    files.history,
    problems,
  );
  const summaryTranslations = parseFile(
    'summary-translations.json',
    SummaryTranslationsFileSchema,
    files.summaryTranslations,
    problems,
  );
  const topicTags = parseFile('topic-tags.json', TopicTagsFileSchema, files.topicTags, problems);
  if (!dataset || !countries || !provinces || !history || !summaryTranslations || !topicTags) {
    throw new SeedValidationError(problems);
  }

  const countryNames = new Set(countries.countries.map((c) => c.datasetName));
  const alpha3 = new Set(countries.countries.map((c) => c.alpha3));
  const provinceCodes = new Set(provinces.provinces.map((p) => p.code));
  const projectIds = new Set(dataset.projects.map((p) => p.id));
  const placeIds = new Set(dataset.places.map((p) => p.id));
  const orgIds = new Set(dataset.organisations.map((o) => o.id));
  const sourceUrls = new Set(dataset.sources.map((s) => s.url));

  checkUnique(
    DATA,
    'projects',
    dataset.projects.map((p) => p.id),
    'id',
    problems,
  );
  checkUnique(
    DATA,
    'events',
    dataset.events.map((e) => e.id),
    'id',
    problems,
  );
  checkUnique(
    DATA,
    'places',
    dataset.places.map((p) => p.id),
    'id',
    problems,
  );
  checkUnique(
    DATA,
    'organisations',
    dataset.organisations.map((o) => o.id),
    'id',
    problems,
  );
  checkUnique(
    DATA,
    'sources',
    dataset.sources.map((s) => s.id),
    'id',
    problems,
  );
  checkUnique(
    DATA,
    'sources',
    dataset.sources.map((s) => s.url),
    'url',
    problems,
  );

  const at = (collection: string, index: number, id: string, field: string) =>
    `${DATA}: ${collection}[${index}] (id "${id}"), field ${field}`;
  const needSource = (where: string, value: string | null | undefined) => {
    if (value && !sourceUrls.has(value))
      problems.push(`${where}: source "${value}" is not listed in sources`);
  };
  const checkPeriod = (where: string, start: string | null, end: string | null) => {
    const s = start ? parsePartialDate(start) : null;
    const e = end ? parsePartialDate(end) : null;
    if (s && e && periodEnd(e) < periodStart(s)) problems.push(`${where}: ends before it starts`);
  };

  dataset.projects.forEach((p, i) => {
    const where = (field: string) => at('projects', i, p.id, field);
    p.countries.forEach((c) => {
      if (!countryNames.has(countryBaseName(c)))
        problems.push(`${where('countries')}: unknown country "${c}"`);
    });
    p.chinaProvinces.forEach((c) => {
      if (!provinceCodes.has(c))
        problems.push(`${where('chinaProvinces')}: unknown province "${c}"`);
    });
    p.placeIds.forEach((id) => {
      if (!placeIds.has(id)) problems.push(`${where('placeIds')}: unknown place "${id}"`);
    });
    for (const field of ['predecessor', 'successor'] as const) {
      const ref = p[field];
      if (ref && (!projectIds.has(ref) || ref === p.id)) {
        problems.push(`${where(field)}: unknown project "${ref}"`);
      }
    }
    needSource(where('source'), p.source);
    needSource(where('titleZhSource'), p.titleZhSource);
    p.sources.forEach((s) => needSource(where('sources'), s));
    checkPeriod(where('endDate'), p.startDate, p.endDate);
  });

  dataset.events.forEach((e, i) => {
    const where = (field: string) => at('events', i, e.id, field);
    e.projectIds.forEach((id) => {
      if (!projectIds.has(id)) problems.push(`${where('projectIds')}: unknown project "${id}"`);
    });
    e.placeIds.forEach((id) => {
      if (!placeIds.has(id)) problems.push(`${where('placeIds')}: unknown place "${id}"`);
    });
    if (e.province_iso_3166_2 && !provinceCodes.has(e.province_iso_3166_2)) {
      problems.push(`${where('province_iso_3166_2')}: unknown province "${e.province_iso_3166_2}"`);
    }
    splitCountries(e.country).forEach((c) => {
      if (!countryNames.has(c)) problems.push(`${where('country')}: unknown country "${c}"`);
    });
    needSource(where('source'), e.source);
    e.sources?.forEach((s) => needSource(where('sources'), s));
    checkPeriod(where('endDate'), e.startDate, e.endDate);
  });

  dataset.places.forEach((p, i) => {
    const where = (field: string) => at('places', i, p.id, field);
    if (p.province_iso_3166_2 && !provinceCodes.has(p.province_iso_3166_2)) {
      problems.push(`${where('province_iso_3166_2')}: unknown province "${p.province_iso_3166_2}"`);
    }
    if (p.country && !alpha3.has(p.country))
      problems.push(`${where('country')}: unknown country "${p.country}"`);
    if ((p.lat === null) !== (p.lon === null))
      problems.push(`${where('lat')}: lat and lon must both be given or both be null`);
  });

  dataset.organisations.forEach((o, i) => {
    const where = (field: string) => at('organisations', i, o.id, field);
    if (o.country && o.country !== 'international' && !countryNames.has(o.country)) {
      problems.push(`${where('country')}: unknown country "${o.country}"`);
    }
    o.projectRoles.forEach((r) => {
      if (!projectIds.has(r.projectId))
        problems.push(`${where('projectRoles')}: unknown project "${r.projectId}"`);
    });
    needSource(where('source'), o.source);
    needSource(where('nameZhSource'), o.nameZhSource);
  });

  history.successions.forEach((s, i) => {
    for (const id of [s.from, s.to]) {
      if (!orgIds.has(id)) {
        problems.push(`organisation-history.json: successions[${i}]: unknown organisation "${id}"`);
      }
    }
  });

  checkUnique(
    'summary-translations.json',
    'translations',
    summaryTranslations.translations.map((t) => t.projectId),
    'projectId',
    problems,
  );
  summaryTranslations.translations.forEach((t, i) => {
    if (!projectIds.has(t.projectId)) {
      problems.push(
        `summary-translations.json: translations[${i}]: unknown project "${t.projectId}"`,
      );
    }
  });

  const topicSlugs = new Set(topicTags.topics.map((t) => t.slug));
  checkUnique(
    'topic-tags.json',
    'topics',
    [...topicTags.topics.map((t) => t.slug)],
    'slug',
    problems,
  );
  checkUnique(
    'topic-tags.json',
    'tags',
    topicTags.tags.map((t) => `${t.projectId}/${t.topic}`),
    'projectId+topic',
    problems,
  );
  topicTags.tags.forEach((tag, i) => {
    if (!projectIds.has(tag.projectId)) {
      problems.push(
        `topic-tags.json: tags[${i}], field projectId: unknown project "${tag.projectId}"`,
      );
    }
    if (!topicSlugs.has(tag.topic)) {
      problems.push(`topic-tags.json: tags[${i}], field topic: unknown topic "${tag.topic}"`);
    }
  });

  if (problems.length > 0) throw new SeedValidationError(problems);
  return { dataset, countries, provinces, history, summaryTranslations, topicTags };
}

/** "China (among others)" → "China". */
function countryBaseName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '');
}

function countryNote(name: string): string | null {
  return /\((.*)\)\s*$/.exec(name)?.[1] ?? null;
}

/** "Germany; Netherlands" → ["Germany", "Netherlands"]. */
function splitCountries(value: string | null): string[] {
  return value
    ? value
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
    : [];
}

function precisionOf(value: string | null): DatePrecision | null {
  return value ? (parsePartialDate(value)?.precision ?? null) : null;
}

function statusOf(words: string | null): ProjectStatus | null {
  if (!words) return null;
  if (words.startsWith('open')) return 'ongoing';
  return /^(completed|ongoing|planned)/.exec(words)?.[1] as ProjectStatus;
}

/** "NAMA Facility (listed on …)" → programme "NAMA Facility" with the rest as a note. */
function programmeOf(value: string): { programme: string; note: string | null } {
  const match = /^([^(]+?)\s*(?:\((.*)\))?$/.exec(value);
  return { programme: match?.[1] ?? value, note: match?.[2] ?? null };
}

const MONTHS: Record<string, string> = {
  january: '01',
  januar: '01',
  february: '02',
  februar: '02',
  march: '03',
  märz: '03',
  april: '04',
  may: '05',
  mai: '05',
  june: '06',
  juni: '06',
  july: '07',
  juli: '07',
  august: '08',
  september: '09',
  october: '10',
  oktober: '10',
  november: '11',
  december: '12',
  dezember: '12',
};

/** The date a source gives for itself: "(Stand: März 2021)" or "(As of: October 2020)". */
export function asOfFromTitle(title: string): { value: string; precision: DatePrecision } | null {
  const match = /\((?:Stand|As of):\s*([A-Za-zä]+)\s+(\d{4})\)/i.exec(title);
  const month = match ? MONTHS[match[1]!.toLowerCase()] : undefined;
  return match && month ? { value: `${match[2]}-${month}`, precision: 'month' } : null;
}

const ROLE_OF: Record<DatasetOrganisation['projectRoles'][number]['role'], ProjectRole> = {
  commissioningMinistry: 'commissioning-ministry',
  politicalPartner: 'political-partner',
  implementingOrganisation: 'implementing-organisation',
  implementingPartner: 'implementing-partner',
  mentionedInText: 'mentioned',
};

/** The strings the project record uses for this organisation in this role, and who says so. */
function linkDetails(
  project: DatasetProject,
  org: DatasetOrganisation,
  role: ProjectRole,
): { nameAsWritten: string | null; asStatedBy: string | null } {
  const names = new Set(org.namesInProjects);
  const join = (xs: (string | null)[]) => {
    const kept = [...new Set(xs.filter((x): x is string => !!x))];
    return kept.length ? kept.join('; ') : null;
  };
  switch (role) {
    case 'commissioning-ministry': {
      const hits = (project.commissioningMinistry ?? []).filter((m) => names.has(m.ministry));
      return {
        nameAsWritten: join(hits.map((m) => m.ministry)),
        asStatedBy: join(hits.map((m) => m.asStatedBy)),
      };
    }
    case 'political-partner':
      return {
        nameAsWritten: join(
          (project.politicalPartners ?? []).filter((p) => names.has(p.name)).map((p) => p.name),
        ),
        asStatedBy: null,
      };
    case 'implementing-organisation':
      return {
        nameAsWritten: join((project.implementingOrganisations ?? []).filter((n) => names.has(n))),
        asStatedBy: null,
      };
    case 'implementing-partner':
      return {
        nameAsWritten: join((project.implementingPartners ?? []).filter((n) => names.has(n))),
        asStatedBy: null,
      };
    case 'mentioned':
      return { nameAsWritten: null, asStatedBy: null };
  }
}

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

/**
 * Validates everything, then writes the portfolio in one synchronous transaction:
 * either every record lands or none does. Refuses a database that already holds projects.
 */
export function seedPortfolio(db: Db, files: SeedFiles = readSeedFiles()): SeedCounts {
  const { dataset, countries, provinces, history, summaryTranslations, topicTags } =
    validateSeed(files);
  const translationOf = new Map(summaryTranslations.translations.map((t) => [t.projectId, t]));
  const retrievedOn = dataset.meta.generated;

  const countryByName = new Map(countries.countries.map((c) => [c.datasetName, c.code]));
  const countryByAlpha3 = new Map(countries.countries.map((c) => [c.alpha3, c.code]));
  const sourceId = new Map(dataset.sources.map((s, i) => [s.url, i + 1]));
  const projectId = new Map(dataset.projects.map((p, i) => [p.id, i + 1]));
  const placeId = new Map(dataset.places.map((p, i) => [p.id, i + 1]));
  const orgId = new Map(dataset.organisations.map((o, i) => [o.id, i + 1]));
  const eventId = new Map(dataset.events.map((e, i) => [e.id, i + 1]));
  const src = (url: string | null | undefined) => (url ? sourceId.get(url)! : null);

  const fundingAreas = new Map<string, string>();
  for (const p of dataset.projects) {
    p.ikiFundingAreaInferred.forEach(
      (n) => fundingAreas.has(slugify(n)) || fundingAreas.set(slugify(n), n),
    );
  }
  const fundingAreaId = new Map([...fundingAreas.keys()].map((s, i) => [s, i + 1]));
  const topicId = new Map(topicTags.topics.map((topic, i) => [topic.slug, i + 1]));

  db.transaction((tx) => {
    if (tx.select({ n: count() }).from(t.projects).get()!.n > 0) {
      throw new Error(
        'The database already holds projects; the seed only fills an empty database.',
      );
    }
    tx.insert(t.meta)
      .values([
        { key: 'dataset-kind', value: 'real' },
        { key: 'dataset-title', value: dataset.meta.title },
        { key: 'dataset-generated', value: dataset.meta.generated },
      ])
      .run();
    tx.insert(t.countries)
      .values(countries.countries.map(({ code, alpha3, numeric }) => ({ code, alpha3, numeric })))
      .run();
    tx.insert(t.provinces).values(provinces.provinces).run();
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
          retrievedOn,
          retrievedVia: s.retrievedVia ?? null,
          note: s.note ?? s.usedFor ?? null,
        };
      }),
    );
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
        countryCode: p.country ? countryByAlpha3.get(p.country)! : 'CN',
        lat: p.lat,
        lon: p.lon,
        coordinateSource: p.coordinate_source,
        note: p.note ?? null,
        sourceNote: p.source,
      })),
    );
    insertInChunks(
      tx,
      t.organisations,
      dataset.organisations.map((o, i) => ({
        id: i + 1,
        slug: o.id,
        name: o.name,
        acronym: o.acronym,
        nameZh: o.nameZh,
        nameZhSourceId: src(o.nameZhSource),
        nameZhNote: o.nameZhNote,
        kind: o.kind,
        countryCode:
          o.country && o.country !== 'international' ? countryByName.get(o.country)! : null,
        isInternational: o.country === 'international',
        aliases: o.namesInProjects,
        sourceId: src(o.source),
        unverified: o.unverified,
      })),
    );
    for (const s of history.successions) {
      tx.update(t.organisations)
        .set({ successorId: orgId.get(s.to)!, successionYear: s.year, successionNote: s.note })
        .where(eq(t.organisations.id, orgId.get(s.from)!))
        .run();
    }
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
          titleSourceId: src(p.source),
          titleDe: p.titleDe,
          titleDeSourceId: p.titleDe ? src(p.source) : null,
          titleZh: p.titleZh,
          titleZhSourceId: src(p.titleZhSource),
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
          sourceId: src(p.source),
          unverified: p.unverified,
        };
      }),
    );
    // Phases point at each other, so the links go in once every project exists.
    for (const p of dataset.projects) {
      if (!p.predecessor && !p.successor) continue;
      tx.update(t.projects)
        .set({
          predecessorId: p.predecessor ? projectId.get(p.predecessor)! : null,
          successorId: p.successor ? projectId.get(p.successor)! : null,
        })
        .where(eq(t.projects.id, projectId.get(p.id)!))
        .run();
    }
    insertInChunks(
      tx,
      t.projectSources,
      dataset.projects.flatMap((p) =>
        [...new Set([p.source, ...p.sources, ...(p.titleZhSource ? [p.titleZhSource] : [])])].map(
          (url, position) => ({
            projectId: projectId.get(p.id)!,
            sourceId: sourceId.get(url)!,
            position,
          }),
        ),
      ),
    );
    insertInChunks(
      tx,
      t.projectCountries,
      dataset.projects.flatMap((p) =>
        p.countries.map((c) => ({
          projectId: projectId.get(p.id)!,
          countryCode: countryByName.get(countryBaseName(c))!,
          note: countryNote(c),
        })),
      ),
    );
    insertInChunks(
      tx,
      t.fundingAreas,
      [...fundingAreas].map(([slug, name]) => ({ id: fundingAreaId.get(slug)!, slug, name })),
    );
    insertInChunks(
      tx,
      t.projectFundingAreas,
      dataset.projects.flatMap((p) =>
        [...new Set(p.ikiFundingAreaInferred.map(slugify))].map((slug) => ({
          projectId: projectId.get(p.id)!,
          fundingAreaId: fundingAreaId.get(slug)!,
          isInferred: true,
        })),
      ),
    );
    insertInChunks(
      tx,
      t.topics,
      topicTags.topics.map((topic) => ({
        id: topicId.get(topic.slug)!,
        slug: topic.slug,
        name: topic.en,
        nameZh: topic.zh,
        nameDe: topic.de,
      })),
    );
    insertInChunks(
      tx,
      t.projectTopics,
      topicTags.tags.map((tag) => ({
        projectId: projectId.get(tag.projectId)!,
        topicId: topicId.get(tag.topic)!,
        reason: tag.reason,
      })),
    );
    // The data set's free-text topics stay as searchable keywords.
    insertInChunks(
      tx,
      t.projectKeywords,
      dataset.projects.flatMap((p) =>
        [...new Set(p.topics)].map((keyword, position) => ({
          projectId: projectId.get(p.id)!,
          keyword,
          position,
        })),
      ),
    );
    insertInChunks(
      tx,
      t.projectLocations,
      dataset.projects.flatMap((p) => {
        const id = projectId.get(p.id)!;
        // A scope of "national …" means the project works across the whole of China.
        const nationWide = p.scope.startsWith('national')
          ? [{ projectId: id, kind: 'country' as const, countryCode: 'CN' }]
          : [];
        return [
          ...nationWide,
          ...[...new Set(p.chinaProvinces)].map((code) => ({
            projectId: id,
            kind: 'province' as const,
            provinceCode: code,
          })),
          ...[...new Set(p.placeIds)].map((slug) => ({
            projectId: id,
            kind: 'place' as const,
            placeId: placeId.get(slug)!,
          })),
        ];
      }),
    );
    insertInChunks(
      tx,
      t.projectOrganisations,
      dataset.organisations.flatMap((o) => {
        const seen = new Set<string>();
        return o.projectRoles.flatMap((r) => {
          const role = ROLE_OF[r.role];
          const key = `${r.projectId}|${role}`;
          if (seen.has(key)) return [];
          seen.add(key);
          const project = dataset.projects.find((p) => p.id === r.projectId)!;
          return [
            {
              projectId: projectId.get(r.projectId)!,
              organisationId: orgId.get(o.id)!,
              role,
              ...linkDetails(project, o, role),
            },
          ];
        });
      }),
    );
    insertInChunks(
      tx,
      t.events,
      dataset.events.map((e, i) => ({
        id: i + 1,
        slug: e.id,
        title: e.title,
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
        sourceId: src(e.source),
        unverified: e.unverified,
      })),
    );
    insertInChunks(
      tx,
      t.eventProjects,
      dataset.events.flatMap((e, i) =>
        [...new Set(e.projectIds)].map((id) => ({ eventId: i + 1, projectId: projectId.get(id)! })),
      ),
    );
    insertInChunks(
      tx,
      t.eventPlaces,
      dataset.events.flatMap((e, i) =>
        [...new Set(e.placeIds)].map((id) => ({ eventId: i + 1, placeId: placeId.get(id)! })),
      ),
    );
    insertInChunks(
      tx,
      t.eventCountries,
      dataset.events.flatMap((e, i) =>
        splitCountries(e.country).map((c) => ({
          eventId: i + 1,
          countryCode: countryByName.get(c)!,
        })),
      ),
    );
    insertInChunks(
      tx,
      t.eventSources,
      dataset.events.flatMap((e, i) =>
        [...new Set([e.source, ...(e.sources ?? [])])].map((url) => ({
          eventId: i + 1,
          sourceId: sourceId.get(url)!,
        })),
      ),
    );
    insertInChunks(
      tx,
      t.milestones,
      deriveMilestones(dataset, {
        project: (slug) => projectId.get(slug)!,
        event: (slug) => eventId.get(slug)!,
        source: (url) => sourceId.get(url) ?? null,
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
