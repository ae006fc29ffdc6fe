import { localizePath } from '../i18n/config';
import { useLang, useTranslation } from '../i18n/hooks';
import { type ProjectFilter, filterSearchParams } from './filter';

/** Downloads of exactly what the filter selects (and the JSON API for the same). */
export function ExportLinks({ filter }: { filter: ProjectFilter }) {
  const { t } = useTranslation();
  const lang = useLang();
  const query = filterSearchParams(filter);
  const withLang = new URLSearchParams(query);
  if (lang !== 'en') withLang.set('lang', lang);
  // A calendar holds dates known to the day unless asked for the months and years too (decision 0051).
  const allDates = new URLSearchParams(withLang);
  allDates.set('precision', 'all');
  const q = (search: URLSearchParams) => (search.size ? `?${search}` : '');
  // The feed of what changed in the selected projects, in the page's language (its <link> in
  // <head> is how feed readers find it; React hoists it there).
  const feed = localizePath(`/feeds/changes.atom${q(query)}`, lang);
  return (
    <nav className="export-links" aria-label={t('export.label')}>
      <link
        rel="alternate"
        type="application/atom+xml"
        title={t('feeds.feedLinkTitleAll')}
        href={feed}
      />
      {t('export.label')}:{' '}
      <a href={`/export/projects.csv${q(withLang)}`} download>
        {t('export.projectsCsv')}
      </a>{' '}
      ·{' '}
      <a href={`/export/milestones.csv${q(withLang)}`} download>
        {t('export.milestonesCsv')}
      </a>{' '}
      ·{' '}
      <a href={`/export/indicators.csv${q(withLang)}`} download>
        {t('indicatorData.exportCsv')}
      </a>{' '}
      ·{' '}
      <a href={`/export/projects.geojson${q(query)}`} download>
        GeoJSON
      </a>{' '}
      · <a href={`/export/milestones.ics${q(withLang)}`}>{t('export.milestonesIcs')}</a> (
      <a href={`/export/milestones.ics${q(allDates)}`}>{t('export.icsAllDates')}</a>) ·{' '}
      <a href={`/export/events.ics${q(withLang)}`}>{t('export.eventsIcs')}</a> ·{' '}
      <a href={`/export/iati.xml${q(query)}`} download>
        {t('export.iatiXml')}
      </a>{' '}
      · <a href={`/api/projects${q(query)}`}>JSON</a> ·{' '}
      <a href={feed} type="application/atom+xml">
        {t('feeds.feedLink')}
      </a>{' '}
      (<a href={localizePath(`/changes${q(query)}`, lang)}>{t('feeds.changesPage')}</a>)
    </nav>
  );
}
