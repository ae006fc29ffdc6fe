import { useCallback, useMemo } from 'react';
import { preload } from 'react-dom';
import { type ShouldRevalidateFunctionArgs, useLocation, useNavigate } from 'react-router';

import {
  listMappedProjectIds,
  listNationWideProjectIds,
  listProjectIdsInProvince,
  listProvinceReach,
} from '../projects/locations.server';
import { listProjectsByIds } from '../projects/projects.server';
import { FilterChips, FilterPanel, shownFacets } from '../../core/filter/filter-panel';
import { TypeBadge } from '../../core/ui/badges';
import { ExportLinks } from '../../core/filter/export-links';
import { PageTitle } from '../../core/ui/page-title';
import type { MapView } from './portfolio-map.client';
import { MAP_BASEMAPS, mapDataUrl } from './map-data';
import { useClientModule } from '../../core/ui/use-client-module';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { useBrowserNamespaces } from '../../core/i18n/page-translations';
import { shadeScale } from './choropleth';
import { MapControls } from './map-controls';
import { shadeValue } from './shade-legend';
import { MapLegend } from './map-legend';
import { getMapSymbolsInUse } from './map-data.server';
import { today } from '../../core/clock';
import { env } from '../../core/env.server';
import { filterSearchParams } from '../../core/filter/filter';
import { type MapParams, mapSearch, parseMapParams } from './map-params';
import { readPageFilter } from '../../core/filter/page-filter.server';
import type { Route } from './+types/map-page';
import { AppLink } from '../../core/ui/app-link';
import { ProjectLink } from '../../core/ui/project-link';
import { DataTable } from '../../core/ui/data-table';

/**
 * How many projects each server-rendered list shows before pointing to the project list: a
 * preview (every project is a link, and at 10 000 projects rendering 400 of them was most of the
 * page's time), with the full count in its heading.
 */
const LIST_LIMIT = 50;

export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const params = parseMapParams(search);
  const now = today();
  const { filter, problems, where, facets } = readPageFilter(search, now);
  const provinces = listProvinceReach(where);
  const selected = provinces.find((p) => p.code === params.sel) ?? null;
  const slim = (ids: number[]) =>
    listProjectsByIds(ids).map((p) => ({
      slug: p.slug,
      title: p.title,
      titleZh: p.titleZh,
      titleDe: p.titleDe,
      type: p.type,
    }));
  const mappedIds = listMappedProjectIds(where);
  const selectedIds = selected ? listProjectIdsInProvince(selected.code, where) : [];
  const nationWideIds = listNationWideProjectIds(where);
  return {
    params: { ...params, sel: selected?.code ?? null },
    filter,
    problems,
    facets: shownFacets(facets, filter),
    provinces,
    symbols: getMapSymbolsInUse(where),
    selected: selected
      ? { ...selected, total: selectedIds.length, projects: slim(selectedIds.slice(0, LIST_LIMIT)) }
      : null,
    nationWide: { total: nationWideIds.length, projects: slim(nationWideIds.slice(0, LIST_LIMIT)) },
    mapped: { total: mappedIds.length, projects: slim(mappedIds.slice(0, LIST_LIMIT)) },
    tile: env.MAP_TILE_URL
      ? { url: env.MAP_TILE_URL, attribution: env.MAP_TILE_ATTRIBUTION ?? '' }
      : null,
  };
}

