import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { useTranslation } from '../../core/i18n/hooks';
import { textElement } from '../../core/ui/text-element';

export interface PickerPlace {
  slug: string;
  name: string;
  lat: number;
  lon: number;
  /** Already one of the project's locations. */
  isLinked: boolean;
}

export interface PlacePickerProps {
  /** Says what the map is for and that the list does the same. */
  label: string;
  places: PickerPlace[];
  /** Provinces the project has as a whole, shaded. */
  linkedProvinceCodes: string[];
  selected: string | null;
  onSelect: (slug: string) => void;
}

const MAX_ZOOM = 10;

/**
 * The known places on the bundled basemap; clicking one chooses it in the form's place list.
 * An aid for pointing: the list stays the control (it works without JavaScript and with the
 * keyboard), so the markers are not in the tab order.
 */
export function PlacePicker({
  label,
  places,
  linkedProvinceCodes,
  selected,
  onSelect,
}: PlacePickerProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<string, L.Marker>());
  const onSelectRef = useRef(onSelect);
  const selectedRef = useRef(selected);
  const attribution = t('map.attribution');
  const placesKey = JSON.stringify(places);
  const provincesKey = linkedProvinceCodes.join(',');

  useEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selected;
  });

  // Built once per set of places; the selection is restyled below without rebuilding.
  useEffect(() => {
    const node = container.current;
    if (!node) return;
    let map: L.Map | null = null;
    let cancelled = false;
    const points: PickerPlace[] = JSON.parse(placesKey);
    const shaded = new Set(provincesKey ? provincesKey.split(',') : []);
    const byPlace = markers.current;
    void fetch('/geo/china-provinces.simplified.topo.json')
      .then((r) => r.json() as Promise<Topology>)
      .then((china) => {
        if (cancelled) return;
        map = L.map(node, {
          maxZoom: MAX_ZOOM,
          minZoom: 2,
          scrollWheelZoom: false,
          // The list is the keyboard's way in; the map itself takes no focus.
          keyboard: false,
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
            fillColor: shaded.has(f?.properties.iso_3166_2 ?? '') ? '#74c476' : '#f7f7f2',
            fillOpacity: 1,
          }),
        }).addTo(map);
        for (const p of points) {
          const marker = L.marker([p.lat, p.lon], {
            icon: L.divIcon({
              className: `map-marker map-marker--pick${p.isLinked ? ' map-marker--linked' : ''}`,
              // The hit target (WCAG 2.5.8); the dot drawn in it is 14 px (app.css).
              iconSize: L.point(24, 24),
            }),
            keyboard: false,
            riseOnHover: true,
          });
          marker.bindTooltip(textElement('span', p.name), {
            direction: 'top',
            offset: L.point(0, -8),
          });
          marker.on('click', () => onSelectRef.current(p.slug));
          marker.on('add', () =>
            marker.getElement()?.classList.toggle('is-selected', selectedRef.current === p.slug),
          );
          marker.addTo(map);
          byPlace.set(p.slug, marker);
        }
        map.fitBounds(layer.getBounds());
      })
      .catch((error: unknown) => console.error(error));
    return () => {
      cancelled = true;
      byPlace.clear();
      map?.remove();
    };
  }, [placesKey, provincesKey, attribution]);

  useEffect(() => {
    for (const [slug, marker] of markers.current) {
      marker.getElement()?.classList.toggle('is-selected', slug === selected);
    }
  }, [selected]);

  return <div ref={container} className="place-picker" role="region" aria-label={label} />;
}
