import { Form, useSubmit } from 'react-router';

import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { ProvinceReach } from '../projects/locations.server';
import type { MapParams } from './map-params';

type ProvinceName = (p: { nameEn: string; nameZh: string }) => string;

/** The map's own settings (shading, layers, province), sent as the user changes them. */
export function MapControls({
  filter,
  params,
  provinces,
  provinceName,
}: {
  filter: ProjectFilter;
  params: MapParams;
  provinces: ProvinceReach[];
  provinceName: ProvinceName;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      action={to('/map')}
      className="map-controls"
      onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}
    >
      {[...filterSearchParams(filter)].map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="lat" value={params.lat} />
      <input type="hidden" name="lon" value={params.lon} />
      <input type="hidden" name="z" value={params.z} />
      <fieldset>
        <legend>{t('map.shade')}</legend>
        {(['count', 'funding'] as const).map((shade) => (
          <label key={shade}>
            <input
              type="radio"
              name="shade"
              value={shade}
              defaultChecked={params.shade === shade}
            />{' '}
            {t(shade === 'count' ? 'map.shadeCount' : 'map.shadeFunding')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.layers')}</legend>
        {/* An empty value keeps "no layer" distinct from "default layers" when both boxes are off. */}
        <input type="hidden" name="layers" value="" />
        {(['projects', 'events'] as const).map((layer) => (
          <label key={layer}>
            <input
              type="checkbox"
              name="layers"
              value={layer}
              defaultChecked={params.layers.includes(layer)}
            />{' '}
            {t(layer === 'projects' ? 'map.layerProjects' : 'map.layerEvents')}
          </label>
        ))}
      </fieldset>
      <label className="map-controls__province">
        {t('map.province')}{' '}
        <select name="sel" defaultValue={params.sel ?? ''} key={params.sel ?? ''}>
          <option value="">{t('map.noProvince')}</option>
          {[...provinces]
            .sort((a, b) => provinceName(a).localeCompare(provinceName(b), lang))
            .map((p) => (
              <option key={p.code} value={p.code}>
                {provinceName(p)} ({format.count(p.projects)})
              </option>
            ))}
        </select>
      </label>
      <button type="submit">{t('map.apply')}</button>
    </Form>
  );
}
