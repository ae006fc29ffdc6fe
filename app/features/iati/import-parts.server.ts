import { eq, inArray, sql } from 'drizzle-orm';

import type { OrgWanted, PlaceWanted, Wanted } from './import-wanted.server';
import {
  type Current,
  indicatorDiffers,
  locationKey,
  matchIndicators,
  matchMilestones,
  same,
} from './import-diff.server';
import { MILESTONE_KEYS, type MilestoneWanted } from './import-values';
import { freeSlug } from './import-target.server';
import { writeDocuments } from './import-documents.server';
import type { WriteContext } from '../../../db/writes.server';
import { slugify } from '../../../db/slug';
import type { MilestoneStatus } from '../../../db/vocabulary';
import {
  fundingAreas,
  indicatorPeriods,
  indicators,
  milestones,
  organisations,
  places,
  progressUpdates,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectOrganisations,
  projectTopics,
  topics,
} from '../../../db/schema';
import { type Changes, type Tx, diffFields, recordAudit } from '../../../db/writes.server';

// Writing the parts of a project an import changes, each returning its audit change. The file is
// the whole truth about an imported activity, so its links are replaced; a hub project only gains
// what the file lists.

/** One project being written, and what the file wants of it. */
export interface ProjectPart {
  tx: Tx;
  projectId: number;
  wanted: Wanted;
  current: Current | null;
  isHub: boolean;
  who: WriteContext;
}

type PartWriter = (part: ProjectPart) => Changes[string];

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

