import { randomBytes } from 'node:crypto';

import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';

import {
  HUB_NS,
  IATI_ROLE_TO_PROJECT_ROLE,
  IATI_STATUS_TO_STATUS,
  type IatiRole,
  type IatiStatus,
  SECTOR_VOCABULARIES,
} from './codes';
import {
  type IatiActivity,
  type IatiProblem,
  type IatiResult,
  MAX_LISTED_PROBLEMS,
  type ReadItem,
  type ReadOptions,
  anyText,
  readIatiFile,
} from './read';
import { type PartialDate, parsePartialDate, periodEnd, periodStart } from '../../../db/dates';
import { env } from '../../core/env.server';
import { slugify } from '../../../db/slug';
import {
  type DatePrecision,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  type MilestoneKind,
  type MilestoneStatus,
  ORGANISATION_KINDS,
  type OrganisationKind,
  PROJECT_ROLES,
  PROJECT_TYPES,
  type ProjectOrigin,
  type ProjectRole,
  type ProjectStatus,
  type ProjectType,
} from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  countries,
  fundingAreas,
  iatiStaging,
  milestones,
  organisations,
  places,
  progressUpdates,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import {
  type Changes,
  type Tx,
  afterWrite,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';
import type { WriteContext } from '../projects/projects.server';
import { milestoneColumns } from '../milestones/milestones.server';

// Importing IATI files in three steps: stage (the parsed activities go to iati_staging in
// batches, so a large file never sits in memory), plan (compare each staged activity with the
// database: create, update or unchanged, and which fields), apply (everything in one synchronous
// transaction, read back from the staging table page by page).
//
// Which project an activity is — the round-trip rule:
// - An identifier "<our reporting-org ref>-<slug>" is one of our own exported projects. If a hub
//   project has that slug, the activity updates it. If no project has it and the activity's
//   reporting-org is ours, a hub project (origin 'hub') with that slug is created: exporting the
//   hub and importing the file into an empty database gives back the same projects.
// - Every other activity is an imported one (origin 'iati'), found again by its IATI identifier;
//   a new one gets a slug from its identifier. Imported activities are never IKI projects: every
//   count and list of the portfolio leaves them out (projectFilterSql, origin=iati shows them).
// - The file is the whole truth about an imported activity: its links and milestones are replaced.
//   A hub project is only filled in and corrected, never emptied: values the file does not give,
//   and links or milestones the file does not list (IATI cannot say 'mentioned', for example),
//   stay as they are.

/** Rows per staging batch, and per page when reading the staging table back. */
const BATCH = 500;
/** Staged imports nobody applied are discarded after a day. */
const STAGING_TTL_MS = 24 * 60 * 60 * 1000;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ImportOptions {
  /** The hub's own reporting-org ref (HUB_IATI_REPORTING_ORG_REF). */
  ownRef?: string;
}

const ownRefOf = (options: ImportOptions) => options.ownRef ?? env.HUB_IATI_REPORTING_ORG_REF;

// ── Stage ───────────────────────────────────────────────────────────────────────────────────────

/** An import id that says when it was staged (for discarding stale ones). */
export function newImportId(at: number = Date.now()): string {
  return `${at}-${randomBytes(8).toString('hex')}`;
}

export function isImportId(value: string): boolean {
  return /^\d{13}-[0-9a-f]{16}$/.test(value);
}

export interface StagedImport {
  importId: string;
  /** China activities staged. */
  activities: number;
  /** Activities for other countries (and repeated ones). */
  skipped: number;
  errors: number;
  warnings: number;
  /** The first MAX_LISTED_PROBLEMS problems, each with its line. */
  problems: IatiProblem[];
  bytesRead: number;
  /** True when the file has hard errors: nothing is staged and nothing may be applied. */
  isRefused: boolean;
}

/**
 * Writes the activities of a file being read into the staging table, BATCH at a time (each batch
 * one short synchronous transaction, never held across the reading). On a hard error the rows
 * staged so far are removed again: a refused file leaves nothing behind.
 */
export async function stageImport(
  db: Db,
  items: AsyncIterable<ReadItem>,
  importId: string = newImportId(),
): Promise<StagedImport> {
  discardStaleImports(db);
  const staged: StagedImport = {
    importId,
    activities: 0,
    skipped: 0,
    errors: 0,
    warnings: 0,
    problems: [],
    bytesRead: 0,
    isRefused: false,
  };
  let batch: (typeof iatiStaging.$inferInsert)[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    db.transaction((tx) => {
      tx.insert(iatiStaging).values(rows).run();
    });
  };
  try {
    for await (const item of items) {
      if (item.kind === 'activity') {
        if (staged.isRefused) continue;
        batch.push({
          importId,
          line: item.activity.line,
          iatiIdentifier: item.activity.identifier,
          activity: item.activity as unknown as Record<string, unknown>,
        });
        if (batch.length >= BATCH) flush();
      } else if (item.kind === 'problem') {
        if (staged.problems.length < MAX_LISTED_PROBLEMS) staged.problems.push(item.problem);
        if (item.problem.severity === 'error') {
          staged.isRefused = true;
          batch = [];
        }
      } else {
        staged.activities = item.summary.activities;
        staged.skipped = item.summary.skipped;
        staged.errors = item.summary.errors;
        staged.warnings = item.summary.warnings;
        staged.bytesRead = item.summary.bytesRead;
        if (item.summary.errors > 0) staged.isRefused = true;
      }
    }
    if (!staged.isRefused) flush();
  } catch (error) {
    // A file that cannot be read to its end leaves nothing behind either.
    discardImport(db, importId);
    throw error;
  }
  if (staged.isRefused) discardImport(db, importId);
  return staged;
}

/** Removes a staged import (after a dry run, or when someone gives up on it). */
export function discardImport(db: Db, importId: string): void {
  db.delete(iatiStaging).where(eq(iatiStaging.importId, importId)).run();
}

/** Staged imports older than a day were never applied: they go. */
function discardStaleImports(db: Db, now: number = Date.now()): void {
  db.delete(iatiStaging)
    .where(sql`CAST(substr(${iatiStaging.importId}, 1, 13) AS INTEGER) < ${now - STAGING_TTL_MS}`)
    .run();
}

export function countStagedActivities(db: Db, importId: string): number {
  return db
    .select({ n: count() })
    .from(iatiStaging)
    .where(eq(iatiStaging.importId, importId))
    .get()!.n;
}

/** The staged activities of an import, BATCH rows at a time (never all in memory). */
function* stagedActivities(db: Db | Tx, importId: string): Generator<IatiActivity> {
  let last = 0;
  for (;;) {
    const rows = db
      .select({ id: iatiStaging.id, activity: iatiStaging.activity })
      .from(iatiStaging)
      .where(and(eq(iatiStaging.importId, importId), gt(iatiStaging.id, last)))
      .orderBy(asc(iatiStaging.id))
      .limit(BATCH)
      .all();
    if (rows.length === 0) return;
    for (const row of rows) yield row.activity as unknown as IatiActivity;
    last = rows[rows.length - 1]!.id;
  }
}

// ── What an activity means for the database ─────────────────────────────────────────────────────

type ProjectValues = {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  summary: string | null;
  summaryZh: string | null;
  summaryDe: string | null;
  type: ProjectType;
  statusStated: ProjectStatus | null;
  statusSource: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  startsOn: string | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  endsOn: string | null;
  ikiFundingEur: number | null;
  ikiProjectNumber: string | null;
  otherProjectNumbers: Record<string, string> | null;
  programme: string;
  programmeNote: string | null;
  origin: ProjectOrigin;
  iatiIdentifier: string | null;
  publisherRef: string | null;
  publisherName: string | null;
};

const PROJECT_VALUE_KEYS = [
  'title',
  'titleZh',
  'titleDe',
  'summary',
  'summaryZh',
  'summaryDe',
  'type',
  'statusStated',
  'statusSource',
  'startDate',
  'startPrecision',
  'startsOn',
  'endDate',
  'endPrecision',
  'endsOn',
  'ikiFundingEur',
  'ikiProjectNumber',
  'otherProjectNumbers',
  'programme',
  'programmeNote',
  'origin',
  'iatiIdentifier',
  'publisherRef',
  'publisherName',
] as const satisfies readonly (keyof ProjectValues)[];

interface OrgWanted {
  /** Set when an organisation already exists; otherwise it is created with `create`. */
  id: number | null;
  create: {
    slug: string | null;
    name: string;
    nameZh: string | null;
    nameDe: string | null;
    acronym: string | null;
    kind: OrganisationKind;
    iatiRef: string | null;
  };
  role: ProjectRole;
  nameAsWritten: string | null;
}

type PlaceWanted = {
  id: number | null;
  create: {
    slug: string;
    nameEn: string;
    nameZh: string | null;
    lat: number | null;
    lon: number | null;
    countryCode: string;
    provinceCode: string | null;
  };
};

type LocationWanted =
  | { kind: 'place'; place: PlaceWanted }
  | { kind: 'province'; code: string }
  | { kind: 'country'; code: string };

interface MilestoneWanted {
  title: string;
  titleZh: string | null;
  kind: MilestoneKind;
  plannedDate: string | null;
  plannedPrecision: DatePrecision | null;
  revisedDate: string | null;
  revisedPrecision: DatePrecision | null;
  actualDate: string | null;
  actualPrecision: DatePrecision | null;
  status: MilestoneStatus;
  progress: number;
  isDerived: boolean;
}

const MILESTONE_KEYS = [
  'titleZh',
  'plannedDate',
  'plannedPrecision',
  'revisedDate',
  'revisedPrecision',
  'actualDate',
  'actualPrecision',
  'status',
  'progress',
  'isDerived',
] as const satisfies readonly (keyof MilestoneWanted)[];

type Target =
  | { kind: 'existing'; id: number; origin: ProjectOrigin; slug: string }
  | { kind: 'new'; origin: ProjectOrigin; slug: string };

interface Wanted {
  activity: IatiActivity;
  target: Target;
  /** For a hub project only the values the file gives; for an imported activity all of them. */
  values: Partial<ProjectValues>;
  organisations: OrgWanted[];
  countries: string[];
  locations: LocationWanted[];
  fundingAreas: { slug: string; name: string; isInferred: boolean }[];
  topics: { slug: string; name: string; nameZh: string | null; nameDe: string | null }[];
  milestones: MilestoneWanted[];
  related: { relation: 'predecessor' | 'successor'; identifier: string }[];
}

const STATUS_NAMES: Record<string, string> = {
  '1': 'Pipeline/identification',
  '2': 'Implementation',
  '3': 'Finalisation',
  '4': 'Closed',
  '5': 'Cancelled',
  '6': 'Suspended',
};

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

function partial(value: string | undefined, precision: string | undefined): PartialDate | null {
  if (!value) return null;
  const date = parsePartialDate(value);
  return date && (!precision || date.precision === precision) ? date : null;
}

/** Which project the activity is (see the rule at the top of this file). */
function findTarget(tx: Tx, a: IatiActivity, ownRef: string): Target {
  const prefix = `${ownRef}-`;
  if (a.identifier.startsWith(prefix)) {
    const slug = a.identifier.slice(prefix.length);
    if (SLUG.test(slug)) {
      const existing = tx
        .select({ id: projects.id, origin: projects.origin })
        .from(projects)
        .where(eq(projects.slug, slug))
        .get();
      if (existing?.origin === 'hub')
        return { kind: 'existing', id: existing.id, origin: 'hub', slug };
      if (!existing && a.reportingOrg.ref === ownRef) return { kind: 'new', origin: 'hub', slug };
    }
  }
  const imported = tx
    .select({ id: projects.id, origin: projects.origin, slug: projects.slug })
    .from(projects)
    .where(eq(projects.iatiIdentifier, a.identifier))
    .get();
  if (imported) return { kind: 'existing', ...imported };
  return {
    kind: 'new',
    origin: 'iati',
    slug: freeSlug(tx, slugify(a.identifier) || 'activity', projects),
  };
}

/** `base`, or base-2, base-3… whichever is not taken in the table. */
function freeSlug(
  tx: Tx,
  base: string,
  table: typeof projects | typeof places | typeof organisations,
) {
  const cut = base.slice(0, 90).replace(/-+$/, '');
  for (let n = 1; ; n++) {
    const slug = n === 1 ? cut : `${cut}-${n}`;
    if (!tx.select({ slug: table.slug }).from(table).where(eq(table.slug, slug)).get()) return slug;
  }
}

function projectValues(a: IatiActivity, target: Target): Partial<ProjectValues> {
  const isHub = target.origin === 'hub';
  const values: Partial<ProjectValues> = {};
  const set = <K extends keyof ProjectValues>(
    key: K,
    value: ProjectValues[K] | null | undefined,
  ) => {
    // A hub project is never emptied by a file (see the top of this file).
    if (isHub && (value === null || value === undefined)) return;
    values[key] = (value ?? null) as ProjectValues[K];
  };

  const title = anyText(a.title);
  set('title', title ?? (isHub ? null : a.identifier));
  set('titleZh', a.title.zh);
  set('titleDe', a.title.de);
  set('summary', a.description.en ?? a.description.other);
  set('summaryZh', a.description.zh);
  set('summaryDe', a.description.de);

  const hubType = a.hub.type;
  const countryCount = new Set(a.countries.map((c) => c.code)).size;
  const type: ProjectType = isOneOf(PROJECT_TYPES, hubType)
    ? hubType
    : countryCount > 1
      ? 'regional'
      : countryCount === 1
        ? 'bilateral'
        : 'unknown';
  // Our own export does not say the type: an existing hub project keeps its own.
  if (!(isHub && target.kind === 'existing' && !isOneOf(PROJECT_TYPES, hubType))) set('type', type);

  if (a.status !== null) {
    const basis = a.statusHub.basis;
    if (basis === 'derived' || basis === 'no-dates') {
      // Our export wrote a status the dates give: nothing was stated.
      values.statusStated = null;
      values.statusSource = null;
    } else if (basis === 'stated') {
      values.statusStated = IATI_STATUS_TO_STATUS[a.status as IatiStatus] ?? null;
      values.statusSource = a.statusHub.words ?? null;
    } else {
      set('statusStated', IATI_STATUS_TO_STATUS[a.status as IatiStatus] ?? null);
      set(
        'statusSource',
        STATUS_NAMES[a.status]
          ? `${STATUS_NAMES[a.status]} (IATI activity status ${a.status})`
          : null,
      );
    }
  }

  // The published term is the planned one; an actual date stands in when no plan is given.
  const start = a.dates.plannedStart ?? a.dates.actualStart ?? null;
  const end = a.dates.plannedEnd ?? a.dates.actualEnd ?? null;
  set('startDate', start?.value);
  set('startPrecision', start?.precision);
  set('startsOn', start ? periodStart(start) : null);
  set('endDate', end?.value);
  set('endPrecision', end?.precision);
  set('endsOn', end ? periodEnd(end) : null);

  // Funding: the original (or untyped) budgets in EUR. A total of 0 is a publisher's placeholder
  // (EC FPI publishes 0 for every activity), so it is read as unknown, never as zero funding.
  const eur = a.budgets.filter(
    (b) => b.currency === 'EUR' && b.value !== null && (b.type ?? '1') === '1',
  );
  const total = eur.reduce((sum, b) => sum + (b.value ?? 0), 0);
  set('ikiFundingEur', eur.length && total > 0 ? total : null);

  const iki = a.otherIdentifiers.find((o) => o.hub.scheme === 'iki');
  const others = Object.fromEntries(
    a.otherIdentifiers
      .filter((o) => o.hub.scheme && o.hub.scheme !== 'iki')
      .map((o) => [o.hub.scheme!, o.ref]),
  );
  set('ikiProjectNumber', iki?.ref);
  set('otherProjectNumbers', Object.keys(others).length ? others : null);

  if (isHub) {
    if (a.hub.programme) values.programme = a.hub.programme;
    else if (target.kind === 'new') values.programme = 'IKI';
    values.origin = 'hub';
    if (target.kind === 'new') {
      values.iatiIdentifier = null;
      values.publisherRef = null;
      values.publisherName = null;
    }
  } else {
    const publisher = anyText(a.reportingOrg.name) ?? a.reportingOrg.ref;
    // Labelled with their publisher: the programme an imported activity belongs to is theirs.
    values.programme = (publisher ?? 'IATI').slice(0, 80);
    values.programmeNote = a.dataset
      ? `Imported from IATI (registry dataset ${a.dataset}); not an IKI project.`
      : 'Imported from IATI; not an IKI project.';
    values.origin = 'iati';
    values.iatiIdentifier = a.identifier;
    values.publisherRef = a.reportingOrg.ref;
    values.publisherName = publisher;
  }
  return values;
}

function wantedOrganisations(tx: Tx, a: IatiActivity, isHub: boolean): OrgWanted[] {
  const out: OrgWanted[] = [];
  const seen = new Set<string>();
  for (const o of a.organisations) {
    const name = anyText(o.name) ?? o.ref;
    if (!name) continue;
    const role: ProjectRole = isOneOf(PROJECT_ROLES, o.hub.role)
      ? o.hub.role
      : (IATI_ROLE_TO_PROJECT_ROLE[o.role as IatiRole] ?? 'mentioned');
    // Found by our own slug (our export), the IATI ref, then the exact name.
    const bySlug =
      o.hub.slug && SLUG.test(o.hub.slug)
        ? tx
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(organisations.slug, o.hub.slug))
            .get()
        : undefined;
    const byRef =
      !bySlug && o.ref
        ? tx
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(organisations.iatiRef, o.ref))
            .orderBy(asc(organisations.id))
            .get()
        : undefined;
    const byName =
      !bySlug && !byRef
        ? tx
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(organisations.name, name))
            .orderBy(asc(organisations.id))
            .get()
        : undefined;
    const id = (bySlug ?? byRef ?? byName)?.id ?? null;
    const key = id !== null ? `${id}:${role}` : `new:${o.ref ?? ''}:${name}:${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id,
      create: {
        slug: o.hub.slug && SLUG.test(o.hub.slug) ? o.hub.slug : null,
        name,
        nameZh: o.name.zh && o.name.zh !== name ? o.name.zh : null,
        nameDe: o.name.de && o.name.de !== name ? o.name.de : null,
        acronym: o.hub.acronym ?? null,
        kind: isOneOf(ORGANISATION_KINDS, o.hub.kind) ? o.hub.kind : 'other',
        iatiRef: o.ref,
      },
      role,
      // An imported activity keeps the publisher's spelling next to the organisation.
      nameAsWritten: isHub ? null : name,
    });
  }
  return out;
}

interface Reporter {
  warn(a: IatiActivity, message: string): void;
  count: number;
}

function wantedCountries(tx: Tx, a: IatiActivity, report: Reporter): string[] {
  const codes = [...new Set(a.countries.map((c) => c.code))];
  if (codes.length === 0) return [];
  const known = new Set(
    tx
      .select({ code: countries.code })
      .from(countries)
      .where(inArray(countries.code, codes))
      .all()
      .map((c) => c.code),
  );
  for (const code of codes) {
    if (!known.has(code))
      report.warn(
        a,
        `Recipient country ${code} is not in the hub's list of countries; not linked.`,
      );
  }
  return codes.filter((c) => known.has(c));
}

