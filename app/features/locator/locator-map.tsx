import { useTranslation } from '../../core/i18n/hooks';
import { BASEMAP_PATH, type LocatorView } from './locator';

export interface LocatorPlace {
  name: string;
}

/**
 * A small map of one project's (or organisation's) places and provinces: an SVG that draws the
 * shared basemap file with <use> and the places as dots, worked out by the server
 * (app/features/locator/locator.server.ts). No script and no tiles; the places are also listed as text.
 */
export function LocatorMap({ label, view }: { label: string; view: LocatorView<LocatorPlace> }) {
  const { t } = useTranslation();
  return (
    <figure className="locator-frame">
      <svg
        className="locator-map"
        viewBox={view.viewBox}
        preserveAspectRatio="xMidYMid slice"
        role="img"
        aria-label={label}
        strokeWidth={view.stroke}
      >
        <use href={`${BASEMAP_PATH}#countries`} className="locator-map__countries" />
        <use href={`${BASEMAP_PATH}#provinces`} className="locator-map__provinces" />
        {view.provinceCodes.map((code) => (
          <use
            key={code}
            href={`${BASEMAP_PATH}#${code}`}
            className="locator-map__highlight"
            data-province={code}
          />
        ))}
        {view.points.map((p, i) => (
          <circle
            key={i}
            className="locator-map__place"
            cx={p.x}
            cy={p.y}
            r={view.radius}
            strokeWidth={view.stroke * 3}
          >
            <title>{p.name}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="locator-credit">{t('map.attribution')}</figcaption>
    </figure>
  );
}
