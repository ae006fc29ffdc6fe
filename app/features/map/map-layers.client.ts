import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import type L from 'leaflet';
import type { TFunction } from 'i18next';

import { countryName } from '../../core/format';
import { countElement, textElement as el } from '../../core/ui/text-element';
import type { MapData } from './map-data';
import { eventPopup, projectPopup } from './map-popups.client';

// The layers of the portfolio map, built from /api/map's data: provinces, project markers (by
// place, by province only, by country for regional projects) and events.

export type ProvinceProps = { iso_3166_2: string; name_en: string; name_zh: string };

/** What every layer builder needs: Leaflet, the data, the page's language, the map's node. */
export interface MapScene {
  L: typeof L;
  data: MapData;
  t: TFunction<'translation'>;
  locale: string;
  node: HTMLElement;
  onSelectProvince: (code: string) => void;
  /** Whether the map was taken down meanwhile (a new language or filter): stop building. */
  isCancelled: () => boolean;
}

const MARKER_SLICE = 1000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Adds markers in slices with a pause between, so no single task blocks the page. */
async function addInSlices<T>(
  scene: MapScene,
  items: T[],
  add: (markers: L.Marker[]) => void,
  make: (item: T) => L.Marker,
): Promise<boolean> {
  for (let start = 0; start < items.length; start += MARKER_SLICE) {
    add(items.slice(start, start + MARKER_SLICE).map(make));
    await nextTask();
    if (scene.isCancelled()) return false;
  }
  return true;
}

/** A cluster group whose icon shows the count, labelled for screen readers. */
function clusterGroup(
  scene: MapScene,
  kind: 'projects' | 'countries' | 'events',
  size: number,
  options: L.MarkerClusterGroupOptions,
): L.MarkerClusterGroup {
  const { L: Leaflet, t } = scene;
  return Leaflet.markerClusterGroup({
    chunkedLoading: true,
    chunkInterval: 50,
    showCoverageOnHover: false,
    ...options,
    iconCreateFunction: (cluster) => {
      const count = cluster.getChildCount();
      const label =
        kind === 'events'
          ? t('map.eventClusterLabel', { count })
          : t('map.clusterLabel', { count });
      return Leaflet.divIcon({
        html: countElement(count, label),
        className: `marker-cluster marker-cluster--${kind}`,
        iconSize: Leaflet.point(size, size),
      });
    },
  });
}

/** The provinces, each a button (click, Enter or Space) that selects it. */
export function provinceLayer(
  scene: MapScene,
  provinces: FeatureCollection<Geometry, ProvinceProps>,
): L.GeoJSON {
  const { L: Leaflet, data, t } = scene;
  return Leaflet.geoJSON(provinces, {
    style: () => ({ color: '#51606b', weight: 0.8, fillOpacity: 0.85 }),
    onEachFeature: (f: Feature<Geometry, ProvinceProps>, layer) => {
      const code = f.properties.iso_3166_2;
      const info = data.provinces.find((p) => p.code === code);
      const name = info?.name ?? f.properties.name_en;
      const label = t('map.provinceLabel', { name, count: info?.projects ?? 0 });
      layer.bindTooltip(el('span', label), { sticky: true });
      layer.on('click', () => scene.onSelectProvince(code));
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
            scene.onSelectProvince(code);
          }
        });
      });
    },
  });
}

/** One project's marker at one place; hovering or focusing it highlights its other places. */
function projectMarker(
  scene: MapScene,
  index: number,
  at: [number, number],
  where: string,
  kind: string,
) {
  const { L: Leaflet, data, node } = scene;
  const [, title, , type] = data.projects[index]!;
  const marker = Leaflet.marker(at, {
    icon: Leaflet.divIcon({
      className: `map-marker map-marker--${kind} map-marker--${type} map-project-${index}`,
      iconSize: Leaflet.point(14, 14),
    }),
    title: `${title} — ${where}`,
    keyboard: true,
  });
  marker.bindPopup(() => projectPopup(data, index, where, scene.t, scene.locale));
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
}