function wantedLocations(
  tx: Tx,
  a: IatiActivity,
  knownCountries: string[],
  report: Reporter,
): LocationWanted[] {
  const out: LocationWanted[] = [];
  const seen = new Set<string>();
  const add = (key: string, location: LocationWanted) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(location);
  };
  const provinceExists = (code: string) =>
    !!tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, code)).get();
  const countryExists = (code: string) =>
    !!tx.select({ code: countries.code }).from(countries).where(eq(countries.code, code)).get();
  // A place lies in the activity's one country, else in China (the activity is for China).
  const defaultCountry =
    knownCountries.length === 1 ? knownCountries[0]! : countryExists('CN') ? 'CN' : null;
  for (const l of a.locations) {
    const kind = l.hub.kind;
    const name = anyText(l.name) ?? anyText(l.description);
    if (kind === 'province') {
      const code = l.ref ?? '';
      if (provinceExists(code)) add(`province:${code}`, { kind: 'province', code });
      else
        report.warn(a, `Province ${code || '?'} is not in the hub; the location is not imported.`);
      continue;
    }
    if (kind === 'country') {
      const code = (l.administrative.find((x) => x.code)?.code ?? l.ref ?? '').toUpperCase();
      if (countryExists(code)) add(`country:${code}`, { kind: 'country', code });
      else
        report.warn(a, `Country ${code || '?'} is not in the hub; the location is not imported.`);
      continue;
    }
    const isOurs = kind === 'place' && l.ref !== null && SLUG.test(l.ref);
    if (!isOurs && (l.lat === null || l.lon === null)) continue; // the reader has warned
    const nameEn = name ?? `Location of ${a.identifier}`;
    // Our own places are known by their slug; another publisher's by name and coordinates.
    const existing = isOurs
      ? tx.select({ id: places.id }).from(places).where(eq(places.slug, l.ref!)).get()
      : tx
          .select({ id: places.id })
          .from(places)
          .where(and(eq(places.nameEn, nameEn), eq(places.lat, l.lat!), eq(places.lon, l.lon!)))
          .orderBy(asc(places.id))
          .get();
    const province = l.hub.province && provinceExists(l.hub.province) ? l.hub.province : null;
    let country = l.hub.country && countryExists(l.hub.country) ? l.hub.country : defaultCountry;
    // Of several countries, China is assumed only for a point inside China's bounding box.
    const outsideChina =
      l.lat !== null && l.lon !== null && (l.lat < 18 || l.lat > 54 || l.lon < 73 || l.lon > 135.1);
    if (!l.hub.country && knownCountries.length > 1 && country === 'CN' && outsideChina) {
      country = null;
    }
    if (!existing && country === null) {
      report.warn(a, `Location "${nameEn}": its country is not known to the hub; not imported.`);
      continue;
    }
    const place: PlaceWanted = {
      id: existing?.id ?? null,
      create: {
        slug: isOurs ? l.ref! : slugify(`${nameEn}-${a.identifier}`),
        nameEn,
        nameZh: l.name.zh,
        lat: l.lat,
        lon: l.lon,
        countryCode: country ?? 'CN',
        provinceCode: province,
      },
    };
    add(existing ? `place:${existing.id}` : `new-place:${place.create.slug}:${l.lat}:${l.lon}`, {
      kind: 'place',
      place,
    });
  }
  return out;
}

