import { useFormat, useTranslation } from '../../core/i18n/hooks';
import type { ProvinceReach } from '../projects/locations.server';
import { SHADE_COLOURS, type ShadeScale } from './choropleth';
import type { MapShade } from './map-params';

/** The legend of the province shading: one swatch per class, with its range. */
export function ShadeLegend({ shade, scale }: { shade: MapShade; scale: ShadeScale }) {
  const { t } = useTranslation();
  const format = useFormat();
  const formatValue = (n: number) => (shade === 'funding' ? format.eur(n) : format.count(n));
  const legendLabel = (from: number, next: number | undefined) => {
    if (next === undefined) return `≥ ${formatValue(from)}`;
    const to = shade === 'count' ? next - 1 : next;
    return to === from ? formatValue(from) : `${formatValue(from)} – ${formatValue(to)}`;
  };
  return (
    <>
      <h3 id="legend-title">{t(shade === 'funding' ? 'map.legendFunding' : 'map.legendCount')}</h3>
      <ul className="legend" data-legend="shading">
        <li>
          <span className="legend__swatch" style={{ background: SHADE_COLOURS[0] }} />
          {t('map.legendNone')}
        </li>
        {scale.breaks.map((b, i) => (
          <li key={b}>
            <span className="legend__swatch" style={{ background: SHADE_COLOURS[i + 1] }} />
            {legendLabel(b, scale.breaks[i + 1])}
          </li>
        ))}
      </ul>
      {shade === 'funding' ? <p className="muted">{t('map.fundingOverlap')}</p> : null}
    </>
  );
}

/** What a province is shaded by: its projects, or their known funding. */
export const shadeValue = (shade: MapShade) => (p: ProvinceReach) =>
  shade === 'funding' ? p.knownFundingEur : p.projects;
