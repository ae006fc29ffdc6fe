import { listEventMarkers } from '../../../db/queries/events.server';
import {
  listForeignCountryLinks,
  listPlaceMarkers,
  listProvinceOnlyLocations,
  listProvinceReach,
} from '../../../db/queries/locations.server';
import { listImplementerLabels } from '../../../db/queries/organisations.server';
import { listAllProjectSummaries } from '../../../db/queries/projects.server';
import { resolveFilterSearch } from '../../../db/queries/search.server';
import { projectFilterSql } from '../../../db/queries/project-filter.server';
import { isLang } from '../../i18n/config';
import { parseFilter } from '../../lib/filter';
import { today } from '../../lib/clock';
import { resolveStatus } from '../../lib/dates';
import type { MapData } from '../../lib/map-data';
import type { Route } from './+types/map';

/**
 * The map widget's data: only what markers, popups and the choropleth need, in one language.
 * Loaded by the browser-only map after the page (whose lists are server-rendered) is shown.
 */
const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const langParam = search.get('lang') ?? 'en';
  if (!isLang(langParam)) {
    return Response.json(
      { error: 'lang must be one of en, zh, de', parameter: 'lang' },
      { status: 400 },
    );
  }
  // An API answers bad filter values with a 400 naming the parameter, never a guess.
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) {
    return Response.json(
      { error: problems[0]!.message, parameter: problems[0]!.parameter, problems },
      { status: 400 },
    );
  }
  const lang = langParam;
  const now = today();
  const where = projectFilterSql(resolveFilterSearch(filter), now);

  const placeMarkers = listPlaceMarkers(where);
  const provinceOnly = listProvinceOnlyLocations(where);
  const foreign = listForeignCountryLinks(where);
  const provinces = listProvinceReach(where);
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
  const summaries = listAllProjectSummaries().filter((p) => mapped.has(p.id));
  const index = new Map(summaries.map((p, i) => [p.id, i]));
  const implementers = listImplementerLabels();

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

  const data: MapData = {
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
    events: listEventMarkers().map((e) => ({
      slug: e.slug,
      title: e.title,
      type: e.type,
      startDate: e.startDate,
      startPrecision: e.startPrecision,
      endDate: e.endDate,
      endPrecision: e.endPrecision,
      isDateVerified: e.isDateVerified,
      isYearInferred: e.isYearInferred,
      place: (lang === 'zh' ? e.placeNameZh : null) ?? e.placeNameEn,
      lat: e.lat,
      lon: e.lon,
      sourceUrl: e.sourceUrl,
    })),
  };
  return Response.json(data, { headers: { 'Cache-Control': 'no-cache' } });
}