function wantedMilestone(r: IatiResult): MilestoneWanted {
  const hub = r.hub;
  const period = [...r.periods].reverse().find((p) => p.end || p.start) ?? null;
  const measured = [...r.periods].reverse().find((p) => p.actual !== null) ?? null;
  const planned =
    partial(hub['planned-date'], hub['planned-precision']) ??
    (hub['revised-date'] ? null : (period?.end ?? period?.start ?? null));
  const revised = partial(hub['revised-date'], hub['revised-precision']);
  const actual = partial(hub['actual-date'], hub['actual-precision']);
  const hubProgress =
    hub.progress !== undefined && /^\d{1,3}$/.test(hub.progress) ? Number(hub.progress) : null;
  const measuredProgress =
    measured && measured.actual !== null && measured.target
      ? Math.round((measured.actual / measured.target) * 100)
      : null;
  const progress = Math.max(0, Math.min(100, hubProgress ?? measuredProgress ?? 0));
  const status: MilestoneStatus = isOneOf(MILESTONE_STATUSES, hub.status)
    ? hub.status
    : measuredProgress === null
      ? 'not-reported'
      : measuredProgress >= 100
        ? 'achieved'
        : 'in-progress';
  return {
    title: (anyText(r.title) ?? 'Result').slice(0, 300),
    titleZh: r.title.zh && r.title.zh !== anyText(r.title) ? r.title.zh : null,
    kind: isOneOf(MILESTONE_KINDS, hub.kind) ? hub.kind : 'deliverable',
    plannedDate: planned?.value ?? null,
    plannedPrecision: planned?.precision ?? null,
    revisedDate: revised?.value ?? null,
    revisedPrecision: revised?.precision ?? null,
    actualDate: actual?.value ?? null,
    actualPrecision: actual?.precision ?? null,
    status,
    progress: status === 'achieved' ? 100 : progress,
    isDerived: hub.derived === 'true',
  };
}

