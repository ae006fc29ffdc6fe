import type { ProjectType } from '../../../db/vocabulary';
import { SHADE_COLOURS } from './choropleth';

// The one definition of the map's symbols: their colours and shapes, as SVG parts. The Leaflet
// markers (map-layers.client.ts) and the server-rendered legend (map-legend.tsx) both draw these,
// so the legend cannot drift from the map. Shape says what a marker is; colour says a project's
// type. The palette is checked for colour-blind readers in map-symbols.test.ts.

/** Okabe–Ito blue and vermillion, a neutral grey and near-black: apart for every colour vision. */
export const MAP_COLOURS = {
  bilateral: '#0072B2',
  regional: '#D55E00',
  /** Global projects and those whose type is not published. */
  other: '#6E6E6E',
  event: '#1b1f23',
} as const;

/** What the markers sit on: land and sea of the basemap, and a province without projects. */
export const MAP_BACKGROUNDS = {
  land: '#f7f7f2',
  sea: '#dde7ee',
  province: SHADE_COLOURS[0],
} as const;

/** The marker's outline: a white ring inside a dark one, so one of them stands out on any ground. */
export const MARKER_RING = { inner: '#ffffff', outer: '#1b1f23' } as const;

/** The colour of a project's marker: by its type. */
export const TYPE_COLOURS = ['bilateral', 'regional', 'other'] as const;
export type TypeColour = (typeof TYPE_COLOURS)[number];
export const typeColour = (type: ProjectType): TypeColour =>
  type === 'bilateral' || type === 'regional' ? type : 'other';

/** Which of the map's symbols a filter puts on it, for the legend to explain just those. */
export interface MapSymbolsInUse {
  /** The marker colours of the projects on the map, in the legend's order. */
  colours: TypeColour[];
  hasCountries: boolean;
  hasProvinceOnly: boolean;
  hasEvents: boolean;
}

/** What a single marker is: a project at a place, a regional project in a partner country, the
 * projects located only to a province (a count), an event. */
export type MarkerKind = 'place' | 'country' | 'province' | 'event';

/** The hit target of a single marker, in CSS px (WCAG 2.5.8 asks for at least 24 × 24). */
export const MARKER_BOX = 24;
/** The side of a cluster's icon, in CSS px. */
export const CLUSTER_BOX = 40;

export interface SvgPart {
  tag: 'circle' | 'path' | 'rect';
  /** SVG attribute names as written in SVG (`stroke-width`). */
  attrs: Record<string, string | number>;
}

const C = MARKER_BOX / 2;
/** Each shape's outline, centred in the 24 × 24 box; the visible symbol is 14–18 px. */
const SHAPES: Record<Exclude<MarkerKind, 'province'> | 'province', SvgPart> = {
  place: { tag: 'circle', attrs: { cx: C, cy: C, r: 6 } },
  country: {
    tag: 'path',
    attrs: { d: `M${C} ${C - 8}L${C + 8} ${C}L${C} ${C + 8}L${C - 8} ${C}Z` },
  },
  province: { tag: 'rect', attrs: { x: C - 9, y: C - 9, width: 18, height: 18, rx: 2 } },
  event: { tag: 'path', attrs: { d: `M${C} ${C - 8}L${C + 8} ${C + 6}L${C - 8} ${C + 6}Z` } },
};

const withAttrs = (part: SvgPart, attrs: SvgPart['attrs']): SvgPart => ({
  tag: part.tag,
  attrs: { ...part.attrs, ...attrs },
});

/**
 * A single marker's parts: the shape drawn twice, a dark outline under the filled shape with its
 * white ring. A province-only marker is white, for the count written on it.
 */
export function markerParts(
  kind: MarkerKind,
  colour: TypeColour | 'event' = 'bilateral',
): SvgPart[] {
  const shape = SHAPES[kind];
  const fill = kind === 'province' ? '#ffffff' : MAP_COLOURS[kind === 'event' ? 'event' : colour];
  return [
    withAttrs(shape, {
      fill: MARKER_RING.outer,
      stroke: MARKER_RING.outer,
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    }),
    withAttrs(shape, {
      fill,
      stroke: kind === 'province' ? MARKER_RING.outer : MARKER_RING.inner,
      'stroke-width': 2,
      'stroke-linejoin': 'round',
    }),
  ];
}

/** What a cluster holds, by the colour it is counted under. */
export type ClusterShares = Partial<Record<TypeColour | 'event', number>>;
const SHARE_ORDER = [...TYPE_COLOURS, 'event'] as const;

/**
 * A cluster: a white disc in a dark ring, wider than any single marker, whose coloured band
 * shows the share of each project type and of events among what it holds.
 */
export function clusterParts(shares: ClusterShares): SvgPart[] {
  const c = CLUSTER_BOX / 2;
  const total = SHARE_ORDER.reduce((n, key) => n + (shares[key] ?? 0), 0) || 1;
  const parts: SvgPart[] = [
    {
      tag: 'circle',
      attrs: {
        cx: c,
        cy: c,
        r: c - 1,
        fill: '#ffffff',
        stroke: MARKER_RING.outer,
        'stroke-width': 1.5,
      },
    },
  ];
  let start = 0;
  for (const key of SHARE_ORDER) {
    const share = ((shares[key] ?? 0) / total) * 100;
    if (share <= 0) continue;
    parts.push({
      tag: 'circle',
      attrs: {
        cx: c,
        cy: c,
        r: c - 6,
        fill: 'none',
        stroke: MAP_COLOURS[key],
        'stroke-width': 7,
        pathLength: 100,
        'stroke-dasharray': `${share} ${100 - share}`,
        // Start at twelve o'clock and run clockwise.
        'stroke-dashoffset': 25 - start,
      },
    });
    start += share;
  }
  parts.push({ tag: 'circle', attrs: { cx: c, cy: c, r: c - 10, fill: '#ffffff' } });
  return parts;
}
