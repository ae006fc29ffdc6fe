import { resolveStatus } from '../../../db/dates';
import { listPlaceMarkers } from '../projects/locations.server';
import { listProjectExportRows } from '../projects/projects.server';
import type { ExportRequest } from './export-request';

/** projects.geojson: a FeatureCollection of the selected projects' places. */
export function projectsGeojson({ api, origin }: ExportRequest): Response {
  const byId = new Map(listProjectExportRows(api.where).map((p) => [p.id, p]));
  const features = listPlaceMarkers(api.where).flatMap((m) => {
    const p = byId.get(m.projectId);
    if (!p) return [];
    return [
      {
        type: 'Feature' as const,
        // GeoJSON (RFC 7946) is longitude first.
        geometry: { type: 'Point' as const, coordinates: [m.lon, m.lat] },
        properties: {
          project: p.slug,
          title: p.title,
          titleZh: p.titleZh,
          type: p.type,
          status: resolveStatus(p, api.today).status,
          start: p.startDate,
          end: p.endDate,
          ikiFundingEur: p.ikiFundingEur,
          implementers: p.implementers,
          place: m.placeSlug,
          placeName: m.nameEn,
          placeNameZh: m.nameZh,
          url: `${origin}/projects/${p.slug}`,
        },
      },
    ];
  });
  return new Response(JSON.stringify({ type: 'FeatureCollection', features }), {
    headers: {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="iki-china-projects.geojson"',
    },
  });
}