function wanted(tx: Tx, a: IatiActivity, ownRef: string, report: Reporter): Wanted {
  const target = findTarget(tx, a, ownRef);
  const isHub = target.origin === 'hub';
  const countryCodes = wantedCountries(tx, a, report);
  const sectorsOf = (uri: string) =>
    a.sectors.filter((s) => s.vocabularyUri === uri && SLUG.test(s.code));
  const fundingAreaSectors = sectorsOf(SECTOR_VOCABULARIES.fundingArea.uri);
  const topicSectors = sectorsOf(SECTOR_VOCABULARIES.topic.uri);
  for (const s of a.sectors) {
    if (s.vocabularyUri?.startsWith(HUB_NS) && !SLUG.test(s.code)) {
      report.warn(a, `Sector code "${s.code}" is not a hub slug; not imported.`);
    }
  }
  return {
    activity: a,
    target,
    values: projectValues(a, target),
    organisations: wantedOrganisations(tx, a, isHub),
    countries: countryCodes,
    locations: wantedLocations(tx, a, countryCodes, report),
    fundingAreas: [...new Map(fundingAreaSectors.map((s) => [s.code, s])).values()].map((s) => ({
      slug: s.code,
      name: anyText(s.name) ?? s.code,
      isInferred: s.hub.inferred !== 'false',
    })),
    topics: [...new Map(topicSectors.map((s) => [s.code, s])).values()].map((s) => ({
      slug: s.code,
      name: anyText(s.name) ?? s.code,
      nameZh: s.name.zh,
      nameDe: s.name.de,
    })),
    milestones: a.results.map(wantedMilestone),
    related: a.related.flatMap((r) =>
      r.hub.relation === 'predecessor' || r.hub.relation === 'successor'
        ? [{ relation: r.hub.relation, identifier: r.ref }]
        : [],
    ),
  };
}

