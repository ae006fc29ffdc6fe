import { Form } from 'react-router';

import { useLang, useTranslation } from '../../core/i18n/hooks';

// The shared filter as the round's pages offer it (new round, its projects): project status,
// ministry, organisation and words. Other filter parameters in the URL apply too.

export interface RoundFilterValues {
  status: string;
  ministry: string;
  org: string;
  q: string;
}

interface Choice {
  slug: string;
  name: string;
  nameZh: string | null;
  acronym: string | null;
}

/** The first value of each offered parameter, as the form shows it. */
export function roundFilterValues(filter: {
  status: string[];
  ministry: string[];
  org: string[];
  q?: string;
}): RoundFilterValues {
  return {
    status: filter.status[0] ?? '',
    ministry: filter.ministry[0] ?? '',
    org: filter.org[0] ?? '',
    q: filter.q ?? '',
  };
}

export function RoundFilterForm({
  filter,
  choices,
}: {
  filter: RoundFilterValues;
  choices: { ministries: Choice[]; organisations: Choice[] };
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const orgName = (o: { name: string; nameZh: string | null; acronym: string | null }) =>
    `${lang === 'zh' && o.nameZh ? o.nameZh : o.name}${o.acronym ? ` (${o.acronym})` : ''}`;
  return (
    <Form method="get" className="review-view" aria-label={t('reporting.filterLabel')}>
      <label>
        {t('reporting.projectStatus')}{' '}
        <select name="status" defaultValue={filter.status}>
          {(['ongoing', 'planned', 'completed', 'unknown'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reporting.ministry')}{' '}
        <select name="ministry" defaultValue={filter.ministry}>
          <option value="">{t('reporting.any')}</option>
          {choices.ministries.map((o) => (
            <option key={o.slug} value={o.slug}>
              {orgName(o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reporting.organisation')}{' '}
        <select name="org" defaultValue={filter.org}>
          <option value="">{t('reporting.any')}</option>
          {choices.organisations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {orgName(o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reporting.searchText')} <input type="search" name="q" defaultValue={filter.q} />
      </label>
      <button type="submit">{t('reporting.apply')}</button>
    </Form>
  );
}
