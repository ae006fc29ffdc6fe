import { asc, eq } from 'drizzle-orm';

import { iatiIdentifierOf } from './write';
import { MILESTONE_KEYS, type MilestoneWanted, PROJECT_VALUE_KEYS } from './import-values';
import type { LocationWanted, Wanted } from './import-wanted.server';
import { INDICATOR_KEYS, PERIOD_KEYS } from './import-indicators.server';
import {
  type CurrentDocument,
  documentChanges,
  hasDocumentChanges,
  readCurrentDocuments,
} from './import-documents.server';
import { milestoneColumns } from '../milestones/milestones.server';
import type { ProjectRole } from '../../../db/vocabulary';
import {
  fundingAreas,
  indicatorPeriods,
  indicators,
  milestones,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectOrganisations,
  projectTopics,
  projects,
  topics,
} from '../../../db/schema';
import type { Tx } from '../../../db/writes.server';

// Comparing what an activity wants with what the database holds: the fields that would change.

/** A project as the database holds it, in the terms of Wanted. */
export interface Current {
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
  indicators: CurrentIndicator[];
  related: { predecessor: string | null; successor: string | null };
  documents: CurrentDocument[];
}

/** An indicator as the database holds it, with its periods, in the terms of the import. */
export type CurrentIndicator = Record<(typeof INDICATOR_KEYS)[number], unknown> & {
  id: number;
  standardIndicatorId: number | null;
  periods: (Record<(typeof PERIOD_KEYS)[number], unknown> & { id: number })[];
};

function readIndicators(tx: Tx, projectId: number): CurrentIndicator[] {
  const rows = tx
    .select()
    .from(indicators)
    .where(eq(indicators.projectId, projectId))
    .orderBy(asc(indicators.position), asc(indicators.id))
    .all();
  return rows.map((row) => ({
    ...row,
    periods: tx
      .select()
      .from(indicatorPeriods)
      .where(eq(indicatorPeriods.indicatorId, row.id))
      .orderBy(asc(indicatorPeriods.periodStart), asc(indicatorPeriods.id))
      .all(),
  }));
}

export function readCurrent(tx: Tx, id: number, ownRef: string): Current {
  const row = tx.select().from(projects).where(eq(projects.id, id)).get()!;
  const values = Object.fromEntries(PROJECT_VALUE_KEYS.map((k) => [k, row[k]]));
  const phase = (phaseId: number | null) => {
    const other =
      phaseId === null
        ? undefined
        : tx
            .select({ slug: projects.slug, iatiIdentifier: projects.iatiIdentifier })
            .from(projects)
            .where(eq(projects.id, phaseId))
            .get();
    return other ? iatiIdentifierOf(other, ownRef) : null;
  };
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
    indicators: readIndicators(tx, id),
    related: { predecessor: phase(row.predecessorId), successor: phase(row.successorId) },
    documents: readCurrentDocuments(tx, id),
  };
}

/** JSON with object keys sorted, so {female, male} and {male, female} are the same. */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Indicators are matched by title and result title, in order; returns the current one for each
 * wanted (null: new).
 */
export function matchIndicators(wantedList: Wanted['indicators'], current: CurrentIndicator[]) {
  const free = [...current];
  return wantedList.map((w) => {
    const i = free.findIndex(
      (c) => c.title === w.values.title && c.resultTitle === w.values.resultTitle,
    );
    return i === -1 ? null : free.splice(i, 1)[0]!;
  });
}

/** Whether an indicator (its columns, standard indicator and periods) differs from the file. */
export function indicatorDiffers(w: Wanted['indicators'][number], c: CurrentIndicator | null) {
  if (!c) return true;
  if (INDICATOR_KEYS.some((k) => !same(c[k], w.values[k]))) return true;
  if (c.standardIndicatorId !== w.standardIndicatorId) return true;
  if (c.periods.length !== w.periods.length) return true;
  return w.periods.some((p) => {
    const cp = c.periods.find(
      (x) => x.periodStart === p.periodStart && x.periodEnd === p.periodEnd,
    );
    return !cp || PERIOD_KEYS.some((k) => !same(cp[k], p[k]));
  });
}

export const locationKey = (l: {
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
export function matchMilestones(wantedList: MilestoneWanted[], current: Current['milestones']) {
  const free = [...current];
  return wantedList.map((m) => {
    const i = free.findIndex((c) => c.title === m.title && c.kind === m.kind);
    return i === -1 ? null : free.splice(i, 1)[0]!;
  });
}
/** Sets: an imported activity must match exactly; a hub project must hold what the file lists. */
function setDiffers(wantedKeys: (string | null)[], currentKeys: string[], isHub: boolean) {
  if (wantedKeys.some((k) => k === null)) return true;
  const have = new Set(currentKeys);
  const want = new Set(wantedKeys as string[]);
  if ([...want].some((k) => !have.has(k))) return true;
  return !isHub && [...have].some((k) => !want.has(k));
}

const fundingAreaKey = (f: { slug: string; isInferred: boolean }) => `${f.slug}:${f.isInferred}`;

/** Compares with the database and names what would change ([] when nothing). */
export function changedFields(w: Wanted, current: Current | null): string[] {
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
      ...(w.indicators.length ? ['indicators'] : []),
      ...w.related.map((r) => r.relation),
      ...(w.documents.length ? ['documents'] : []),
    ];
  }
  const fields = Object.entries(w.values)
    .filter(([k, v]) => !same(current.values[k], v))
    .map(([k]) => k);

  const orgKey = (id: number | null, role: string, nameAsWritten: string | null) =>
    id === null ? null : isHub ? `${id}:${role}` : `${id}:${role}:${nameAsWritten ?? ''}`;
  const sets: [string, (string | null)[], string[]][] = [
    [
      'organisations',
      w.organisations.map((o) => orgKey(o.id, o.role, o.nameAsWritten)),
      current.organisations.map((o) => orgKey(o.organisationId, o.role, o.nameAsWritten)!),
    ],
    ['countries', w.countries, current.countries],
    ['locations', w.locations.map(wantedLocationKey), current.locations.map(locationKey)],
    ['fundingAreas', w.fundingAreas.map(fundingAreaKey), current.fundingAreas.map(fundingAreaKey)],
    ['topics', w.topics.map((t) => t.slug), current.topics],
  ];
  for (const [field, wantedKeys, currentKeys] of sets) {
    if (setDiffers(wantedKeys, currentKeys, isHub)) fields.push(field);
  }
  const matched = matchMilestones(w.milestones, current.milestones);
  if (
    matched.some((c, i) => !c || MILESTONE_KEYS.some((k) => !same(c[k], w.milestones[i]![k]))) ||
    (!isHub && current.milestones.length !== w.milestones.length)
  ) {
    fields.push('milestones');
  }
  const matchedIndicators = matchIndicators(w.indicators, current.indicators);
  if (
    w.indicators.some((x, i) => indicatorDiffers(x, matchedIndicators[i]!)) ||
    (!isHub && current.indicators.length !== w.indicators.length)
  ) {
    fields.push('indicators');
  }
  for (const relation of ['predecessor', 'successor'] as const) {
    const wantedRelation = w.related.find((r) => r.relation === relation)?.identifier ?? null;
    if (isHub && wantedRelation === null) continue;
    if (wantedRelation !== current.related[relation]) fields.push(relation);
  }
  if (hasDocumentChanges(documentChanges(w.documents, current.documents, isHub))) {
    fields.push('documents');
  }
  return fields;
}