// ── Comparing with the database ─────────────────────────────────────────────────────────────────

interface Current {
  values: Record<string, unknown>;
  organisations: { organisationId: number; role: ProjectRole; nameAsWritten: string | null }[];
  countries: string[];
  locations: {
    id: number;
    kind: string;
    placeId: number | null;
    provinceCode: string | null;
    countryCode: string | null;
  }[];
  fundingAreas: { slug: string; isInferred: boolean }[];
  topics: string[];
  milestones: (MilestoneWanted & { id: number })[];
  related: { predecessor: string | null; successor: string | null };
}

function identifierOf(
  row: { slug: string; iatiIdentifier: string | null } | undefined,
  ownRef: string,
) {
  return row ? (row.iatiIdentifier ?? `${ownRef}-${row.slug}`) : null;
}

function readCurrent(tx: Tx, id: number, ownRef: string): Current {
  const row = tx.select().from(projects).where(eq(projects.id, id)).get()!;
  const values = Object.fromEntries(PROJECT_VALUE_KEYS.map((k) => [k, row[k]]));
  const phase = (phaseId: number | null) =>
    phaseId === null
      ? null
      : identifierOf(
          tx
            .select({ slug: projects.slug, iatiIdentifier: projects.iatiIdentifier })
            .from(projects)
            .where(eq(projects.id, phaseId))
            .get(),
          ownRef,
        );
  return {
    values,
    organisations: tx
      .select({
        organisationId: projectOrganisations.organisationId,
        role: projectOrganisations.role,
        nameAsWritten: projectOrganisations.nameAsWritten,
      })
      .from(projectOrganisations)
      .where(eq(projectOrganisations.projectId, id))
      .all(),
    countries: tx
      .select({ code: projectCountries.countryCode })
      .from(projectCountries)
      .where(eq(projectCountries.projectId, id))
      .all()
      .map((c) => c.code),
    locations: tx
      .select({
        id: projectLocations.id,
        kind: projectLocations.kind,
        placeId: projectLocations.placeId,
        provinceCode: projectLocations.provinceCode,
        countryCode: projectLocations.countryCode,
      })
      .from(projectLocations)
      .where(eq(projectLocations.projectId, id))
      .orderBy(asc(projectLocations.id))
      .all(),
    fundingAreas: tx
      .select({ slug: fundingAreas.slug, isInferred: projectFundingAreas.isInferred })
      .from(projectFundingAreas)
      .innerJoin(fundingAreas, eq(fundingAreas.id, projectFundingAreas.fundingAreaId))
      .where(eq(projectFundingAreas.projectId, id))
      .all(),
    topics: tx
      .select({ slug: topics.slug })
      .from(projectTopics)
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .where(eq(projectTopics.projectId, id))
      .all()
      .map((t) => t.slug),
    milestones: tx
      .select(milestoneColumns)
      .from(milestones)
      .where(eq(milestones.projectId, id))
      .orderBy(asc(milestones.id))
      .all(),
    related: { predecessor: phase(row.predecessorId), successor: phase(row.successorId) },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const locationKey = (l: {
  kind: string;
  placeId: number | null;
  provinceCode: string | null;
  countryCode: string | null;
}) => `${l.kind}:${l.placeId ?? ''}:${l.provinceCode ?? ''}:${l.countryCode ?? ''}`;
const wantedLocationKey = (l: LocationWanted) =>
  l.kind === 'place'
    ? l.place.id === null
      ? null
      : locationKey({ kind: 'place', placeId: l.place.id, provinceCode: null, countryCode: null })
    : locationKey({
        kind: l.kind,
        placeId: null,
        provinceCode: l.kind === 'province' ? l.code : null,
        countryCode: l.kind === 'country' ? l.code : null,
      });

/** Milestones are matched by title and kind, in order; returns the current one for each wanted. */
function matchMilestones(wantedList: MilestoneWanted[], current: Current['milestones']) {
  const free = [...current];
  return wantedList.map((m) => {
    const i = free.findIndex((c) => c.title === m.title && c.kind === m.kind);
    return i === -1 ? null : free.splice(i, 1)[0]!;
  });
}

/** Compares with the database and names what would change ([] when nothing). */
function changedFields(w: Wanted, current: Current | null): string[] {
  const isHub = w.target.origin === 'hub';
  if (!current) {
    return [
      ...Object.keys(w.values),
      ...(w.organisations.length ? ['organisations'] : []),
      ...(w.countries.length ? ['countries'] : []),
      ...(w.locations.length ? ['locations'] : []),
      ...(w.fundingAreas.length ? ['fundingAreas'] : []),
      ...(w.topics.length ? ['topics'] : []),
      ...(w.milestones.length ? ['milestones'] : []),
      ...w.related.map((r) => r.relation),
    ];
  }
  const fields = Object.entries(w.values)
    .filter(([k, v]) => !same(current.values[k], v))
    .map(([k]) => k);

  // Sets: an imported activity must match exactly; a hub project must hold what the file lists.
  const setDiffers = (wantedKeys: (string | null)[], currentKeys: string[]) => {
    if (wantedKeys.some((k) => k === null)) return true;
    const have = new Set(currentKeys);
    const want = new Set(wantedKeys as string[]);
    if ([...want].some((k) => !have.has(k))) return true;
    return !isHub && [...have].some((k) => !want.has(k));
  };
  const orgKey = (id: number | null, role: string, nameAsWritten: string | null) =>
    id === null ? null : isHub ? `${id}:${role}` : `${id}:${role}:${nameAsWritten ?? ''}`;
  if (
    setDiffers(
      w.organisations.map((o) => orgKey(o.id, o.role, o.nameAsWritten)),
      current.organisations.map((o) => orgKey(o.organisationId, o.role, o.nameAsWritten)!),
    )
  ) {
    fields.push('organisations');
  }
  if (setDiffers(w.countries, current.countries)) fields.push('countries');
  if (setDiffers(w.locations.map(wantedLocationKey), current.locations.map(locationKey))) {
    fields.push('locations');
  }
  if (
    setDiffers(
      w.fundingAreas.map((f) => `${f.slug}:${f.isInferred}`),
      current.fundingAreas.map((f) => `${f.slug}:${f.isInferred}`),
    )
  ) {
    fields.push('fundingAreas');
  }
  if (
    setDiffers(
      w.topics.map((t) => t.slug),
      current.topics,
    )
  )
    fields.push('topics');
  const matched = matchMilestones(w.milestones, current.milestones);
  if (
    matched.some((c, i) => !c || MILESTONE_KEYS.some((k) => !same(c[k], w.milestones[i]![k]))) ||
    (!isHub && current.milestones.length !== w.milestones.length)
  ) {
    fields.push('milestones');
  }
  for (const relation of ['predecessor', 'successor'] as const) {
    const wantedRelation = w.related.find((r) => r.relation === relation)?.identifier ?? null;
    if (isHub && wantedRelation === null) continue;
    if (wantedRelation !== current.related[relation]) fields.push(relation);
  }
  return fields;
}

// ── Plan ────────────────────────────────────────────────────────────────────────────────────────

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanEntry {
  identifier: string;
  line: number;
  title: string;
  action: PlanAction;
  origin: ProjectOrigin;
  slug: string;
  /** What would change (the project's fields, and 'organisations', 'milestones'…). */
  fields: string[];
}

export interface ImportPlan {
  entries: PlanEntry[];
  counts: Record<PlanAction, number>;
  /** What comparing with the database found (unknown countries, provinces…), with the line. */
  problems: IatiProblem[];
  /** All of them, listed or not. */
  problemCount: number;
}

function collector(problems: IatiProblem[]): Reporter {
  return {
    count: 0,
    warn(a, message) {
      this.count += 1;
      if (problems.length < MAX_LISTED_PROBLEMS) {
        problems.push({ severity: 'warning', line: a.line, message, identifier: a.identifier });
      }
    },
  };
}

function planEntry(w: Wanted, fields: string[], isNew: boolean): PlanEntry {
  return {
    identifier: w.activity.identifier,
    line: w.activity.line,
    title: w.values.title ?? anyText(w.activity.title) ?? w.activity.identifier,
    action: isNew ? 'create' : fields.length ? 'update' : 'unchanged',
    origin: w.target.origin,
    slug: w.target.slug,
    fields,
  };
}

/**
 * What applying the import would do, activity by activity. Reads in one transaction (a
 * consistent snapshot) and writes nothing; re-planning a file already applied gives 'unchanged'.
 */
export function planImport(db: Db, importId: string, options: ImportOptions = {}): ImportPlan {
  const ownRef = ownRefOf(options);
  const problems: IatiProblem[] = [];
  const report = collector(problems);
  const entries: PlanEntry[] = [];
  db.transaction((tx) => {
    for (const a of stagedActivities(tx, importId)) {
      const w = wanted(tx, a, ownRef, report);
      const current = w.target.kind === 'existing' ? readCurrent(tx, w.target.id, ownRef) : null;
      entries.push(planEntry(w, changedFields(w, current), w.target.kind === 'new'));
    }
  });
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const e of entries) counts[e.action] += 1;
  return { entries, counts, problems, problemCount: report.count };
}

// ── Apply ───────────────────────────────────────────────────────────────────────────────────────

export interface ApplyResult {
  counts: Record<PlanAction, number>;
  problems: IatiProblem[];
}

/**
 * Applies a staged import in one synchronous transaction, all or nothing: creates and updates the
 * projects with their organisations, places, countries, funding areas, topics and milestones,
 * writes one audit entry per project created or updated, then removes the staging rows.
 */
export function applyImport(
  db: Db,
  importId: string,
  who: WriteContext,
  options: ImportOptions = {},
): ApplyResult {
  const ownRef = ownRefOf(options);
  const problems: IatiProblem[] = [];
  const report = collector(problems);
  const counts = { create: 0, update: 0, unchanged: 0 };
  db.transaction((tx) => {
    const relations: { projectId: number; related: Wanted['related'] }[] = [];
    for (const a of stagedActivities(tx, importId)) {
      const w = wanted(tx, a, ownRef, report);
      const current = w.target.kind === 'existing' ? readCurrent(tx, w.target.id, ownRef) : null;
      const fields = changedFields(w, current);
      const entry = planEntry(w, fields, w.target.kind === 'new');
      counts[entry.action] += 1;
      if (entry.action === 'unchanged') continue;
      const projectId = writeProject(tx, w, current, fields, who);
      if (fields.includes('predecessor') || fields.includes('successor')) {
        relations.push({ projectId, related: w.related });
      }
    }
    // Phases point at each other, so they are linked once every project of the file exists.
    for (const { projectId, related } of relations) {
      const set: { predecessorId?: number | null; successorId?: number | null } = {};
      for (const r of related) {
        const other = projectByIdentifier(tx, r.identifier, ownRef);
        if (other === undefined) continue;
        set[r.relation === 'predecessor' ? 'predecessorId' : 'successorId'] = other;
      }
      if (Object.keys(set).length)
        tx.update(projects).set(set).where(eq(projects.id, projectId)).run();
    }
    tx.delete(iatiStaging).where(eq(iatiStaging.importId, importId)).run();
  });
  if (counts.create + counts.update > 0) afterWrite(db);
  return { counts, problems };
}

function projectByIdentifier(tx: Tx, identifier: string, ownRef: string): number | undefined {
  const prefix = `${ownRef}-`;
  if (identifier.startsWith(prefix)) {
    const hub = tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.slug, identifier.slice(prefix.length)), eq(projects.origin, 'hub')))
      .get();
    if (hub) return hub.id;
  }
  return tx
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.iatiIdentifier, identifier))
    .get()?.id;
}

