import type { TFunction } from 'i18next';

import { formatEur, formatPeriod } from '../../core/format';
import { type Lang, localizePath } from '../../core/i18n/config';
import { textElement as el, webHref } from '../../core/ui/text-element';
import type { MapData, MapEvent } from './map-data';

// The popups of the map's markers, built as nodes holding text (never HTML strings: names come
// from editors and IATI files).

/** A project's popup: its title linking to its page, and where, type, status, dates, money. */
export function projectPopup(
  data: MapData,
  index: number,
  where: string,
  t: TFunction<'translation'>,
  locale: string,
): HTMLElement {
  const [slug, name, isUntranslated, type, status, start, startP, end, endP, funding, orgs] =
    data.projects[index]!;
  const box = el('div', undefined, 'map-popup');
  const title = el('a', name, 'map-popup__title');
  title.href = localizePath(`/projects/${slug}`, data.lang as Lang);
  if (isUntranslated) title.lang = 'en';
  box.append(title);
  const rows: [string, string][] = [
    [t('map.where'), where],
    [t('project.type'), t(`type.${type}`)],
    [t('project.status'), t(`status.${status}`)],
    [
      t('map.dates'),
      formatPeriod(
        { value: start, precision: startP },
        { value: end, precision: endP },
        locale,
        t('common.notPublished'),
      ) ?? t('common.notPublished'),
    ],
    [
      t('project.funding'),
      funding === null ? t('common.notPublished') : formatEur(funding, locale),
    ],
    [t('list.implementers'), orgs || t('common.notPublished')],
  ];
  const dl = el('dl');
  for (const [term, value] of rows) dl.append(el('dt', term), el('dd', value));
  box.append(dl);
  return box;
}

/** An event's popup: its title, when (with how sure the date is), where, and its source. */
export function eventPopup(e: MapEvent, t: TFunction<'translation'>, locale: string): HTMLElement {
  const [title, titleLang, start, startP, end, endP, isDateVerified, isYearInferred, place] = e;
  const box = el('div', undefined, 'map-popup');
  box.append(el('strong', title, 'map-popup__title'));
  box.lastElementChild?.setAttribute('lang', titleLang);
  if (titleLang !== 'en') {
    const mark = el('span', t('common.hubTranslationShort'), 'translation-note');
    mark.title = t('common.hubTranslation');
    box.append(' ', mark);
  }
  const when =
    formatPeriod(
      { value: start, precision: startP },
      { value: end ?? start, precision: endP ?? startP },
      locale,
      t('common.notPublished'),
    ) ?? t('eventDate.notPublished');
  const certainty = isYearInferred
    ? ` ${t('eventDate.yearInferred')}`
    : !isDateVerified
      ? ` ${t('eventDate.notVerified')}`
      : '';
  box.append(el('p', `${when}${certainty} · ${place}`));
  const source = webHref(e[11]);
  if (source) {
    const link = el('a', t('common.sourceLink'));
    link.href = source;
    link.rel = 'noreferrer';
    box.append(link);
  }
  return box;
}
