import { readFileSync } from 'node:fs';

import type { z } from 'zod';

import { parsePartialDate, periodEnd, periodStart } from '../dates';
import {
  type CountriesFile,
  CountriesFileSchema,
  type Dataset,
  DatasetSchema,
  type EventSessionsFile,
  EventSessionsFileSchema,
  type EventTitleTranslationsFile,
  EventTitleTranslationsFileSchema,
  type OrganisationHistoryFile,
  OrganisationHistoryFileSchema,
  type ProvincesFile,
  ProvincesFileSchema,
  type SummaryTranslationsFile,
  SummaryTranslationsFileSchema,
  type TopicTagsFile,
  TopicTagsFileSchema,
  type StandardIndicatorsFile,
  StandardIndicatorsFileSchema,
} from './dataset';
import { countryBaseName, splitCountries } from './rows';
import { eventSessionProblems } from './validate-sessions';

// Reading the seed files and checking them: first each file's shape, then every cross-reference
// between them. All problems are collected before failing, so one run names every one of them.

export interface SeedFiles {
  dataset: unknown;
  countries: unknown;
  provinces: unknown;
  history: unknown;
  summaryTranslations: unknown;
  eventTitleTranslations: unknown;
  topicTags: unknown;
  standardIndicators: unknown;
  eventSessions: unknown;
}

export interface ValidSeed {
  dataset: Dataset;
  countries: CountriesFile;
  provinces: ProvincesFile;
  history: OrganisationHistoryFile;
  summaryTranslations: SummaryTranslationsFile;
  eventTitleTranslations: EventTitleTranslationsFile;
  topicTags: TopicTagsFile;
  standardIndicators: StandardIndicatorsFile;
  eventSessions: EventSessionsFile;
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
    eventTitleTranslations: read('event-title-translations.json'),
    topicTags: read('topic-tags.json'),
    standardIndicators: read('standard-indicators.json'),
    eventSessions: read('event-sessions.json'),
  };
}

const DATA = 'iki-china-projects.json';

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

