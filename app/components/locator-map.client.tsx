import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { useTranslation } from '../i18n/hooks';

export interface LocatorMapProps {
  label: string;
  places: { name: string; lat: number; lon: number }[];
  provinceCodes: string[];
}

/** A small map of one project's places and provinces, drawn on the bundled basemap only. */
export function LocatorMap({ label, places, provinceCodes }: LocatorMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const attribution = t('map.attribution');
  const placesKey = JSON.stringify(places);
  const provincesKey = provinceCodes.join(',');

  useEffect(() => {
    const node = container.current;
    if (!node) return;
    let map: L.Map | null = null;
    let cancelled = false;
    const points: { name: string; lat: number; lon: number }[] = JSON.parse(placesKey);
    const highlighted = new Set(provincesKey ? provincesKey.split(',') : []);
    void fetch('/geo/china-provinces.simplified.topo.json')
      .then((r) => r.json() as Promise<Topology>)
      .then((china) => {
        if (cancelled) return;
        map = L.map(node, {
          maxZoom: 10,
          minZoom: 2,
          scrollWheelZoom: false,
          attributionControl: true,
        });
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution(attribution);
        const provinces = feature(china, china.objects.provinces!) as unknown as FeatureCollection<
          Geometry,
          { iso_3166_2: string }
        >;
        const layer = L.geoJSON(provinces, {
          interactive: false,
          style: (f) => ({
            color: '#51606b',
            weight: 0.6,
            fillColor: highlighted.has(f?.properties.iso_3166_2 ?? '') ? '#74c476' : '#f7f7f2',
            fillOpacity: 1,
          }),
        }).addTo(map);
        const bounds = L.latLngBounds([]);
        for (const p of points) {
          L.marker([p.lat, p.lon], {
            icon: L.divIcon({
              className: 'map-marker map-marker--place',
              iconSize: L.point(14, 14),
            }),
            title: p.name,
            keyboard: false,
          }).addTo(map);
          bounds.extend([p.lat, p.lon]);
        }
        layer.eachLayer((l) => {
          const f = (l as L.GeoJSON).feature as { properties: { iso_3166_2: string } };
          if (highlighted.has(f.properties.iso_3166_2)) bounds.extend((l as L.Polygon).getBounds());
        });
        if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });
        else map.fitBounds(layer.getBounds());
      });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [placesKey, provincesKey, attribution]);

  return <div ref={container} className="locator-map" role="region" aria-label={label} />;
}
