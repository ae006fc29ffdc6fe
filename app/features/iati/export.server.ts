import { type SQL, and, asc, eq, inArray, max, sql } from 'drizzle-orm';

import type { IatiDocumentOut, IatiLocation, IatiProject } from './write-types';
import { fileAddress } from './import-documents.server';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import { publicBaseUrl } from '../../core/mail/transport.server';
import type { HubRelation } from './codes';
import { type Db, getDb } from '../../core/db.server';
import { milestoneColumns } from '../milestones/milestones.server';
import {
  auditLog,
  documentProjects,
  documents,
  fundingAreas,
  indicatorPeriods,
  indicators,
  meta,
  milestones,
  organisations,
  places,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  standardIndicators,
  topics,
} from '../../../db/schema';
import type { IatiIndicatorOut, IatiIndicatorPeriod } from './write-types';
import { indicatorColumns, indicatorPeriodColumns } from '../indicators/indicators.server';

/** Groups rows by project id. */
function byProject<T extends { projectId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.projectId);
    if (list) list.push(row);
    else map.set(row.projectId, [row]);
  }
  return map;
}

type Selection = ReturnType<typeof selectedIds>;

/** The ids `where` selects, as a subquery: no id list is bound, however many there are. */
function selectedIds(db: Db, where: SQL | undefined) {
  return db.select({ id: projects.id }).from(projects).where(where);
}

function projectRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      origin: projects.origin,
      iatiIdentifier: projects.iatiIdentifier,
      publisherRef: projects.publisherRef,
      publisherName: projects.publisherName,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
      summary: projects.summary,
      summaryZh: projects.summaryZh,
      summaryDe: projects.summaryDe,
      ikiProjectNumber: projects.ikiProjectNumber,
      otherProjectNumbers: projects.otherProjectNumbers,
      type: projects.type,
      programme: projects.programme,
      statusStated: projects.statusStated,
      statusSource: projects.statusSource,
      startDate: projects.startDate,
      startPrecision: projects.startPrecision,
      endDate: projects.endDate,
      endPrecision: projects.endPrecision,
      ikiFundingEur: projects.ikiFundingEur,
      predecessorId: projects.predecessorId,
      successorId: projects.successorId,
    })
    .from(projects)
    .where(where)
    .orderBy(sql`${projects.title} COLLATE NOCASE`, asc(projects.id))
    .all();
}

/** Each link table read once for all of the selected projects, grouped by project. */
function linkRows(db: Db, selected: Selection) {
  return {
    organisations: byProject(
      db
        .select({
          projectId: projectOrganisations.projectId,
          slug: organisations.slug,
          acronym: organisations.acronym,
          name: organisations.name,
          nameZh: organisations.nameZh,
          nameDe: organisations.nameDe,
          kind: organisations.kind,
          iatiRef: organisations.iatiRef,
          role: projectOrganisations.role,
        })
        .from(projectOrganisations)
        .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
        .where(inArray(projectOrganisations.projectId, selected))
        .orderBy(asc(organisations.name))
        .all(),
    ),
    countries: byProject(
      db
        .select({ projectId: projectCountries.projectId, code: projectCountries.countryCode })
        .from(projectCountries)
        .where(inArray(projectCountries.projectId, selected))
        .orderBy(asc(projectCountries.countryCode))
        .all(),
    ),
    locations: byProject(locationRows(db, selected)),
    fundingAreas: byProject(
      db
        .select({
          projectId: projectFundingAreas.projectId,
          slug: fundingAreas.slug,
          name: fundingAreas.name,
          isInferred: projectFundingAreas.isInferred,
        })
        .from(projectFundingAreas)
        .innerJoin(fundingAreas, eq(fundingAreas.id, projectFundingAreas.fundingAreaId))
        .where(inArray(projectFundingAreas.projectId, selected))
        .orderBy(asc(fundingAreas.slug))
        .all(),
    ),
    topics: byProject(
      db
        .select({
          projectId: projectTopics.projectId,
          slug: topics.slug,
          name: topics.name,
          nameZh: topics.nameZh,
          nameDe: topics.nameDe,
        })
        .from(projectTopics)
        .innerJoin(topics, eq(topics.id, projectTopics.topicId))
        .where(inArray(projectTopics.projectId, selected))
        .orderBy(asc(topics.slug))
        .all(),
    ),
    milestones: byProject(
      db
        .select({ projectId: milestones.projectId, ...milestoneColumns })
        .from(milestones)
        .where(inArray(milestones.projectId, selected))
        .orderBy(sql`${milestones.dueOn} IS NULL`, asc(milestones.dueOn), asc(milestones.id))
        .all(),
    ),
  };
}