/** Each file against its schema; throws with every shape problem if any file fails. */
function parseSeedFiles(files: SeedFiles, problems: string[]): ValidSeed {
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
  const eventTitleTranslations = parseFile(
    'event-title-translations.json',
    EventTitleTranslationsFileSchema,
    files.eventTitleTranslations,
    problems,
  );
  const topicTags = parseFile('topic-tags.json', TopicTagsFileSchema, files.topicTags, problems);
  const standardIndicators = parseFile(
    'standard-indicators.json',
    StandardIndicatorsFileSchema,
    files.standardIndicators,
    problems,
  );
  const eventSessions = parseFile(
    'event-sessions.json',
    EventSessionsFileSchema,
    files.eventSessions,
    problems,
  );
  if (
    !eventSessions ||
    !dataset ||
    !countries ||
    !provinces ||
    !history ||
    !summaryTranslations ||
    !eventTitleTranslations ||
    !topicTags ||
    !standardIndicators
  ) {
    throw new SeedValidationError(problems);
  }
  return {
    dataset,
    countries,
    provinces,
    history,
    summaryTranslations,
    eventTitleTranslations,
    topicTags,
    standardIndicators,
    eventSessions,
  };
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

/** What the cross-reference checks share: the problems so far and the names that exist. */
interface Check {
  problems: string[];
  countryNames: Set<string>;
  alpha3: Set<string>;
  provinceCodes: Set<string>;
  projectIds: Set<string>;
  placeIds: Set<string>;
  orgIds: Set<string>;
  eventIds: Set<string>;
  sourceUrls: Set<string>;
}

/** A field of a record of the data set, as a problem names it. */
const fieldOf =
  (collection: string, index: number, id: string) =>
  (field: string): string =>
    `${DATA}: ${collection}[${index}] (id "${id}"), field ${field}`;

function unknown(check: Check, where: string, kind: string, value: string): void {
  check.problems.push(`${where}: unknown ${kind} "${value}"`);
}

/** A name another record or file gives: `known` must hold it (or the key it is listed by). */
function needKnown(
  check: Check,
  known: Set<string>,
  where: string,
  kind: string,
  value: string,
  key = value,
): void {
  if (!known.has(key)) unknown(check, where, kind, value);
}

/** A record's Chinese province, where it names one. */
function needProvince(check: Check, where: (field: string) => string, code: string | null) {
  if (code) needKnown(check, check.provinceCodes, where('province_iso_3166_2'), 'province', code);
}

function needSource(check: Check, where: string, value: string | null | undefined): void {
  if (value && !check.sourceUrls.has(value)) {
    check.problems.push(`${where}: source "${value}" is not listed in sources`);
  }
}

function checkPeriod(check: Check, where: string, start: string | null, end: string | null) {
  const s = start ? parsePartialDate(start) : null;
  const e = end ? parsePartialDate(end) : null;
  if (s && e && periodEnd(e) < periodStart(s)) {
    check.problems.push(`${where}: ends before it starts`);
  }
}

function checkDatasetIds(dataset: Dataset, problems: string[]): void {
  const ids = (records: { id: string }[]) => records.map((r) => r.id);
  checkUnique(DATA, 'projects', ids(dataset.projects), 'id', problems);
  checkUnique(DATA, 'events', ids(dataset.events), 'id', problems);
  checkUnique(DATA, 'places', ids(dataset.places), 'id', problems);
  checkUnique(DATA, 'organisations', ids(dataset.organisations), 'id', problems);
  checkUnique(DATA, 'sources', ids(dataset.sources), 'id', problems);
  checkUnique(
    DATA,
    'sources',
    dataset.sources.map((s) => s.url),
    'url',
    problems,
  );
}

function checkProjects(check: Check, projects: Dataset['projects']): void {
  projects.forEach((p, i) => {
    const where = fieldOf('projects', i, p.id);
    p.countries.forEach((c) =>
      needKnown(check, check.countryNames, where('countries'), 'country', c, countryBaseName(c)),
    );
    p.chinaProvinces.forEach((c) =>
      needKnown(check, check.provinceCodes, where('chinaProvinces'), 'province', c),
    );
    p.placeIds.forEach((id) => needKnown(check, check.placeIds, where('placeIds'), 'place', id));
    for (const field of ['predecessor', 'successor'] as const) {
      const ref = p[field];
      // A project is not its own phase.
      if (ref && (ref === p.id || !check.projectIds.has(ref))) {
        unknown(check, where(field), 'project', ref);
      }
    }
    needSource(check, where('source'), p.source);
    needSource(check, where('titleZhSource'), p.titleZhSource);
    p.sources.forEach((s) => needSource(check, where('sources'), s));
    checkPeriod(check, where('endDate'), p.startDate, p.endDate);
  });
}

function checkEvents(check: Check, events: Dataset['events']): void {
  events.forEach((e, i) => {
    const where = fieldOf('events', i, e.id);
    e.projectIds.forEach((id) =>
      needKnown(check, check.projectIds, where('projectIds'), 'project', id),
    );
    e.placeIds.forEach((id) => needKnown(check, check.placeIds, where('placeIds'), 'place', id));
    needProvince(check, where, e.province_iso_3166_2);
    splitCountries(e.country).forEach((c) =>
      needKnown(check, check.countryNames, where('country'), 'country', c),
    );
    needSource(check, where('source'), e.source);
    e.sources?.forEach((s) => needSource(check, where('sources'), s));
    checkPeriod(check, where('endDate'), e.startDate, e.endDate);
  });
}

function checkPlaces(check: Check, places: Dataset['places']): void {
  places.forEach((p, i) => {
    const where = fieldOf('places', i, p.id);
    needProvince(check, where, p.province_iso_3166_2);
    if (p.country) needKnown(check, check.alpha3, where('country'), 'country', p.country);
    if ((p.lat === null) !== (p.lon === null)) {
      check.problems.push(`${where('lat')}: lat and lon must both be given or both be null`);
    }
  });
}

function checkOrganisations(check: Check, organisations: Dataset['organisations']): void {
  organisations.forEach((o, i) => {
    const where = fieldOf('organisations', i, o.id);
    if (o.country && o.country !== 'international') {
      needKnown(check, check.countryNames, where('country'), 'country', o.country);
    }
    o.projectRoles.forEach((r) =>
      needKnown(check, check.projectIds, where('projectRoles'), 'project', r.projectId),
    );
    needSource(check, where('source'), o.source);
    needSource(check, where('nameZhSource'), o.nameZhSource);
  });
}

/** A translations file: one translation a record, each of a record the data set has. */
function checkTranslations(
  check: Check,
  file: string,
  ids: string[],
  { field, kind, known }: { field: string; kind: string; known: Set<string> },
): void {
  checkUnique(file, 'translations', ids, field, check.problems);
  ids.forEach((id, i) => {
    needKnown(check, known, `${file}: translations[${i}], field ${field}`, kind, id);
  });
}

/** The files beside the data set: successions, translations and topic tags name its records. */
function checkCompanionFiles(check: Check, seed: ValidSeed): void {
  const { problems } = check;
  seed.history.successions.forEach((s, i) => {
    const where = `organisation-history.json: successions[${i}]`;
    for (const id of [s.from, s.to]) needKnown(check, check.orgIds, where, 'organisation', id);
  });

  checkTranslations(
    check,
    'summary-translations.json',
    seed.summaryTranslations.translations.map((t) => t.projectId),
    { field: 'projectId', kind: 'project', known: check.projectIds },
  );
  checkTranslations(
    check,
    'event-title-translations.json',
    seed.eventTitleTranslations.translations.map((t) => t.eventId),
    { field: 'eventId', kind: 'event', known: check.eventIds },
  );

  const { topics, tags } = seed.topicTags;
  const topicSlugs = new Set(topics.map((t) => t.slug));
  checkUnique(
    'topic-tags.json',
    'topics',
    topics.map((t) => t.slug),
    'slug',
    problems,
  );
  checkUnique(
    'topic-tags.json',
    'tags',
    tags.map((t) => `${t.projectId}/${t.topic}`),
    'projectId+topic',
    problems,
  );
  tags.forEach((tag, i) => {
    const where = `topic-tags.json: tags[${i}], field`;
    needKnown(check, check.projectIds, `${where} projectId`, 'project', tag.projectId);
    needKnown(check, topicSlugs, `${where} topic`, 'topic', tag.topic);
  });
}

/** Checks shape, then every cross-reference, collecting all problems before failing. */
export function validateSeed(files: SeedFiles): ValidSeed {
  const problems: string[] = [];
  const seed = parseSeedFiles(files, problems);
  const { dataset, countries, provinces } = seed;
  const check: Check = {
    problems,
    countryNames: new Set(countries.countries.map((c) => c.datasetName)),
    alpha3: new Set(countries.countries.map((c) => c.alpha3)),
    provinceCodes: new Set(provinces.provinces.map((p) => p.code)),
    projectIds: new Set(dataset.projects.map((p) => p.id)),
    placeIds: new Set(dataset.places.map((p) => p.id)),
    orgIds: new Set(dataset.organisations.map((o) => o.id)),
    eventIds: new Set(dataset.events.map((e) => e.id)),
    sourceUrls: new Set(dataset.sources.map((s) => s.url)),
  };
  checkDatasetIds(dataset, problems);
  checkProjects(check, dataset.projects);
  checkEvents(check, dataset.events);
  checkPlaces(check, dataset.places);
  checkOrganisations(check, dataset.organisations);
  checkCompanionFiles(check, seed);
  checkStandardIndicators(check, seed.standardIndicators);
  problems.push(
    ...eventSessionProblems(seed, {
      events: check.eventIds,
      organisations: check.orgIds,
      projects: check.projectIds,
    }),
  );
  if (problems.length > 0) throw new SeedValidationError(problems);
  return seed;
}

/** Each standard indicator cites a source of its own file, with a code of its own. */
function checkStandardIndicators(check: Check, file: StandardIndicatorsFile): void {
  const file_ = 'standard-indicators.json';
  const slugs = new Set(file.sources.map((s) => s.slug));
  checkUnique(
    file_,
    'indicators',
    file.indicators.map((i) => i.code),
    'code',
    check.problems,
  );
  checkUnique(
    file_,
    'sources',
    file.sources.map((s) => s.slug),
    'slug',
    check.problems,
  );
  for (const s of file.sources) {
    if (check.sourceUrls.has(s.url)) {
      check.problems.push(`${file_}: source "${s.slug}" repeats a source of the data set`);
    }
  }
  file.indicators.forEach((indicator, i) => {
    if (!slugs.has(indicator.source)) {
      check.problems.push(
        `${file_}: indicators[${i}] (code "${indicator.code}"), field source: no source "${indicator.source}"`,
      );
    }
  });
}
