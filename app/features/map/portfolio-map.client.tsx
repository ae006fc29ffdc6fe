import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

import { INTL_LOCALE, type Lang, localizePath } from '../../core/i18n/config';
import { SHADE_COLOURS, shadeScale } from './choropleth';
import { countryName, formatEur, formatPeriod } from '../../core/format';
import type { MapData } from './map-data';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM, type MapLayer, type MapShade } from './map-params';
import { useTranslation } from '../../core/i18n/hooks';
import { countElement, textElement as el, webHref } from '../../core/ui/text-element';

export interface MapView {
  lat: number;
  lon: number;
  z: number;
}

export interface PortfolioMapProps {
  lang: Lang;
  view: MapView;
  layers: MapLayer[];
  shade: MapShade;
  selected: string | null;
  tile: { url: string; attribution: string } | null;
  /** The shared filter as a query string; the markers follow it. */
  dataQuery: string;
  onSelectProvince: (code: string) => void;
  onViewChange: (view: MapView) => void;
}

type ProvinceProps = { iso_3166_2: string; name_en: string; name_zh: string };

const MARKER_SLICE = 1000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Leaflet and its cluster plugin touch `window`, so they load only here, in the browser. */
async function loadLeaflet(): Promise<typeof L> {
  // leaflet.markercluster is a UMD plugin that extends the global L.
  (window as unknown as { L: typeof L }).L = L;
  await import('leaflet.markercluster');
  return L;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  }
  return Math.abs(area / 2);
}

/** A point inside a country for its marker: the centre of its largest polygon's outer ring. */
function countryAnchor(geometry: Geometry): L.LatLng | null {
  const polygons: Position[][][] =
    geometry.type === 'Polygon'
      ? [(geometry as Polygon).coordinates]
      : geometry.type === 'MultiPolygon'
        ? (geometry as MultiPolygon).coordinates
        : [];
  const largest = polygons.map((p) => p[0] ?? []).sort((a, b) => ringArea(b) - ringArea(a))[0];
  if (!largest || largest.length === 0) return null;
  const bounds = L.latLngBounds(largest.map(([lon, lat]) => [lat!, lon!] as [number, number]));
  return bounds.getCenter();
}

