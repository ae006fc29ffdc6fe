import { createElement } from 'react';

import { useTranslation } from '../../core/i18n/hooks';
import type { ShadeScale } from './choropleth';
import type { MapLayer, MapShade } from './map-params';
import {
  CLUSTER_BOX,
  type ClusterShares,
  MARKER_BOX,
  type MapSymbolsInUse,
  type MarkerKind,
  type SvgPart,
  type TypeColour,
  clusterParts,
  markerParts,
} from './map-symbols';
import { ShadeLegend } from './shade-legend';

// The map's legend, server-rendered beside the map: every symbol the map can show, drawn from the
// same SVG parts as the Leaflet markers (map-symbols.ts), and the province shading.

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The parts as React SVG elements (React spells `stroke-width` as `strokeWidth`). */
function SymbolSvg({ parts, size }: { parts: SvgPart[]; size: number }) {
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      {parts.map((part, i) =>
        createElement(part.tag, {
          key: i,
          ...Object.fromEntries(Object.entries(part.attrs).map(([k, v]) => [camel(k), v])),
        }),
      )}
    </svg>
  );
}

/** A legend's sample of a marker, with the class names the map's marker has. */
function MarkerSample({
  kind,
  colour,
  count,
}: {
  kind: MarkerKind;
  colour?: TypeColour;
  count?: number;
}) {
  return (
    <span className={`map-point map-marker--${kind} legend__symbol`}>
      <span className="map-symbol">
        <SymbolSvg parts={markerParts(kind, colour)} size={MARKER_BOX} />
        {count !== undefined ? (
          <span className="map-symbol__count" aria-hidden="true">
            {count}
          </span>
        ) : null}
      </span>
    </span>
  );
}

function ClusterSample({ shares, count }: { shares: ClusterShares; count: number }) {
  return (
    <span className="marker-cluster map-cluster legend__symbol legend__symbol--cluster">
      <span className="map-symbol">
        <SymbolSvg parts={clusterParts(shares)} size={CLUSTER_BOX} />
        <span className="map-symbol__count" aria-hidden="true">
          {count}
        </span>
      </span>
    </span>
  );
}

const COLOUR_LABEL = {
  bilateral: 'map.legend.bilateral',
  regional: 'map.legend.regional',
  other: 'map.legend.other',
} as const satisfies Record<TypeColour, string>;

/** The legend: the symbols of the layers that are on, which layers are off, the shading. */
export function MapLegend({
  layers,
  inUse,
  shade,
  scale,
}: {
  layers: MapLayer[];
  inUse: MapSymbolsInUse;
  shade: MapShade;
  scale: ShadeScale;
}) {
  const { t } = useTranslation();
  const projectsOn = layers.includes('projects');
  const eventsOn = layers.includes('events');
  // The sample cluster holds what the layers that are on can put in one.
  const sampleShares: ClusterShares = projectsOn
    ? {
        [inUse.colours[0] ?? 'bilateral']: 3,
        ...(inUse.colours[1] ? { [inUse.colours[1]]: 1 } : {}),
      }
    : {};
  if (eventsOn && inUse.hasEvents) sampleShares.event = 1;
  const sampleCount = Object.values(sampleShares).reduce((n, v) => n + (v ?? 0), 0);
  return (
    <section className="map-legend" aria-labelledby="map-legend-title">
      <h2 id="map-legend-title">{t('map.legend.title')}</h2>
      {projectsOn || eventsOn ? (
        <>
          <h3>{t('map.legend.shapes')}</h3>
          <ul className="legend" data-legend="shapes">
            {projectsOn ? (
              <li data-symbol="place">
                <MarkerSample kind="place" colour={inUse.colours[0] ?? 'bilateral'} />
                {t('map.legend.place')}
              </li>
            ) : null}
            {projectsOn && inUse.hasCountries ? (
              <li data-symbol="country">
                <MarkerSample kind="country" colour="regional" />
                {t('map.legend.country')}
              </li>
            ) : null}
            {projectsOn && inUse.hasProvinceOnly ? (
              <li data-symbol="province">
                <MarkerSample kind="province" count={2} />
                {t('map.legend.provinceOnly')}
              </li>
            ) : null}
            {eventsOn && inUse.hasEvents ? (
              <li data-symbol="event">
                <MarkerSample kind="event" />
                {t('map.legend.event')}
              </li>
            ) : null}
            <li data-symbol="cluster">
              <ClusterSample shares={sampleShares} count={sampleCount} />
              {t('map.legend.cluster')}
            </li>
          </ul>
        </>
      ) : null}
      {projectsOn ? (
        <>
          <h3>{t('map.legend.colours')}</h3>
          <ul className="legend" data-legend="colours">
            {inUse.colours.map((colour) => (
              <li key={colour} data-symbol={colour}>
                <MarkerSample kind="place" colour={colour} />
                {t(COLOUR_LABEL[colour])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!projectsOn || !eventsOn ? (
        <p className="muted" data-legend="off">
          {!projectsOn && !eventsOn
            ? t('map.legend.bothOff')
            : t(projectsOn ? 'map.legend.eventsOff' : 'map.legend.projectsOff')}
        </p>
      ) : null}
      <ShadeLegend shade={shade} scale={scale} />
    </section>
  );
}