function organisationId(tx: Tx, o: OrgWanted, who: WriteContext): number {
  if (o.id !== null) return o.id;
  // The same new organisation may have been created for an earlier activity of this file.
  const again =
    (o.create.iatiRef
      ? tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.iatiRef, o.create.iatiRef))
          .get()
      : undefined) ??
    tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, o.create.name))
      .get();
  if (again) return again.id;
  const slug = freeSlug(
    tx,
    o.create.slug ?? (slugify(o.create.name) || 'organisation'),
    organisations,
  );
  const values = {
    slug,
    name: o.create.name,
    nameZh: o.create.nameZh,
    nameDe: o.create.nameDe,
    acronym: o.create.acronym,
    kind: o.create.kind,
    iatiRef: o.create.iatiRef,
    aliases: [o.create.name],
  };
  const row = tx.insert(organisations).values(values).returning({ id: organisations.id }).get();
  recordAudit(tx, {
    at: who.at,
    actor: who.actor,
    action: 'create',
    entity: 'organisation',
    entityId: row.id,
    label: values.name,
    changes: diffFields(null, values),
  });
  return row.id;
}

function placeId(tx: Tx, p: PlaceWanted): number {
  if (p.id !== null) return p.id;
  // A place our export names by its slug may already have been created for an earlier project.
  const again = tx
    .select({ id: places.id })
    .from(places)
    .where(eq(places.slug, p.create.slug))
    .get();
  if (again) return again.id;
  return tx
    .insert(places)
    .values({
      ...p.create,
      slug: freeSlug(tx, p.create.slug || 'location', places),
      coordinateSource: p.create.lat === null ? null : 'IATI location',
    })
    .returning({ id: places.id })
    .get().id;
}