export function PortfolioMap(props: PortfolioMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<{ projects: L.LayerGroup; events: L.LayerGroup } | null>(null);
  const provincesRef = useRef<L.GeoJSON | null>(null);
  const dataRef = useRef<MapData | null>(null);
  const propsRef = useRef(props);
  const tRef = useRef(t);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const lang = props.lang;
  const dataQuery = props.dataQuery;

  useEffect(() => {
    propsRef.current = props;
    tRef.current = t;
  });

  // Build the map once; later prop changes restyle it without rebuilding.
  useEffect(() => {
    let cancelled = false;
    const node = container.current;
    if (!node) return;
    const t = tRef.current;
    const locale = INTL_LOCALE[lang];
    (async () => {
      const [Leaflet, data, world, china] = await Promise.all([
        loadLeaflet(),
        fetchJson<MapData>(`/api/map?lang=${lang}${dataQuery ? `&${dataQuery}` : ''}`),
        fetchJson<Topology>('/geo/world-countries-110m.topo.json'),
        fetchJson<Topology>('/geo/china-provinces.simplified.topo.json'),
      ]);
      if (cancelled) return;
      dataRef.current = data;
      const { view } = propsRef.current;
      const map = Leaflet.map(node, {
        center: [view.lat, view.lon],
        zoom: view.z,
        minZoom: MAP_MIN_ZOOM,
        maxZoom: MAP_MAX_ZOOM,
        worldCopyJump: false,
        attributionControl: true,
      });
      mapRef.current = map;
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(t('map.attribution'));
      const { tile } = propsRef.current;
      if (tile) {
        Leaflet.tileLayer(tile.url, { attribution: tile.attribution, maxZoom: MAP_MAX_ZOOM }).addTo(
          map,
        );
      }

      const countries = feature(world, world.objects.countries!) as unknown as FeatureCollection<
        Geometry,
        { name: string }
      >;
      Leaflet.geoJSON(countries, {
        interactive: false,
        style: { color: '#9aa5ad', weight: 0.6, fillColor: '#f7f7f2', fillOpacity: tile ? 0 : 1 },
      }).addTo(map);

      const provinces = feature(china, china.objects.provinces!) as unknown as FeatureCollection<
        Geometry,
        ProvinceProps
      >;
      const provinceLayer = Leaflet.geoJSON(provinces, {
        style: () => ({ color: '#51606b', weight: 0.8, fillOpacity: 0.85 }),
        onEachFeature: (f: Feature<Geometry, ProvinceProps>, layer) => {
          const code = f.properties.iso_3166_2;
          const info = data.provinces.find((p) => p.code === code);
          const name = info?.name ?? f.properties.name_en;
          const label = t('map.provinceLabel', { name, count: info?.projects ?? 0 });
          layer.bindTooltip(el('span', label), { sticky: true });
          layer.on('click', () => propsRef.current.onSelectProvince(code));
          layer.on('add', () => {
            const path = (layer as L.Path).getElement();
            if (!path) return;
            path.setAttribute('role', 'button');
            path.setAttribute('tabindex', '0');
            path.setAttribute('aria-label', label);
            path.setAttribute('data-province', code);
            path.addEventListener('keydown', (event) => {
              const key = (event as KeyboardEvent).key;
              if (key === 'Enter' || key === ' ') {
                event.preventDefault();
                propsRef.current.onSelectProvince(code);
              }
            });
          });
        },
      }).addTo(map);
      provincesRef.current = provinceLayer;

      // Markers: one per (project, place with coordinates), clustered with counts.
      const projectLayer = Leaflet.layerGroup();
      const clusters = Leaflet.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 50,
        showCoverageOnHover: false,
        maxClusterRadius: 50,
        iconCreateFunction: (cluster) => {
          const count = cluster.getChildCount();
          return Leaflet.divIcon({
            html: countElement(count, t('map.clusterLabel', { count })),
            className: 'marker-cluster marker-cluster--projects',
            iconSize: Leaflet.point(36, 36),
          });
        },
      });
      const markerFor = (index: number, lat: number, lon: number, where: string, kind: string) => {
        const [, title, , type] = data.projects[index]!;
        const marker = Leaflet.marker([lat, lon], {
          icon: Leaflet.divIcon({
            className: `map-marker map-marker--${kind} map-marker--${type} map-project-${index}`,
            iconSize: Leaflet.point(14, 14),
          }),
          title: `${title} — ${where}`,
          keyboard: true,
        });
        marker.bindPopup(() => projectPopup(index, where));
        const highlight = (on: boolean) =>
          node
            .querySelectorAll(`.map-project-${index}`)
            .forEach((m) => m.classList.toggle('is-highlighted', on));
        marker.on('mouseover', () => highlight(true));
        marker.on('mouseout', () => highlight(false));
        marker.on('add', () => {
          const icon = marker.getElement();
          icon?.addEventListener('focus', () => highlight(true));
          icon?.addEventListener('blur', () => highlight(false));
        });
        return marker;
      };
      const projectPopup = (index: number, where: string) => {
        const [slug, name, isUntranslated, type, status, start, startP, end, endP, funding, orgs] =
          data.projects[index]!;
        const box = el('div', undefined, 'map-popup');
        const title = el('a', name, 'map-popup__title');
        title.href = localizePath(`/projects/${slug}`, data.lang as Lang);
        if (isUntranslated) title.lang = 'en';
        box.append(title);
        const rows: [string, string][] = [
          [t('map.where'), where],
          [t('project.type'), t(`type.${type}`)],
          [t('project.status'), t(`status.${status}`)],
          [
            t('map.dates'),
            formatPeriod(
              { value: start, precision: startP },
              { value: end, precision: endP },
              locale,
              t('common.notPublished'),
            ) ?? t('common.notPublished'),
          ],
          [
            t('project.funding'),
            funding === null ? t('common.notPublished') : formatEur(funding, locale),
          ],
          [t('list.implementers'), orgs || t('common.notPublished')],
        ];
        const dl = el('dl');
        for (const [term, value] of rows) dl.append(el('dt', term), el('dd', value));
        box.append(dl);
        return box;
      };
      projectLayer.addLayer(clusters);
      // Markers are made in slices with a pause between, so no single task blocks the page.
      for (let start = 0; start < data.places.length; start += MARKER_SLICE) {
        clusters.addLayers(
          data.places.slice(start, start + MARKER_SLICE).map(([i, placeIndex]) => {
            const [lat, lon, name] = data.placeList[placeIndex]!;
            return markerFor(i, lat, lon, name, 'place');
          }),
        );
        await nextTask();
        if (cancelled) return;
      }

      // Projects located only by province sit on the province, one badge per province.
      for (const p of data.provinceOnly) {
        const marker = Leaflet.marker([p.lat, p.lon], {
          icon: Leaflet.divIcon({
            className: 'map-marker map-marker--province',
            html: countElement(p.projects.length),
            iconSize: Leaflet.point(24, 24),
          }),
          title: t('map.provinceOnlyLabel', { name: p.name, count: p.projects.length }),
          keyboard: true,
        });
        marker.on('click', () => propsRef.current.onSelectProvince(p.code));
        marker.on('keypress', (event) => {
          if ((event.originalEvent as KeyboardEvent).key === 'Enter')
            propsRef.current.onSelectProvince(p.code);
        });
        projectLayer.addLayer(marker);
      }

      // Regional projects appear in every participating country (clustered per country).
      const countryClusters = Leaflet.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 50,
        showCoverageOnHover: false,
        iconCreateFunction: (cluster) => {
          const count = cluster.getChildCount();
          return Leaflet.divIcon({
            html: countElement(count, t('map.clusterLabel', { count })),
            className: 'marker-cluster marker-cluster--countries',
            iconSize: Leaflet.point(32, 32),
          });
        },
      });
      const anchors = new Map<string, L.LatLng | null>();
      const countryMarkers: L.Marker[] = [];
      for (const [index, alpha2, numeric] of data.foreign) {
        if (!anchors.has(numeric)) {
          const f = countries.features.find((c) => String(c.id) === numeric);
          anchors.set(numeric, f ? countryAnchor(f.geometry) : null);
        }
        const anchor = anchors.get(numeric);
        if (!anchor) continue;
        countryMarkers.push(
          markerFor(index, anchor.lat, anchor.lng, countryName(alpha2, locale), 'country'),
        );
      }
      countryClusters.addLayers(countryMarkers);
      projectLayer.addLayer(countryClusters);

      const eventLayer = Leaflet.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 50,
        // Events in one city share coordinates; from this zoom on each is its own marker.
        disableClusteringAtZoom: 7,
        showCoverageOnHover: false,
        maxClusterRadius: 40,
        iconCreateFunction: (cluster) => {
          const count = cluster.getChildCount();
          return Leaflet.divIcon({
            html: countElement(count, t('map.eventClusterLabel', { count })),
            className: 'marker-cluster marker-cluster--events',
            iconSize: Leaflet.point(32, 32),
          });
        },
      });
      const eventMarker = (e: MapData['events'][number]) => {
        const marker = Leaflet.marker([e.lat, e.lon], {
          icon: Leaflet.divIcon({
            className: 'map-marker map-marker--event',
            iconSize: Leaflet.point(14, 14),
          }),
          title: `${e.title} — ${e.place}`,
          keyboard: true,
        });
        marker.bindPopup(() => {
          const box = el('div', undefined, 'map-popup');
          box.append(el('strong', e.title, 'map-popup__title'));
          box.lastElementChild?.setAttribute('lang', 'en');
          const when =
            formatPeriod(
              { value: e.startDate, precision: e.startPrecision },
              { value: e.endDate ?? e.startDate, precision: e.endPrecision ?? e.startPrecision },
              locale,
              t('common.notPublished'),
            ) ?? t('eventDate.notPublished');
          const certainty = e.isYearInferred
            ? ` ${t('eventDate.yearInferred')}`
            : !e.isDateVerified
              ? ` ${t('eventDate.notVerified')}`
              : '';
          box.append(el('p', `${when}${certainty} · ${e.place}`));
          const source = webHref(e.sourceUrl);
          if (source) {
            const link = el('a', t('common.sourceLink'));
            link.href = source;
            link.rel = 'noreferrer';
            box.append(link);
          }
          return box;
        });
        return marker;
      };
      for (let start = 0; start < data.events.length; start += MARKER_SLICE) {
        eventLayer.addLayers(data.events.slice(start, start + MARKER_SLICE).map(eventMarker));
        await nextTask();
        if (cancelled) return;
      }
      layersRef.current = { projects: projectLayer, events: eventLayer };

      map.on('moveend', () => {
        const center = map.getCenter();
        propsRef.current.onViewChange({ lat: center.lat, lon: center.lng, z: map.getZoom() });
      });
      setState('ready');
    })().catch((error: unknown) => {
      console.error(error);
      if (!cancelled) setState('failed');
    });
    return () => {
      cancelled = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
    // Built once per language and filter; view, layers, shade and selection are applied below.
  }, [lang, dataQuery]);

  // Layers on/off.
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!map || !layers || state !== 'ready') return;
    for (const name of ['projects', 'events'] as const) {
      const on = props.layers.includes(name);
      if (on && !map.hasLayer(layers[name])) layers[name].addTo(map);
      if (!on && map.hasLayer(layers[name])) map.removeLayer(layers[name]);
    }
  }, [props.layers, state]);

  // Choropleth and selection.
  useEffect(() => {
    const layer = provincesRef.current;
    const data = dataRef.current;
    if (!layer || !data || state !== 'ready') return;
    const value = (p: MapData['provinces'][number]) =>
      props.shade === 'funding' ? p.knownFundingEur : p.projects;
    const scale = shadeScale(data.provinces.map(value));
    layer.setStyle((f) => {
      const code = (f as Feature<Geometry, ProvinceProps>).properties.iso_3166_2;
      const info = data.provinces.find((p) => p.code === code);
      const isSelected = code === props.selected;
      return {
        fillColor: SHADE_COLOURS[info ? scale.classOf(value(info)) : 0],
        color: isSelected ? '#b35900' : '#51606b',
        weight: isSelected ? 3 : 0.8,
      };
    });
    layer.eachLayer((l) => {
      const code = ((l as L.GeoJSON).feature as Feature<Geometry, ProvinceProps>).properties
        .iso_3166_2;
      const path = (l as L.Path).getElement();
      path?.setAttribute('aria-pressed', code === props.selected ? 'true' : 'false');
      if (code === props.selected) (l as L.Path).bringToFront();
    });
  }, [props.shade, props.selected, state]);

  return (
    <div className="map-widget">
      <div
        ref={container}
        className="map-canvas"
        role="region"
        aria-label={t('map.canvasLabel')}
        data-state={state}
      />
      {state === 'loading' ? <p className="map-status">{t('map.loading')}</p> : null}
      {state === 'failed' ? (
        <p className="map-status" role="alert">
          {t('map.failed')}
        </p>
      ) : null}
    </div>
  );
}