// Panning and zooming only rewrite lat/lon/z in the URL; they need no new data.
export function shouldRevalidate({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  const withoutView = (url: URL) => {
    const search = new URLSearchParams(url.search);
    for (const key of ['lat', 'lon', 'z']) search.delete(key);
    return `${url.pathname}?${search.toString()}`;
  };
  if (withoutView(currentUrl) === withoutView(nextUrl)) return false;
  return defaultShouldRevalidate;
}

const loadMapWidget = () => import('./portfolio-map.client');
// In the browser the widget's code starts loading with this module, not after hydration.
if (typeof document !== 'undefined') void loadMapWidget();

/** What the map's popups (map-popups.client.ts) show besides the page's own texts. */
const POPUP_NAMESPACES = ['project', 'list', 'type', 'status', 'eventDate'];

/**
 * The browser-only map widget's module, once loaded. Its data and basemaps are asked for with
 * the page (preload links in its head), not after its code has loaded and run: the browser fetches
 * them while it loads and hydrates the page; and the texts its popups show are sent with it.
 */
function useMapModule(lang: string, filterQuery: string) {
  useBrowserNamespaces(POPUP_NAMESPACES);
  for (const url of [mapDataUrl(lang, filterQuery), MAP_BASEMAPS.world, MAP_BASEMAPS.china]) {
    preload(url, { as: 'fetch', crossOrigin: 'anonymous' });
  }
  return useClientModule(loadMapWidget);
}

type ProjectItem = Route.ComponentProps['loaderData']['mapped']['projects'][number];

function ProjectList({
  projects,
  total,
  more,
}: {
  projects: ProjectItem[];
  total: number;
  /** The project list with the page's filter, for those not shown here. */
  more: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="map-list">
        {projects.map((p) => (
          <li key={p.slug}>
            <ProjectLink project={p} /> <TypeBadge type={p.type} />
          </li>
        ))}
      </ul>
      {total > projects.length ? (
        <p>
          <AppLink to={more}>{t('map.listMore', { count: total - projects.length })}</AppLink>
        </p>
      ) : null}
    </>
  );
}

export default function MapPage({ loaderData }: Route.ComponentProps) {
  const { provinces, symbols, selected, nationWide, mapped, tile, filter, problems, facets } =
    loaderData;
  const filterQuery = filterSearchParams(filter).toString();
  // The view (lat/lon/z) changes without reloading data, so it is read from the current URL.
  const location = useLocation();
  const params: MapParams = useMemo(() => {
    const view = parseMapParams(new URLSearchParams(location.search));
    return { ...loaderData.params, lat: view.lat, lon: view.lon, z: view.z };
  }, [loaderData.params, location.search]);
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const navigate = useNavigate();
  const MapWidget = useMapModule(lang, filterQuery)?.PortfolioMap;

  const urlFor = useCallback(
    (next: Partial<MapParams>) => {
      const view = mapSearch({ ...params, ...next }).slice(1);
      const query = [filterQuery, view].filter(Boolean).join('&');
      return to(`/map${query ? `?${query}` : ''}`);
    },
    [params, to, filterQuery],
  );
  // The map's view parameters survive a change of filter.
  const keepView = Object.fromEntries(new URLSearchParams(mapSearch(params)));
  const onSelectProvince = useCallback(
    (code: string) =>
      navigate(urlFor({ sel: code === params.sel ? null : code }), {
        replace: true,
        preventScrollReset: true,
      }),
    [navigate, urlFor, params.sel],
  );
  // The view lives in the URL, so a copied link reopens it; no data is reloaded for it.
  const onViewChange = useCallback(
    (view: MapView) => navigate(urlFor(view), { replace: true, preventScrollReset: true }),
    [navigate, urlFor],
  );

  const projectList = to(`/projects${filterQuery ? `?${filterQuery}` : ''}`);
  const value = shadeValue(params.shade);
  const scale = shadeScale(provinces.map(value));
  const provinceName = (p: { nameEn: string; nameZh: string }) =>
    lang === 'zh' ? p.nameZh : p.nameEn;
  const sortedProvinces = [...provinces].sort(
    (a, b) => value(b) - value(a) || provinceName(a).localeCompare(provinceName(b)),
  );

  return (
    <>
      <PageTitle title={t('map.title')} description={t('map.lead')} />
      <h1>{t('map.title')}</h1>
      <p className="lead">{t('map.lead')}</p>
      <p className="notice notice--plain" role="note">
        {t('map.boundaryNote')}
      </p>

      <MapControls
        filter={filter}
        params={params}
        provinces={provinces}
        provinceName={provinceName}
      />

      <FilterChips action={to('/map')} filter={filter} facets={facets} keep={keepView} />

      <ExportLinks filter={filter} />
      <div className="map-layout">
        <div className="map-frame">
          {MapWidget ? (
            <MapWidget
              lang={lang}
              view={{ lat: params.lat, lon: params.lon, z: params.z }}
              layers={params.layers}
              shade={params.shade}
              selected={params.sel}
              tile={tile}
              dataQuery={filterQuery}
              onSelectProvince={onSelectProvince}
              onViewChange={onViewChange}
            />
          ) : (
            <p className="map-status">{t('map.loading')}</p>
          )}
        </div>

        <aside className="map-side" aria-label={t('map.sideLabel')}>
          <MapLegend layers={params.layers} inUse={symbols} shade={params.shade} scale={scale} />
          <FilterPanel
            action={to('/map')}
            filter={filter}
            facets={facets}
            problems={problems}
            keep={keepView}
          />

          {selected ? (
            <section aria-labelledby="selected-title" className="map-selected">
              <h2 id="selected-title">
                {t('map.selectedTitle', {
                  name: provinceName(selected),
                  count: selected.total,
                })}
              </h2>
              {selected.projects.length ? (
                <ProjectList
                  projects={selected.projects}
                  total={selected.total}
                  more={projectList}
                />
              ) : (
                <p>{t('map.selectedNone')}</p>
              )}
              <p>
                <AppLink to={urlFor({ sel: null })} replace preventScrollReset>
                  {t('map.clearSelection')}
                </AppLink>
              </p>
            </section>
          ) : null}

          <section aria-labelledby="nation-wide-title">
            <h2 id="nation-wide-title">{t('map.nationWideTitle', { count: nationWide.total })}</h2>
            <p className="muted">{t('map.nationWideNote')}</p>
            <ProjectList
              projects={nationWide.projects}
              total={nationWide.total}
              more={projectList}
            />
          </section>
        </aside>
      </div>

      <section aria-labelledby="on-map-title">
        <h2 id="on-map-title">{t('map.listTitle', { count: mapped.total })}</h2>
        <ProjectList projects={mapped.projects} total={mapped.total} more={projectList} />
      </section>

      <section aria-labelledby="province-table-title">
        <h2 id="province-table-title">{t('map.provinceTable')}</h2>
        <DataTable
          labelledBy="province-table-title"
          columns={[t('map.province'), t('map.shadeCount'), t('map.shadeFunding')]}
        >
          {sortedProvinces.map((p) => (
            <tr key={p.code} aria-current={p.code === params.sel ? 'true' : undefined}>
              <th scope="row">
                <AppLink to={urlFor({ sel: p.code })} replace preventScrollReset>
                  {provinceName(p)}
                </AppLink>
              </th>
              <td className="num">{format.count(p.projects)}</td>
              <td className="num">
                {p.withKnownFunding ? format.eur(p.knownFundingEur) : t('common.notPublished')}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
