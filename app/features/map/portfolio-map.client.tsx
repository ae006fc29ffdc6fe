import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

import { INTL_LOCALE, type Lang } from '../../core/i18n/config';
import { SHADE_COLOURS, shadeScale } from './choropleth';
import { MAP_BASEMAPS, type MapData, mapDataUrl } from './map-data';
import { MAP_BACKGROUNDS } from './map-symbols';
import { MAP_LAYERS, MAP_MAX_ZOOM, MAP_MIN_ZOOM, type MapLayer, type MapShade } from './map-params';
import { useTranslation } from '../../core/i18n/hooks';
import {
  type MapScene,
  type PointLayers,
  type ProvinceProps,
  pointLayers,
  provinceLayer,
} from './map-layers.client';

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

/** Leaflet and its cluster plugin touch `window`, so they load only here, in the browser. */
async function loadLeaflet(): Promise<typeof L> {
  // leaflet.markercluster is a UMD plugin that extends the global L.
  (window as unknown as { L: typeof L }).L = L;
  await import('leaflet.markercluster');
  return L;
}

/** Gives the browser the thread between the map's steps, so no step adds to a long task. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** The map at the reader's view, with tiles where configured and the map's attribution. */
function createMap(
  Leaflet: typeof L,
  node: HTMLElement,
  view: MapView,
  tile: PortfolioMapProps['tile'],
  attribution: string,
): L.Map {
  const map = Leaflet.map(node, {
    center: [view.lat, view.lon],
    zoom: view.z,
    minZoom: MAP_MIN_ZOOM,
    maxZoom: MAP_MAX_ZOOM,
    worldCopyJump: false,
    attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(attribution);
  if (tile) {
    Leaflet.tileLayer(tile.url, { attribution: tile.attribution, maxZoom: MAP_MAX_ZOOM }).addTo(
      map,
    );
  }
  return map;
}

/** The world's countries: the land under the markers (outlines only over tiles). */
function drawCountries(Leaflet: typeof L, map: L.Map, world: Topology, overTiles: boolean) {
  const countries = feature(world, world.objects.countries!) as unknown as FeatureCollection<
    Geometry,
    { name: string }
  >;
  Leaflet.geoJSON(countries, {
    interactive: false,
    style: {
      color: '#9aa5ad',
      weight: 0.6,
      fillColor: MAP_BACKGROUNDS.land,
      fillOpacity: overTiles ? 0 : 1,
    },
  }).addTo(map);
  return countries;
}

export function PortfolioMap(props: PortfolioMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<PointLayers | null>(null);
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
        fetchJson<MapData>(mapDataUrl(lang, dataQuery)),
        fetchJson<Topology>(MAP_BASEMAPS.world),
        fetchJson<Topology>(MAP_BASEMAPS.china),
      ]);
      if (cancelled) return;
      dataRef.current = data;
      const { view, tile } = propsRef.current;
      const map = createMap(Leaflet, node, view, tile, t('map.attribution'));
      mapRef.current = map;
      await nextTask();
      if (cancelled) return;
      const countries = drawCountries(Leaflet, map, world, !!tile);

      await nextTask();
      if (cancelled) return;
      const provinceShapes = feature(
        china,
        china.objects.provinces!,
      ) as unknown as FeatureCollection<Geometry, ProvinceProps>;
      const scene: MapScene = {
        L: Leaflet,
        data,
        t,
        locale,
        node,
        onSelectProvince: (code) => propsRef.current.onSelectProvince(code),
        isCancelled: () => cancelled,
        tally: new WeakMap(),
      };
      const provinces = provinceLayer(scene, provinceShapes).addTo(map);
      provincesRef.current = provinces;

      await nextTask();
      if (cancelled) return;
      const points = await pointLayers(scene, countries);
      if (!points) return;
      points.group.addTo(map);
      layersRef.current = points;
      // Ready (for readers and for the tests) once the markers of the layers that are on are drawn.
      await points.showFirst(propsRef.current.layers);
      if (cancelled) return;

      map.on('moveend', () => {
        const center = map.getCenter();
        propsRef.current.onViewChange({ lat: center.lat, lon: center.lng, z: map.getZoom() });
      });
      // For measurements (npm run bench, measure:map): when the map became usable.
      performance.mark('map-ready');
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
    for (const name of MAP_LAYERS) layers.show(name, props.layers.includes(name));
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
