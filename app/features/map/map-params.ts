export const MAP_LAYERS = ['projects', 'events'] as const;
export const MAP_SHADES = ['count', 'funding'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
export type MapShade = (typeof MAP_SHADES)[number];

export const MAP_MIN_ZOOM = 2;
export const MAP_MAX_ZOOM = 12;
/** The default view: China, with room for the regional partners to the south. */
export const MAP_DEFAULT_VIEW = { lat: 33, lon: 105, z: 4 } as const;

export interface MapParams {
  lat: number;
  lon: number;
  z: number;
  layers: MapLayer[];
  shade: MapShade;
  /** A selected province, ISO 3166-2 (checked against the database by the loader). */
  sel: string | null;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Reads the map's view from the URL: out-of-range numbers are clamped, unknown values dropped. */
export function parseMapParams(search: URLSearchParams): MapParams {
  const number = (name: string, fallback: number, min: number, max: number) => {
    const raw = search.get(name);
    // A plain check rather than zod: the map page runs this in the browser too.
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? clamp(value, min, max) : fallback;
  };
  const layers = search
    .getAll('layers')
    .flatMap((value) => value.split(','))
    .filter((value): value is MapLayer => (MAP_LAYERS as readonly string[]).includes(value));
  const shade = search.get('shade');
  const sel = search.get('sel')?.toUpperCase() ?? null;
  return {
    lat: number('lat', MAP_DEFAULT_VIEW.lat, -85, 85),
    lon: number('lon', MAP_DEFAULT_VIEW.lon, -180, 180),
    z: Math.round(number('z', MAP_DEFAULT_VIEW.z, MAP_MIN_ZOOM, MAP_MAX_ZOOM)),
    layers: search.has('layers') ? [...new Set(layers)] : ['projects'],
    shade: shade === 'funding' ? 'funding' : 'count',
    sel: sel && /^CN-[A-Z]{2}$/.test(sel) ? sel : null,
  };
}

/** The map URL's query for a view, leaving defaults out. */
export function mapSearch(params: MapParams): string {
  const search = new URLSearchParams();
  const round = (n: number) => String(Math.round(n * 1e4) / 1e4);
  if (params.lat !== MAP_DEFAULT_VIEW.lat || params.lon !== MAP_DEFAULT_VIEW.lon) {
    search.set('lat', round(params.lat));
    search.set('lon', round(params.lon));
  }
  if (params.z !== MAP_DEFAULT_VIEW.z) search.set('z', String(params.z));
  const layers = params.layers.join(',');
  if (layers !== 'projects') search.set('layers', layers);
  if (params.shade !== 'count') search.set('shade', params.shade);
  if (params.sel) search.set('sel', params.sel);
  const text = search.toString();
  return text ? `?${text}` : '';
}
