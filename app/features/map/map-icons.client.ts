import type L from 'leaflet';

import { countElement } from '../../core/ui/text-element';
import {
  CLUSTER_BOX,
  type ClusterShares,
  MARKER_BOX,
  type MarkerKind,
  type SvgPart,
  type TypeColour,
  clusterParts,
  markerParts,
} from './map-symbols';

// The Leaflet icons of the map's symbols, drawn from the same SVG parts as the legend.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG of the parts, built as nodes (no markup string is parsed). */
export function symbolSvg(parts: SvgPart[], size: number): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const part of parts) {
    const node = document.createElementNS(SVG_NS, part.tag);
    for (const [name, value] of Object.entries(part.attrs)) node.setAttribute(name, String(value));
    svg.append(node);
  }
  return svg;
}

/** A single marker's icon: its shape in a 24 × 24 box, with the count on a province square. */
export function markerIcon(
  Leaflet: typeof L,
  kind: MarkerKind,
  colour: TypeColour,
  className: string,
  count?: number,
): L.DivIcon {
  const icon = Leaflet.divIcon({
    className: `map-point map-marker--${kind} ${className}`,
    iconSize: Leaflet.point(MARKER_BOX, MARKER_BOX),
  });
  // Drawn when first shown: a large portfolio has thousands of markers, most inside clusters.
  const createIcon = icon.createIcon.bind(icon);
  icon.createIcon = (old) => {
    if (!icon.options.html) {
      const box = document.createElement('span');
      box.className = 'map-symbol';
      box.append(symbolSvg(markerParts(kind, colour), MARKER_BOX));
      if (count !== undefined) {
        const number = countElement(count);
        number.className = 'map-symbol__count';
        box.append(number);
      }
      icon.options.html = box;
    }
    return createIcon(old);
  };
  return icon;
}

/** A cluster's face: the banded disc, its count, and the parts it holds as data attributes. */
function clusterBox(
  count: number,
  shares: ClusterShares,
  label: string,
  data: Record<string, number>,
): HTMLElement {
  const box = document.createElement('span');
  box.className = 'map-symbol';
  box.append(symbolSvg(clusterParts(shares), CLUSTER_BOX));
  // Up to four digits fit the disc at a smaller size; from 10 000 the face says "12k" (the label,
  // for screen readers, and the data attributes keep the exact count).
  const number = countElement(
    count,
    label,
    count >= 10_000 ? `${Math.floor(count / 1000)}k` : undefined,
  );
  number.className = 'map-symbol__count';
  number.dataset.digits = String(Math.min(String(count).length, 5));
  box.append(number);
  for (const [name, value] of Object.entries(data)) box.dataset[name] = String(value);
  return box;
}

/** A cluster's icon: the banded disc with its count, and its parts named for screen readers. */
export function clusterIcon(
  Leaflet: typeof L,
  count: number,
  shares: ClusterShares,
  label: string,
  data: Record<string, number>,
): L.DivIcon {
  return Leaflet.divIcon({
    html: clusterBox(count, shares, label, data),
    className: 'marker-cluster map-cluster',
    iconSize: Leaflet.point(CLUSTER_BOX, CLUSTER_BOX),
  });
}