/** The selected projects' indicators with their periods (by start) and standard indicator code. */
function indicatorRows(db: Db, selected: Selection): Map<number, IatiIndicatorOut[]> {
  // The indicators feature's own column lists, with the standard indicator's code.
  const rows = db
    .select({ ...indicatorColumns, standardCode: standardIndicators.code })
    .from(indicators)
    .leftJoin(standardIndicators, eq(standardIndicators.id, indicators.standardIndicatorId))
    .where(inArray(indicators.projectId, selected))
    .orderBy(asc(indicators.projectId), asc(indicators.position), asc(indicators.id))
    .all();
  const periods = new Map<number, IatiIndicatorPeriod[]>();
  const periodRows = db
    .select(indicatorPeriodColumns)
    .from(indicatorPeriods)
    .innerJoin(indicators, eq(indicators.id, indicatorPeriods.indicatorId))
    .where(inArray(indicators.projectId, selected))
    .orderBy(asc(indicatorPeriods.periodStart), asc(indicatorPeriods.periodEnd))
    .all();
  for (const { indicatorId, ...p } of periodRows) {
    const list = periods.get(indicatorId);
    if (list) list.push(p);
    else periods.set(indicatorId, [p]);
  }
  return byProjectMap(rows.map(({ id, ...i }) => ({ ...i, periods: periods.get(id) ?? [] })));
}

/** byProject without the projectId in the values. */
function byProjectMap(rows: (IatiIndicatorOut & { projectId: number })[]) {
  const map = new Map<number, IatiIndicatorOut[]>();
  for (const [projectId, list] of byProject(rows)) {
    map.set(
      projectId,
      list.map(({ projectId: _, ...i }) => i),
    );
  }
  return map;
}

/**
 * The selected projects' documents anyone may read (the export is public): a link or an imported
 * link by its address, an uploaded file by its absolute download address on `publicUrl`.
 */
function documentRows(
  db: Db,
  selected: Selection,
  publicUrl: string,
): Map<number, IatiDocumentOut[]> {
  const rows = db
    .select({
      projectId: documentProjects.projectId,
      id: documents.id,
      url: documents.url,
      fileHash: documents.fileHash,
      title: documents.title,
      description: documents.description,
      language: documents.language,
      category: documents.category,
      documentDate: documents.documentDate,
      documentDatePrecision: documents.documentDatePrecision,
      mediaType: documents.mediaType,
    })
    .from(documentProjects)
    .innerJoin(documents, eq(documents.id, documentProjects.documentId))
    .where(
      and(
        inArray(documentProjects.projectId, selected),
        inArray(documents.visibility, documentVisibilitiesFor(null)),
      ),
    )
    .orderBy(asc(documents.id))
    .all();
  const map = new Map<number, IatiDocumentOut[]>();
  for (const { projectId, id, url, fileHash, ...d } of rows) {
    const address = url ?? (fileHash ? fileAddress(id, publicUrl) : null);
    if (address === null) continue;
    const list = map.get(projectId) ?? [];
    list.push({ url: address, ...d });
    map.set(projectId, list);
  }
  return map;
}

function locationRows(db: Db, selected: Selection) {
  return db
    .select({
      projectId: projectLocations.projectId,
      kind: projectLocations.kind,
      placeSlug: places.slug,
      placeNameEn: places.nameEn,
      placeNameZh: places.nameZh,
      lat: places.lat,
      lon: places.lon,
      placeProvinceCode: places.provinceCode,
      placeCountryCode: places.countryCode,
      provinceCode: projectLocations.provinceCode,
      provinceNameEn: provinces.nameEn,
      provinceNameZh: provinces.nameZh,
      countryCode: projectLocations.countryCode,
    })
    .from(projectLocations)
    .leftJoin(places, eq(places.id, projectLocations.placeId))
    .leftJoin(provinces, eq(provinces.code, projectLocations.provinceCode))
    .where(inArray(projectLocations.projectId, selected))
    .orderBy(asc(projectLocations.id))
    .all();
}

type LocationRow = ReturnType<typeof locationRows>[number];