function idBySlug(tx: Tx, table: typeof fundingAreas | typeof topics, slug: string) {
  return tx.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get()?.id;
}

function writeProject(
  tx: Tx,
  w: Wanted,
  current: Current | null,
  fields: string[],
  who: WriteContext,
): number {
  const isHub = w.target.origin === 'hub';
  const isNew = current === null;
  const label =
    w.values.title ?? (current?.values.title as string | undefined) ?? w.activity.identifier;
  let projectId: number;
  const changes: Changes = {};

  if (isNew) {
    const values = { programme: 'IKI', type: 'unknown' as ProjectType, title: label, ...w.values };
    projectId = tx
      .insert(projects)
      .values({ slug: w.target.slug, ...values })
      .returning({ id: projects.id })
      .get().id;
    Object.assign(changes, diffFields(null, { slug: w.target.slug, ...values }));
  } else {
    projectId = (w.target as { id: number }).id;
    const set = Object.fromEntries(
      fields.filter((f) => f in w.values).map((f) => [f, w.values[f as keyof ProjectValues]]),
    );
    Object.assign(
      changes,
      diffFields(Object.fromEntries(Object.keys(set).map((k) => [k, current.values[k]])), set),
    );
    tx.update(projects)
      .set({ ...set, version: sql`${projects.version} + 1` })
      .where(eq(projects.id, projectId))
      .run();
  }

  if (fields.includes('organisations')) {
    const before = current?.organisations.map((o) => `${o.organisationId}:${o.role}`) ?? [];
    if (!isHub)
      tx.delete(projectOrganisations).where(eq(projectOrganisations.projectId, projectId)).run();
    for (const o of w.organisations) {
      tx.insert(projectOrganisations)
        .values({
          projectId,
          organisationId: organisationId(tx, o, who),
          role: o.role,
          nameAsWritten: o.nameAsWritten,
        })
        .onConflictDoNothing()
        .run();
    }
    changes.organisations = {
      from: before,
      to: tx
        .select({
          organisationId: projectOrganisations.organisationId,
          role: projectOrganisations.role,
        })
        .from(projectOrganisations)
        .where(eq(projectOrganisations.projectId, projectId))
        .all()
        .map((o) => `${o.organisationId}:${o.role}`),
    };
  }
  if (fields.includes('countries')) {
    if (!isHub) tx.delete(projectCountries).where(eq(projectCountries.projectId, projectId)).run();
    for (const code of w.countries) {
      tx.insert(projectCountries)
        .values({ projectId, countryCode: code })
        .onConflictDoNothing()
        .run();
    }
    changes.countries = { from: current?.countries ?? [], to: w.countries };
  }
  if (fields.includes('locations')) {
    const have = new Set(isHub ? (current?.locations.map(locationKey) ?? []) : []);
    if (!isHub) tx.delete(projectLocations).where(eq(projectLocations.projectId, projectId)).run();
    const written: string[] = [];
    for (const l of w.locations) {
      const columns =
        l.kind === 'place'
          ? {
              kind: 'place' as const,
              placeId: placeId(tx, l.place),
              provinceCode: null,
              countryCode: null,
            }
          : l.kind === 'province'
            ? { kind: 'province' as const, placeId: null, provinceCode: l.code, countryCode: null }
            : { kind: 'country' as const, placeId: null, provinceCode: null, countryCode: l.code };
      const key = locationKey(columns);
      written.push(key);
      if (have.has(key)) continue;
      have.add(key);
      tx.insert(projectLocations)
        .values({ projectId, ...columns })
        .run();
    }
    changes.locations = { from: current?.locations.map(locationKey) ?? [], to: written };
  }
  if (fields.includes('fundingAreas')) {
    if (!isHub)
      tx.delete(projectFundingAreas).where(eq(projectFundingAreas.projectId, projectId)).run();
    for (const f of w.fundingAreas) {
      const fundingAreaId =
        idBySlug(tx, fundingAreas, f.slug) ??
        tx
          .insert(fundingAreas)
          .values({ slug: f.slug, name: f.name })
          .returning({ id: fundingAreas.id })
          .get().id;
      tx.insert(projectFundingAreas)
        .values({ projectId, fundingAreaId, isInferred: f.isInferred })
        .onConflictDoUpdate({
          target: [projectFundingAreas.projectId, projectFundingAreas.fundingAreaId],
          set: { isInferred: f.isInferred },
        })
        .run();
    }
    changes.fundingAreas = {
      from: current?.fundingAreas.map((f) => f.slug) ?? [],
      to: w.fundingAreas.map((f) => f.slug),
    };
  }
  if (fields.includes('topics')) {
    if (!isHub) tx.delete(projectTopics).where(eq(projectTopics.projectId, projectId)).run();
    for (const t of w.topics) {
      const topicId =
        idBySlug(tx, topics, t.slug) ??
        tx
          .insert(topics)
          .values({ slug: t.slug, name: t.name, nameZh: t.nameZh, nameDe: t.nameDe })
          .returning({ id: topics.id })
          .get().id;
      tx.insert(projectTopics).values({ projectId, topicId }).onConflictDoNothing().run();
    }
    changes.topics = { from: current?.topics ?? [], to: w.topics.map((t) => t.slug) };
  }
  if (fields.includes('milestones')) {
    const matched = matchMilestones(w.milestones, current?.milestones ?? []);
    const kept = new Set<number>();
    w.milestones.forEach((m, i) => {
      const existing = matched[i];
      if (existing) {
        kept.add(existing.id);
        if (MILESTONE_KEYS.every((k) => same(existing[k], m[k]))) return;
        tx.update(milestones)
          .set({ ...m, version: sql`${milestones.version} + 1` })
          .where(eq(milestones.id, existing.id))
          .run();
        if (existing.status !== m.status || existing.progress !== m.progress) {
          tx.insert(progressUpdates)
            .values({
              milestoneId: existing.id,
              recordedAt: who.at,
              recordedBy: who.actor.name,
              fromStatus: existing.status,
              toStatus: m.status,
              fromProgress: existing.progress,
              toProgress: m.progress,
              comment: 'Imported from IATI',
            })
            .run();
        }
        return;
      }
      const id = tx
        .insert(milestones)
        .values({ projectId, ...m })
        .returning({ id: milestones.id })
        .get().id;
      // The log and the milestone agree from the first moment (as createMilestone does).
      tx.insert(progressUpdates)
        .values({
          milestoneId: id,
          recordedAt: who.at,
          recordedBy: who.actor.name,
          fromStatus: null,
          toStatus: m.status,
          fromProgress: null,
          toProgress: m.progress,
          comment: 'Imported from IATI',
        })
        .run();
    });
    if (!isHub) {
      const gone = (current?.milestones ?? []).filter((m) => !kept.has(m.id)).map((m) => m.id);
      if (gone.length) tx.delete(milestones).where(inArray(milestones.id, gone)).run();
    }
    changes.milestones = {
      from: current?.milestones.map((m) => m.title) ?? [],
      to: w.milestones.map((m) => m.title),
    };
  }
  for (const relation of ['predecessor', 'successor'] as const) {
    if (!fields.includes(relation)) continue;
    changes[relation] = {
      from: current?.related[relation] ?? null,
      to: w.related.find((r) => r.relation === relation)?.identifier ?? null,
    };
  }

  recordAudit(tx, {
    at: who.at,
    actor: who.actor,
    action: isNew ? 'create' : 'update',
    entity: 'project',
    entityId: projectId,
    label,
    projectId,
    changes,
  });
  return projectId;
}