/** Projects located only by province sit on the province, one badge per province. */
function provinceOnlyMarker(scene: MapScene, p: MapData['provinceOnly'][number]): L.Marker {
  const { L: Leaflet, t } = scene;
  const marker = Leaflet.marker([p.lat, p.lon], {
    icon: Leaflet.divIcon({
      className: 'map-marker map-marker--province',
      html: countElement(p.projects.length),
      iconSize: Leaflet.point(24, 24),
    }),
    title: t('map.provinceOnlyLabel', { name: p.name, count: p.projects.length }),
    keyboard: true,
  });
  marker.on('click', () => scene.onSelectProvince(p.code));
  marker.on('keypress', (event) => {
    if ((event.originalEvent as KeyboardEvent).key === 'Enter') scene.onSelectProvince(p.code);
  });
  return marker;
}

function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  }
  return Math.abs(area / 2);
}

/** A point inside a country for its marker: the centre of its largest polygon's outer ring. */
function countryAnchor(Leaflet: typeof L, geometry: Geometry): L.LatLng | null {
  const polygons: Position[][][] =
    geometry.type === 'Polygon'
      ? [(geometry as Polygon).coordinates]
      : geometry.type === 'MultiPolygon'
        ? (geometry as MultiPolygon).coordinates
        : [];
  const largest = polygons.map((p) => p[0] ?? []).sort((a, b) => ringArea(b) - ringArea(a))[0];
  if (!largest || largest.length === 0) return null;
  const bounds = Leaflet.latLngBounds(
    largest.map(([lon, lat]) => [lat!, lon!] as [number, number]),
  );
  return bounds.getCenter();
}

/** Regional projects appear in every participating country (clustered per country). */
function countryClusters(
  scene: MapScene,
  countries: FeatureCollection<Geometry, { name: string }>,
): L.MarkerClusterGroup {
  const clusters = clusterGroup(scene, 'countries', 32, {});
  const anchors = new Map<string, L.LatLng | null>();
  const markers: L.Marker[] = [];
  for (const [index, alpha2, numeric] of scene.data.foreign) {
    if (!anchors.has(numeric)) {
      const f = countries.features.find((c) => String(c.id) === numeric);
      anchors.set(numeric, f ? countryAnchor(scene.L, f.geometry) : null);
    }
    const anchor = anchors.get(numeric);
    if (!anchor) continue;
    const where = countryName(alpha2, scene.locale);
    markers.push(projectMarker(scene, index, [anchor.lat, anchor.lng], where, 'country'));
  }
  clusters.addLayers(markers);
  return clusters;
}

/**
 * The projects layer: one marker per (project, place with coordinates), clustered with counts;
 * province-only badges; regional projects by country. Null when the map was taken down meanwhile.
 */
export async function projectsLayer(
  scene: MapScene,
  countries: FeatureCollection<Geometry, { name: string }>,
): Promise<L.LayerGroup | null> {
  const layer = scene.L.layerGroup();
  const clusters = clusterGroup(scene, 'projects', 36, { maxClusterRadius: 50 });
  layer.addLayer(clusters);
  const { data } = scene;
  const done = await addInSlices(
    scene,
    data.places,
    (m) => clusters.addLayers(m),
    ([i, place]) => {
      const [lat, lon, name] = data.placeList[place]!;
      return projectMarker(scene, i, [lat, lon], name, 'place');
    },
  );
  if (!done) return null;
  for (const p of data.provinceOnly) layer.addLayer(provinceOnlyMarker(scene, p));
  layer.addLayer(countryClusters(scene, countries));
  return layer;
}

/** The events layer, clustered; null when the map was taken down meanwhile. */
export async function eventsLayer(scene: MapScene): Promise<L.MarkerClusterGroup | null> {
  const { L: Leaflet, t, locale } = scene;
  const layer = clusterGroup(scene, 'events', 32, {
    // Events in one city share coordinates; from this zoom on each is its own marker.
    disableClusteringAtZoom: 7,
    maxClusterRadius: 40,
  });
  const marker = (e: MapData['events'][number]) => {
    const m = Leaflet.marker([e.lat, e.lon], {
      icon: Leaflet.divIcon({
        className: 'map-marker map-marker--event',
        iconSize: Leaflet.point(14, 14),
      }),
      title: `${e.title} — ${e.place}`,
      keyboard: true,
    });
    m.bindPopup(() => eventPopup(e, t, locale));
    return m;
  };
  const done = await addInSlices(scene, scene.data.events, (m) => layer.addLayers(m), marker);
  return done ? layer : null;
}