function toLocation(l: LocationRow): IatiLocation[] {
  if (l.kind === 'place' && l.placeSlug && l.placeNameEn) {
    return [
      {
        kind: 'place',
        slug: l.placeSlug,
        nameEn: l.placeNameEn,
        nameZh: l.placeNameZh,
        lat: l.lat,
        lon: l.lon,
        provinceCode: l.placeProvinceCode,
        countryCode: l.placeCountryCode ?? 'CN',
      },
    ];
  }
  if (l.kind === 'province' && l.provinceCode && l.provinceNameEn) {
    return [
      {
        kind: 'province',
        code: l.provinceCode,
        nameEn: l.provinceNameEn,
        nameZh: l.provinceNameZh,
      },
    ];
  }
  if (l.kind === 'country' && l.countryCode) return [{ kind: 'country', code: l.countryCode }];
  return [];
}

/** Predecessors and successors by id: they may lie outside the selection. */
function relatedProjects(
  db: Db,
  rows: { predecessorId: number | null; successorId: number | null }[],
) {
  const relatedIds = [
    ...new Set(rows.flatMap((r) => [r.predecessorId, r.successorId]).filter((id) => id !== null)),
  ];
  return new Map(
    (relatedIds.length
      ? db
          .select({ id: projects.id, slug: projects.slug, iatiIdentifier: projects.iatiIdentifier })
          .from(projects)
          .where(inArray(projects.id, relatedIds))
          .all()
      : []
    ).map((r) => [r.id, r]),
  );
}

/** When each project last changed: the last change the hub recorded, else the data set's date. */
function lastUpdates(db: Db, selected: Selection): (id: number) => string | null {
  const lastChanged = new Map(
    db
      .select({ projectId: auditLog.projectId, at: max(auditLog.at) })
      .from(auditLog)
      .where(inArray(auditLog.projectId, selected))
      .groupBy(auditLog.projectId)
      .all()
      .map((r) => [r.projectId, r.at]),
  );
  const generated = db
    .select({ value: meta.value })
    .from(meta)
    .where(eq(meta.key, 'dataset-generated'))
    .get()?.value;
  const datasetDate =
    generated && /^\d{4}-\d{2}-\d{2}$/.test(generated) ? `${generated}T00:00:00Z` : null;
  return (id) => lastChanged.get(id) ?? datasetDate;
}

/**
 * Everything /export/iati.xml writes for the projects `where` selects, in title order. A fixed
 * number of queries whatever the number of projects: each link table is read once for all of the
 * selected projects (through the same WHERE as a subquery, so no id list is bound).
 */
export function listIatiExportProjects(
  where: SQL | undefined,
  db: Db = getDb(),
  publicUrl: string = publicBaseUrl(),
): IatiProject[] {
  const rows = projectRows(db, where);
  if (rows.length === 0) return [];
  const selected = selectedIds(db, where);
  const links = linkRows(db, selected);
  const indicatorsOf = indicatorRows(db, selected);
  const documentsOf = documentRows(db, selected, publicUrl);
  const relatedById = relatedProjects(db, rows);
  const lastUpdated = lastUpdates(db, selected);

  return rows.map(({ id, predecessorId, successorId, ...project }) => {
    const related = (
      [
        ['predecessor', predecessorId],
        ['successor', successorId],
      ] as [HubRelation, number | null][]
    ).flatMap(([relation, relatedId]) => {
      const other = relatedId === null ? undefined : relatedById.get(relatedId);
      return other ? [{ relation, slug: other.slug, iatiIdentifier: other.iatiIdentifier }] : [];
    });
    return {
      ...project,
      lastUpdated: lastUpdated(id),
      organisations: (links.organisations.get(id) ?? []).map(({ projectId: _, ...o }) => o),
      countries: (links.countries.get(id) ?? []).map((c) => c.code),
      locations: (links.locations.get(id) ?? []).flatMap(toLocation),
      fundingAreas: (links.fundingAreas.get(id) ?? []).map(({ projectId: _, ...f }) => f),
      topics: (links.topics.get(id) ?? []).map(({ projectId: _, ...t }) => t),
      related,
      // The edit version is the hub's own bookkeeping, not part of the activity.
      milestones: (links.milestones.get(id) ?? []).map(({ projectId: _, version: _v, ...m }) => m),
      indicators: indicatorsOf.get(id) ?? [],
      documents: documentsOf.get(id) ?? [],
    };
  });
}