// ── For the upload page and the command line ─────────────────────────────────────────────────────

export interface ReviewedFile {
  staged: StagedImport;
  /** What applying would do; null when the file is refused. */
  plan: ImportPlan | null;
  seconds: number;
}

/**
 * The dry run both the upload page and `npm run import` show: reads the file as a stream, stages
 * its China activities and plans them. The staged rows wait for applyImport (or are discarded).
 */
export async function reviewIatiFile(
  path: string,
  options: ReadOptions & ImportOptions = {},
  db: Db = getDb(),
): Promise<ReviewedFile> {
  const started = performance.now();
  const staged = await stageImport(db, readIatiFile(path, options));
  const plan = staged.isRefused ? null : planImport(db, staged.importId, options);
  return { staged, plan, seconds: (performance.now() - started) / 1000 };
}

/** applyImport for the app's database. */
export function applyStagedImport(
  importId: string,
  who: WriteContext,
  options: ImportOptions = {},
  db: Db = getDb(),
): ApplyResult {
  return applyImport(db, importId, who, options);
}

export function discardStagedImport(importId: string, db: Db = getDb()): void {
  discardImport(db, importId);
}

export function isImportStaged(importId: string, db: Db = getDb()): boolean {
  return countStagedActivities(db, importId) > 0;
}
