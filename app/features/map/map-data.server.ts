import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

import type { SQL } from 'drizzle-orm';
import { hubTranslationOf, translatedTitleText } from '../../core/ui/translated-title';
import { HTML_LANG } from '../../core/i18n/config';

import { resolveStatus } from '../../../db/dates';
import type { Lang } from '../../core/i18n/config';
import type { MapData } from './map-data';
import { type Db, getDb } from '../../core/db.server';
import { listEventMarkers } from '../events/events.server';
import {
  listForeignCountryLinks,
  listPlaceMarkers,
  listProvinceOnlyLocations,
  listProvinceReach,
} from '../projects/locations.server';
import { listImplementerLabels } from '../organisations/organisations.server';
import { listAllProjectSummaries } from '../projects/projects.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import { type MapSymbolsInUse, TYPE_COLOURS, typeColour } from './map-symbols';

const gzipAsync = promisify(gzip);

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function getMapSymbolsInUse(where: SQL | undefined, db: Db = getDb()): MapSymbolsInUse {
  return cachedQuery(db, `map-symbols:${sqlKey(where)}`, () => {
    const placeIds = listPlaceMarkers(where, db).map((m) => m.projectId);
    const provinceOnly = listProvinceOnlyLocations(where, db);
    const foreign = listForeignCountryLinks(where, db);
    const onMap = new Set([
      ...placeIds,
      ...provinceOnly.map((m) => m.projectId),
      ...foreign.map((m) => m.projectId),
    ]);
    const used = new Set(
      listAllProjectSummaries(db)
        .filter((p) => onMap.has(p.id))
        .map((p) => typeColour(p.type)),
    );
    return {
      colours: TYPE_COLOURS.filter((c) => used.has(c)),
      hasCountries: foreign.length > 0,
      hasProvinceOnly: provinceOnly.length > 0,
      hasEvents: listEventMarkers(db).length > 0,
    };
  });
}

/** The map widget's data as JSON text, and the same gzipped (compressed once, off this thread). */
export interface MapDataAnswer {
  json: string;
  gzipped: Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * The map widget's data for a filter condition in one language. Remembered with the facet counts
 * until the data changes, gzipped too: at 10 000 projects it is a dozen queries and 1.6 MB of JSON
 * (200 KB gzipped), the same for every reader of the same filter, and compressing it for each
 * request cost more than everything else the request does.
 */
export function mapDataAnswer(
  where: SQL | undefined,
  lang: Lang,
  now: string,
  db: Db = getDb(),
): MapDataAnswer {
  return cachedQuery(db, `map-data:${lang}:${now}:${sqlKey(where)}`, () => {
    const json = JSON.stringify(buildMapData(where, lang, now, db));
    const gzipped = gzipAsync(json).then((b) => new Uint8Array(b));
    // A failure is the request's to report (it awaits this), not an unhandled rejection.
    gzipped.catch(() => undefined);
    return { json, gzipped };
  });
}

function buildMapData(where: SQL | undefined, lang: Lang, now: string, db: Db): MapData {
  const placeMarkers = listPlaceMarkers(where, db);
  const provinceOnly = listProvinceOnlyLocations(where, db);
  const foreign = listForeignCountryLinks(where, db);
  const provinces = listProvinceReach(where, db);
  const provinceName = (p: { nameEn: string; nameZh: string }) =>
    lang === 'zh' ? p.nameZh : p.nameEn;

  const mappedIds = [
    ...new Set([
      ...placeMarkers.map((m) => m.projectId),
      ...provinceOnly.map((m) => m.projectId),
      ...foreign.map((m) => m.projectId),
    ]),
  ];
  const mapped = new Set(mappedIds);
  const summaries = listAllProjectSummaries(db).filter((p) => mapped.has(p.id));
  const index = new Map(summaries.map((p, i) => [p.id, i]));
  const implementers = listImplementerLabels(db);

  const byProvince = new Map<string, number[]>();
  for (const { projectId, provinceCode } of provinceOnly) {
    const list = byProvince.get(provinceCode) ?? [];
    list.push(index.get(projectId)!);
    byProvince.set(provinceCode, list);
  }
  const placeIndex = new Map<string, number>();
  const placeList: MapData['placeList'] = [];
  for (const m of placeMarkers) {
    if (placeIndex.has(m.placeSlug)) continue;
    placeIndex.set(m.placeSlug, placeList.length);
    placeList.push([round(m.lat), round(m.lon), (lang === 'zh' ? m.nameZh : null) ?? m.nameEn]);
  }

  return {
    lang,
    projects: summaries.map((p) => {
      const local = lang === 'zh' ? p.titleZh : lang === 'de' ? p.titleDe : p.title;
      return [
        p.slug,
        local ?? p.title,
        !local,
        p.type,
        resolveStatus(p, now).status,
        p.startDate,
        p.startPrecision,
        p.endDate,
        p.endPrecision,
        p.ikiFundingEur,
        implementers.get(p.id) ?? '',
      ];
    }),
    placeList,
    places: placeMarkers.map((m) => [index.get(m.projectId)!, placeIndex.get(m.placeSlug)!]),
    provinceOnly: provinces
      .filter((p) => byProvince.has(p.code))
      .map((p) => ({
        code: p.code,
        name: provinceName(p),
        lat: p.labelLat,
        lon: p.labelLon,
        projects: byProvince.get(p.code)!,
      })),
    foreign: foreign.map((f) => [index.get(f.projectId)!, f.countryCode, f.numeric]),
    provinces: provinces.map((p) => ({
      code: p.code,
      name: provinceName(p),
      projects: p.projects,
      withKnownFunding: p.withKnownFunding,
      knownFundingEur: p.knownFundingEur,
    })),
    events: listEventMarkers(db).map((e) => {
      const titles = { en: e.title, zh: e.titleZh, de: e.titleDe };
      return [
        translatedTitleText(lang, titles),
        hubTranslationOf(lang, titles) ? HTML_LANG[lang] : 'en',
        e.startDate,
        e.startPrecision,
        e.endDate,
        e.endPrecision,
        e.isDateVerified,
        e.isYearInferred,
        (lang === 'zh' ? e.placeNameZh : null) ?? e.placeNameEn,
        round(e.lat),
        round(e.lon),
        e.sourceUrl,
      ];
    }),
  };
}
