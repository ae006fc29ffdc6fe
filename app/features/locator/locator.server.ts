import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

import chinaTopology from '../../../public/geo/china-provinces.simplified.topo.json';
import worldTopology from '../../../public/geo/world-countries-110m.topo.json';
import type { LocatorView } from './locator';

// The locator maps on project and organisation pages are plain SVG drawn by the server: one
// basemap file (Natural Earth provinces of China and the world's countries, served once and
// kept by the browser) that every page's small <svg> points at with <use>, plus the page's own
// dots. No script, no tiles, and it prints.

/** What the basemap file covers (degrees): the world but Antarctica, so a place anywhere is on land. */
const REGION = { west: -180, east: 180, south: -60, north: 84 };
/** China's ISO 3166-1 numeric code, the world file's feature id. */
const CHINA_ID = '156';
/** The frame's shape (width / height); the view is widened or heightened to it. */
const ASPECT = 16 / 10;
/** The smallest view, in projected degrees, so that a single town still shows its province. */
const MIN_WIDTH = 9;
/** Room around what is shown, as a share of its size. */
const PAD = 0.3;

/** Spherical Mercator in degree units (x = longitude, y grows southwards), as the main map. */
export function project(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85, Math.min(85, lat));
  const y = (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
  return [lon, -y];
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const EMPTY: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

function extend(box: Box, [x, y]: [number, number]): Box {
  return {
    minX: Math.min(box.minX, x),
    minY: Math.min(box.minY, y),
    maxX: Math.max(box.maxX, x),
    maxY: Math.max(box.maxY, y),
  };
}

function union(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
const num = (n: number) => String(round(n)).replace(/^(-?)0\./, '$1.');

function rings(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return (geometry as Polygon).coordinates;
  if (geometry.type === 'MultiPolygon') return (geometry as MultiPolygon).coordinates.flat();
  return [];
}

/** An SVG path for a (multi)polygon: absolute start, then relative steps at 0.01° precision. */
function pathData(geometry: Geometry): string {
  let d = '';
  for (const ring of rings(geometry)) {
    let previous: [number, number] | null = null;
    for (const [lon, lat] of ring) {
      const [x, y] = project(lon!, lat!).map(round) as [number, number];
      if (!previous) d += `M${num(x)} ${num(y)}`;
      else {
        const dx = round(x - previous[0]);
        const dy = round(y - previous[1]);
        if (dx === 0 && dy === 0) continue;
        d += `l${num(dx)}${dy < 0 ? '' : ' '}${num(dy)}`;
      }
      previous = [x, y];
    }
    d += 'z';
  }
  return d;
}

function boxOf(geometry: Geometry): Box {
  let box = EMPTY;
  for (const ring of rings(geometry))
    for (const [lon, lat] of ring) box = extend(box, project(lon!, lat!));
  return box;
}

interface Basemap {
  svg: string;
  provinceBoxes: Map<string, Box>;
}

let basemap: Basemap | null = null;

function features(topology: Topology, name: string): Feature<Geometry, Record<string, unknown>>[] {
  const collection = feature(topology, topology.objects[name]!) as unknown as {
    features: Feature<Geometry, Record<string, unknown>>[];
  };
  return collection.features;
}

function loadBasemap(): Basemap {
  if (basemap) return basemap;
  const provinces = features(chinaTopology as unknown as Topology, 'provinces');
  const [west, north] = project(REGION.west, REGION.north);
  const [east, south] = project(REGION.east, REGION.south);
  const region: Box = { minX: west, minY: north, maxX: east, maxY: south };
  // China itself is drawn by its provinces (the world file's coarser outline would show beside them).
  const countries = features(worldTopology as unknown as Topology, 'countries').filter(
    (c) => c.id !== CHINA_ID,
  );
  const provinceBoxes = new Map<string, Box>();
  const provincePaths = provinces.map((p) => {
    const code = String(p.properties.iso_3166_2);
    provinceBoxes.set(code, boxOf(p.geometry));
    return `<path id="${code}" d="${pathData(p.geometry)}"/>`;
  });
  const countryPaths = countries.map((c) => `<path d="${pathData(c.geometry)}"/>`);
  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(region.minX)} ${num(region.minY)} ${num(region.maxX - region.minX)} ${num(region.maxY - region.minY)}">`,
    '<title>China’s provinces and the world’s countries. Made with Natural Earth (public domain).</title>',
    // Fill and stroke are left to the page's <use> elements, which these paths inherit them from.
    `<g id="countries">${countryPaths.join('')}</g>`,
    `<g id="provinces">${provincePaths.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
  basemap = { svg, provinceBoxes };
  return basemap;
}

/** The basemap file: every province a <path id="CN-…">, the other countries in one group. */
export function basemapSvg(): string {
  return loadBasemap().svg;
}

/**
 * What a locator map shows for these points and provinces: a view that holds all of them with
 * some room, at least MIN_WIDTH wide, in the frame's shape. Null when there is nothing to show.
 */
export function locatorView<T extends { lat: number; lon: number }>(
  points: T[],
  provinceCodes: string[],
): LocatorView<T> | null {
  const { provinceBoxes } = loadBasemap();
  const known = [...new Set(provinceCodes)].filter((code) => provinceBoxes.has(code));
  if (points.length === 0 && known.length === 0) return null;
  const projected = points.map((p) => {
    const [x, y] = project(p.lon, p.lat);
    return { ...p, x: round(x), y: round(y) };
  });
  let box = EMPTY;
  for (const p of projected) box = extend(box, [p.x, p.y]);
  for (const code of known) box = union(box, provinceBoxes.get(code)!);
  let width = (box.maxX - box.minX) * (1 + 2 * PAD);
  let height = (box.maxY - box.minY) * (1 + 2 * PAD);
  width = Math.max(width, MIN_WIDTH, height * ASPECT);
  height = width / ASPECT;
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  return {
    viewBox: [cx - width / 2, cy - height / 2, width, height].map(num).join(' '),
    radius: Math.round((width / 70) * 1000) / 1000,
    stroke: Math.round((width / 400) * 1000) / 1000,
    provinceCodes: known,
    points: projected,
  };
}