function writeOrganisations({ tx, projectId, wanted, current, isHub, who }: ProjectPart) {
  const before = current?.organisations.map((o) => `${o.organisationId}:${o.role}`) ?? [];
  if (!isHub)
    tx.delete(projectOrganisations).where(eq(projectOrganisations.projectId, projectId)).run();
  for (const o of wanted.organisations) {
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
  return {
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

function writeCountries({ tx, projectId, wanted, current, isHub }: ProjectPart) {
  if (!isHub) tx.delete(projectCountries).where(eq(projectCountries.projectId, projectId)).run();
  for (const code of wanted.countries) {
    tx.insert(projectCountries)
      .values({ projectId, countryCode: code })
      .onConflictDoNothing()
      .run();
  }
  return { from: current?.countries ?? [], to: wanted.countries };
}

function writeLocations({ tx, projectId, wanted, current, isHub }: ProjectPart) {
  const have = new Set(isHub ? (current?.locations.map(locationKey) ?? []) : []);
  if (!isHub) tx.delete(projectLocations).where(eq(projectLocations.projectId, projectId)).run();
  const written: string[] = [];
  for (const l of wanted.locations) {
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
  return { from: current?.locations.map(locationKey) ?? [], to: written };
}

function writeFundingAreas({ tx, projectId, wanted, current, isHub }: ProjectPart) {
  if (!isHub)
    tx.delete(projectFundingAreas).where(eq(projectFundingAreas.projectId, projectId)).run();
  for (const f of wanted.fundingAreas) {
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
  return {
    from: current?.fundingAreas.map((f) => f.slug) ?? [],
    to: wanted.fundingAreas.map((f) => f.slug),
  };
}

function writeTopics({ tx, projectId, wanted, current, isHub }: ProjectPart) {
  if (!isHub) tx.delete(projectTopics).where(eq(projectTopics.projectId, projectId)).run();
  for (const t of wanted.topics) {
    const topicId =
      idBySlug(tx, topics, t.slug) ??
      tx
        .insert(topics)
        .values({ slug: t.slug, name: t.name, nameZh: t.nameZh, nameDe: t.nameDe })
        .returning({ id: topics.id })
        .get().id;
    tx.insert(projectTopics).values({ projectId, topicId }).onConflictDoNothing().run();
  }
  return { from: current?.topics ?? [], to: wanted.topics.map((t) => t.slug) };
}

/** Milestones are matched by title and kind; a changed status or progress is logged. */
function writeMilestones({ tx, projectId, wanted, current, isHub, who }: ProjectPart) {
  const matched = matchMilestones(wanted.milestones, current?.milestones ?? []);
  const kept = new Set<number>();
  wanted.milestones.forEach((m, i) => {
    const existing = matched[i];
    if (existing) {
      kept.add(existing.id);
      if (MILESTONE_KEYS.every((k) => same(existing[k], m[k]))) return;
      tx.update(milestones)
        .set({ ...m, version: sql`${milestones.version} + 1` })
        .where(eq(milestones.id, existing.id))
        .run();
      if (existing.status !== m.status || existing.progress !== m.progress) {
        logProgress(tx, who, existing.id, existing, m);
      }
      return;
    }
    const id = tx
      .insert(milestones)
      .values({ projectId, ...m })
      .returning({ id: milestones.id })
      .get().id;
    // The log and the milestone agree from the first moment (as createMilestone does).
    logProgress(tx, who, id, null, m);
  });
  if (!isHub) {
    const gone = (current?.milestones ?? []).filter((m) => !kept.has(m.id)).map((m) => m.id);
    if (gone.length) tx.delete(milestones).where(inArray(milestones.id, gone)).run();
  }
  return {
    from: current?.milestones.map((m) => m.title) ?? [],
    to: wanted.milestones.map((m) => m.title),
  };
}

/**
 * Indicators are matched by title and result title; a matched one is updated in place (its id,
 * and so any report naming it, stays), its periods matched by start and end. An imported
 * activity's indicators and periods the file no longer lists are removed; a hub project keeps its
 * own.
 */
function writeIndicators({ tx, projectId, wanted, current, isHub, who }: ProjectPart) {
  const matched = matchIndicators(wanted.indicators, current?.indicators ?? []);
  const kept = new Set<number>();
  wanted.indicators.forEach((w, i) => {
    const existing = matched[i] ?? null;
    const row = { ...w.values, standardIndicatorId: w.standardIndicatorId };
    if (existing) kept.add(existing.id);
    if (existing && !indicatorDiffers(w, existing)) return;
    const indicatorId = existing
      ? existing.id
      : tx
          .insert(indicators)
          .values({ projectId, ...row, createdAt: who.at })
          .returning({ id: indicators.id })
          .get().id;
    if (existing) {
      tx.update(indicators)
        .set({ ...row, version: sql`${indicators.version} + 1` })
        .where(eq(indicators.id, existing.id))
        .run();
    }
    const keptPeriods = new Set<number>();
    for (const p of w.periods) {
      const have = existing?.periods.find(
        (x) => x.periodStart === p.periodStart && x.periodEnd === p.periodEnd,
      );
      if (!have) {
        tx.insert(indicatorPeriods)
          .values({ indicatorId, ...p })
          .run();
        continue;
      }
      keptPeriods.add(have.id);
      tx.update(indicatorPeriods)
        .set({ ...p, version: sql`${indicatorPeriods.version} + 1` })
        .where(eq(indicatorPeriods.id, have.id))
        .run();
    }
    const gonePeriods = (existing?.periods ?? [])
      .filter((p) => !keptPeriods.has(p.id))
      .map((p) => p.id);
    if (!isHub && gonePeriods.length) {
      tx.delete(indicatorPeriods).where(inArray(indicatorPeriods.id, gonePeriods)).run();
    }
  });
  if (!isHub) {
    const gone = (current?.indicators ?? []).filter((x) => !kept.has(x.id)).map((x) => x.id);
    if (gone.length) tx.delete(indicators).where(inArray(indicators.id, gone)).run();
  }
  return {
    from: current?.indicators.map((x) => x.title) ?? [],
    to: wanted.indicators.map((x) => x.values.title),
  };
}

type Progress = { status: MilestoneStatus; progress: number };

function logProgress(
  tx: Tx,
  who: WriteContext,
  milestoneId: number,
  from: Progress | null,
  to: MilestoneWanted,
): void {
  tx.insert(progressUpdates)
    .values({
      milestoneId,
      recordedAt: who.at,
      recordedBy: who.actor.name,
      fromStatus: from?.status ?? null,
      toStatus: to.status,
      fromProgress: from?.progress ?? null,
      toProgress: to.progress,
      comment: 'Imported from IATI',
    })
    .run();
}

/** The link parts an import writes, in the order their changes are audited. */
export const PART_WRITERS: readonly (readonly [string, PartWriter])[] = [
  ['organisations', writeOrganisations],
  ['countries', writeCountries],
  ['locations', writeLocations],
  ['fundingAreas', writeFundingAreas],
  ['topics', writeTopics],
  ['milestones', writeMilestones],
  ['indicators', writeIndicators],
  [
    'documents',
    ({ tx, projectId, wanted, current, isHub, who }) =>
      writeDocuments({
        tx,
        projectId,
        wanted: wanted.documents,
        current: current?.documents ?? [],
        isHub,
        who,
      }),
  ],
];
