import { NotPublished } from '../../core/ui/not-published';
import { useEnglishOnly, useFormat, useLang, useTranslation } from '../../core/i18n/hooks';
import { LocatorMap } from '../locator/locator-map';
import type { ProjectPage } from './project-page';

/** A province's name in the page's language (provinces have English and Chinese names). */
function useProvinceName() {
  const lang = useLang();
  return (l: { provinceNameEn: string | null; provinceNameZh: string | null }) =>
    lang === 'zh' ? l.provinceNameZh : l.provinceNameEn;
}

/** Where a project works: the server-drawn locator map, then nation-wide, provinces and places. */
export function ProjectLocations({ project, locator }: Pick<ProjectPage, 'project' | 'locator'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const provinceName = useProvinceName();
  const nationWide = project.locations.filter((l) => l.kind === 'country');
  const provinces = project.locations.filter((l) => l.kind === 'province');
  const places = project.locations.filter((l) => l.kind === 'place');
  const placeName = (p: { nameEn: string; nameZh: string | null }) =>
    (lang === 'zh' ? p.nameZh : null) ?? p.nameEn;
  return (
    <section aria-labelledby="locations">
      <h2 id="locations">{t('project.locations')}</h2>
      {locator ? (
        <LocatorMap
          label={t('project.locatorLabel', {
            places:
              locator.points.map((p) => placeName(p)).join(', ') ||
              provinces.map((l) => provinceName(l)).join(', '),
          })}
          view={{
            ...locator,
            points: locator.points.map((p) => ({ ...p, name: placeName(p) })),
          }}
        />
      ) : null}
      {project.locations.length === 0 ? (
        <p>
          <NotPublished what={t('project.locations')} />
        </p>
      ) : (
        <ul className="plain-list">
          {nationWide.map((l) => (
            <li key={`c-${l.countryCode}`}>
              {t('project.nationWide')}: {format.country(l.countryCode ?? 'CN')}
            </li>
          ))}
          {provinces.map((l) => (
            <li key={`p-${l.provinceCode}`}>
              {t('project.province')}: {provinceName(l)}
            </li>
          ))}
          {places.map((l) => (
            <li key={`pl-${l.placeSlug}`}>
              {t('project.place')}: {(lang === 'zh' ? l.placeNameZh : null) ?? l.placeNameEn}
              {provinceName(l) ? ` · ${provinceName(l)}` : ''}
              {l.placeCountryCode && l.placeCountryCode !== 'CN'
                ? ` · ${format.country(l.placeCountryCode)}`
                : ''}
              {l.lat === null || l.lon === null ? (
                <span className="muted"> · {t('project.noCoordinates')}</span>
              ) : (
                <span className="muted">
                  {' '}
                  · {l.lat.toFixed(2)}°, {l.lon.toFixed(2)}°
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {project.locationNotes ? (
        <p className="muted" lang={englishOnly}>
          {project.locationNotes}
        </p>
      ) : null}
    </section>
  );
}
