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
import { textElement as el } from '../../core/ui/text-element';
import type { MapData, MapEvent } from './map-data';
import type { MapLayer } from './map-params';
import { type ClusterShares, typeColour } from './map-symbols';
import { clusterIcon, markerIcon } from './map-icons.client';
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
  /** What each marker adds to a cluster's count and band. */
  tally: WeakMap<L.Marker, MarkerTally>;
}

export interface MarkerTally {
  part: 'places' | 'countries' | 'provinceOnly' | 'events';
  weight: number;
  shares: ClusterShares;
}

/**
 * Which marker lies on top where two touch (a spiderfied cluster's legs, a marker beside a
 * cluster): a project before an event, an event before a province-only square, which covers the
 * most ground and is also reached through its province.
 */
const Z_OFFSET = { project: 1000, event: 0, province: -1000 } as const;

const MARKER_SLICE = 1000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Makes markers in slices with a pause between, so no single task blocks the page. */
async function makeInSlices<T>(
  scene: MapScene,
  items: T[],
  into: L.Marker[],
  make: (item: T) => L.Marker,
): Promise<boolean> {
  for (let start = 0; start < items.length; start += MARKER_SLICE) {
    into.push(...items.slice(start, start + MARKER_SLICE).map(make));
    await nextTask();
    if (scene.isCancelled()) return false;
  }
  return true;
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
  kind: 'place' | 'country',
): L.Marker {
  const { L: Leaflet, data, node } = scene;
  const [, title, , type] = data.projects[index]!;
  const colour = typeColour(type);
  const marker = Leaflet.marker(at, {
    icon: markerIcon(Leaflet, kind, colour, `map-marker--${type} map-project-${index}`),
    title: `${title} — ${where}`,
    keyboard: true,
    zIndexOffset: Z_OFFSET.project,
  });
  scene.tally.set(marker, {
    part: kind === 'place' ? 'places' : 'countries',
    weight: 1,
    shares: { [colour]: 1 },
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

/** Projects located only by province sit on the province, one square per province. */
function provinceOnlyMarker(scene: MapScene, p: MapData['provinceOnly'][number]): L.Marker {
  const { L: Leaflet, t } = scene;
  const marker = Leaflet.marker([p.lat, p.lon], {
    icon: markerIcon(Leaflet, 'province', 'other', '', p.projects.length),
    title: t('map.provinceOnlyLabel', { name: p.name, count: p.projects.length }),
    keyboard: true,
    zIndexOffset: Z_OFFSET.province,
  });
  // Counted in a cluster by the type of each of its projects.
  const shares: ClusterShares = {};
  for (const i of p.projects) {
    const colour = typeColour(scene.data.projects[i]![3]);
    shares[colour] = (shares[colour] ?? 0) + 1;
  }
  scene.tally.set(marker, { part: 'provinceOnly', weight: p.projects.length, shares });
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

/** Regional projects appear in every participating country, each a marker there. */
function countryMarkers(
  scene: MapScene,
  countries: FeatureCollection<Geometry, { name: string }>,
): L.Marker[] {
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
  return markers;
}

function eventMarker(scene: MapScene, e: MapEvent): L.Marker {
  const { L: Leaflet, t, locale } = scene;
  const [title, , , , , , , , place, lat, lon] = e;
  const m = Leaflet.marker([lat, lon], {
    icon: markerIcon(Leaflet, 'event', 'other', ''),
    title: `${title} — ${place}`,
    keyboard: true,
    zIndexOffset: Z_OFFSET.event,
  });
  scene.tally.set(m, { part: 'events', weight: 1, shares: { event: 1 } });
  m.bindPopup(() => eventPopup(e, t, locale));
  return m;
}

/** A cluster's icon: how many it holds, its band by type and events, its parts for the ear. */
function clusterIconOf(scene: MapScene, cluster: L.MarkerCluster): L.DivIcon {
  const { t } = scene;
  const parts = { places: 0, countries: 0, provinceOnly: 0, events: 0 };
  const shares: ClusterShares = {};
  for (const child of cluster.getAllChildMarkers()) {
    const tally = scene.tally.get(child);
    if (!tally) continue;
    parts[tally.part] += tally.weight;
    for (const [key, n] of Object.entries(tally.shares) as [keyof ClusterShares, number][]) {
      shares[key] = (shares[key] ?? 0) + n;
    }
  }
  const count = parts.places + parts.countries + parts.provinceOnly + parts.events;
  const label = [
    parts.places ? t('map.clusterLabel', { count: parts.places }) : null,
    parts.countries ? t('map.clusterCountries', { count: parts.countries }) : null,
    parts.provinceOnly ? t('map.clusterProvinceOnly', { count: parts.provinceOnly }) : null,
    parts.events ? t('map.eventClusterLabel', { count: parts.events }) : null,
  ]
    .filter(Boolean)
    .join(t('map.clusterJoin'));
  return clusterIcon(scene.L, count, shares, label, parts);
}

/** The markers of each layer, in one cluster group so that no cluster hides another. */
export interface PointLayers {
  group: L.MarkerClusterGroup;
  show: (layer: MapLayer, on: boolean) => void;
  /** Shows these layers (the group on the map); settles once their markers are drawn. */
  showFirst: (layers: MapLayer[]) => Promise<void>;
}

/**
 * Every point of the map in one cluster group: project places, regional projects in partner
 * countries, province-only squares and events. One group places its clusters and markers apart
 * (markers nearer than the cluster radius join a cluster; markers on one spot spread out when
 * their cluster is clicked at the deepest zoom), so nothing the map shows covers another symbol.
 * Null when the map was taken down meanwhile.
 */
export async function pointLayers(
  scene: MapScene,
  countries: FeatureCollection<Geometry, { name: string }>,
): Promise<PointLayers | null> {
  const { data } = scene;
  // Settles the first showing: the cluster plugin draws its markers once it has added them all.
  let drawn: (() => void) | null = null;
  const group = scene.L.markerClusterGroup({
    chunkedLoading: true,
    // Short slices, and straight on to the next one: no task blocks the page for long, and no
    // time is left idle between them (the plugin's default pause is 50 ms a slice).
    chunkInterval: 30,
    chunkDelay: 0,
    chunkProgress: (processed, total) => {
      if (processed < total) return;
      drawn?.();
      drawn = null;
    },
    showCoverageOnHover: false,
    // Wider than a cluster's radius plus a marker's: a marker outside a cluster stays clear of it.
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => clusterIconOf(scene, cluster),
  });
  const projects: L.Marker[] = [];
  const events: L.Marker[] = [];
  const done =
    (await makeInSlices(scene, data.places, projects, ([i, place]) => {
      const [lat, lon, name] = data.placeList[place]!;
      return projectMarker(scene, i, [lat, lon], name, 'place');
    })) && (await makeInSlices(scene, data.events, events, (e) => eventMarker(scene, e)));
  if (!done) return null;
  projects.push(...data.provinceOnly.map((p) => provinceOnlyMarker(scene, p)));
  projects.push(...countryMarkers(scene, countries));
  const shown = new Set<MapLayer>();
  const markersOf = (layer: MapLayer) => (layer === 'projects' ? projects : events);
  return {
    group,
    showFirst: (layers) =>
      new Promise<void>((resolve) => {
        drawn = resolve;
        for (const layer of layers) shown.add(layer);
        // One call for every layer that is on: one pass of the plugin, one drawing.
        group.addLayers(layers.flatMap(markersOf));
      }),
    show: (layer, on) => {
      if (on === shown.has(layer)) return;
      const markers = markersOf(layer);
      if (on) {
        shown.add(layer);
        group.addLayers(markers);
      } else {
        shown.delete(layer);
        group.removeLayers(markers);
      }
    },
  };
}
