import { and, asc, eq, inArray } from 'drizzle-orm';

import { HUB_NS, IATI_ROLE_TO_PROJECT_ROLE, type IatiRole, SECTOR_VOCABULARIES } from './codes';
import { type IatiActivity, anyText } from './read-types';
import {
  type MilestoneWanted,
  type ProjectValues,
  isOneOf,
  projectValues,
  wantedMilestone,
} from './import-values';
import { SLUG, type Target, findTarget } from './import-target.server';
import {
  type IndicatorWanted,
  isMilestoneResult,
  wantedIndicators,
} from './import-indicators.server';
import { type DocumentWanted, wantedDocuments } from './import-documents.server';
import { slugify } from '../../../db/slug';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  PROJECT_ROLES,
  type ProjectRole,
} from '../../../db/vocabulary';
import {
  countries,
  organisations,
  places,
  provinces,
  standardIndicators,
} from '../../../db/schema';
import type { Tx } from '../../../db/writes.server';

// What an activity means for the database: which project it is, and which organisations, places,
// countries, funding areas and topics it names, each found in the database where it exists.

export interface OrgWanted {
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

export type PlaceWanted = {
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

export type LocationWanted =
  | { kind: 'place'; place: PlaceWanted }
  | { kind: 'province'; code: string }
  | { kind: 'country'; code: string };

/** Everything an activity asks of the database, found but not yet written. */
export interface Wanted {
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
  /** The results that are not our own milestones, as indicators (standard indicator found). */
  indicators: (IndicatorWanted & { standardIndicatorId: number | null })[];
  related: { relation: 'predecessor' | 'successor'; identifier: string }[];
  /** The activity's document links (decision 0072). */
  documents: DocumentWanted[];
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

/** Where the problems found comparing with the database go (see collector in import-plan). */
export interface Reporter {
  /** line: of the element the problem is about (default: the activity's). */
  warn(a: IatiActivity, message: string, line?: number): void;
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
        a.countries.find((c) => c.code === code)?.line,
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

export function wanted(tx: Tx, a: IatiActivity, ownRef: string, report: Reporter): Wanted {
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
    milestones: a.results.filter(isMilestoneResult).map(wantedMilestone),
    indicators: wantedIndicatorsOf(tx, a, report),
    related: a.related.flatMap((r) =>
      r.hub.relation === 'predecessor' || r.hub.relation === 'successor'
        ? [{ relation: r.hub.relation, identifier: r.ref }]
        : [],
    ),
    documents: wantedDocuments(a, (message, line) => report.warn(a, message, line)),
  };
}

/** The activity's indicators, each with the hub's standard indicator its reference names. */
function wantedIndicatorsOf(tx: Tx, a: IatiActivity, report: Reporter) {
  const list = wantedIndicators(a, (line, message) => report.warn(a, message, line));
  return list.map((i) => {
    const standard =
      i.standardCode === null
        ? undefined
        : tx
            .select({ id: standardIndicators.id })
            .from(standardIndicators)
            .where(eq(standardIndicators.code, i.standardCode))
            .get();
    if (i.standardCode !== null && !standard) {
      report.warn(
        a,
        `Standard indicator "${i.standardCode}" is not in the hub's list; the indicator is kept without it.`,
        i.line,
      );
    }
    return { ...i, standardIndicatorId: standard?.id ?? null };
  });
}
