import { Form } from 'react-router';

import { useFormat, useLang, useTranslation } from '../i18n/hooks';
import {
  EMPTY_FILTER,
  type FacetOption,
  type Facets,
  type FilterList,
  type FilterProblem,
  type ProjectFilter,
  filterSearchParams,
  isFilterEmpty,
  withValue,
  withoutValue,
} from './filter';
import { AppLink } from '../ui/app-link';

interface FilterPanelProps {
  /** The page the form submits to (already in the page's language). */
  action: string;
  filter: ProjectFilter;
  facets: Facets;
  problems: FilterProblem[];
  /** View parameters to keep when the filter changes (e.g. sort on the list). */
  keep?: Record<string, string>;
}

const FACET_ORDER: FilterList[] = [
  'topic',
  'fundingArea',
  'type',
  'status',
  'province',
  'country',
  'ministry',
  'org',
];
const FACET_LIMIT = 30;
const RANGES = [
  { legend: 'filter.years', fields: ['from', 'to'], min: 1990, max: 2100, step: 1 },
  {
    legend: 'filter.funding',
    fields: ['fundingMin', 'fundingMax'],
    min: 0,
    max: undefined,
    step: 1000,
  },
] as const;
/** Facets with long option lists start folded. */
const FOLDED: FilterList[] = ['province', 'country', 'ministry', 'org'];

function useOptionLabel() {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  return (facet: FilterList, option: Pick<FacetOption, 'value' | 'name' | 'nameZh' | 'nameDe'>) => {
    switch (facet) {
      case 'type':
        return t(`type.${option.value as 'bilateral'}`);
      case 'status':
        return t(`status.${option.value as 'ongoing'}`);
      case 'fundingArea':
        return ['mitigation', 'adaptation', 'biodiversity', 'natural-carbon-sinks'].includes(
          option.value,
        )
          ? t(`fundingArea.${option.value as 'mitigation'}`)
          : option.name;
      case 'country':
        return format.country(option.value);
      default:
        return (
          (lang === 'zh' ? option.nameZh : lang === 'de' ? option.nameDe : null) ?? option.name
        );
    }
  };
}

/** The href for the same page with a changed filter (view parameters kept, page reset). */
function hrefWith(action: string, filter: ProjectFilter, keep: Record<string, string> = {}) {
  const search = filterSearchParams(filter);
  for (const [k, v] of Object.entries(keep)) search.set(k, v);
  const text = search.toString();
  return text ? `${action}?${text}` : action;
}

/** The active filter as chips, each a link that removes its value. */
export function FilterChips({ action, filter, facets, keep }: Omit<FilterPanelProps, 'problems'>) {
  const { t } = useTranslation();
  const label = useOptionLabel();
  if (isFilterEmpty(filter)) return null;
  const chips: { key: string; text: string; href: string }[] = [];
  for (const facet of FACET_ORDER) {
    for (const value of filter[facet]) {
      const option = facets[facet].find((o) => o.value === value) ?? { value, name: value };
      chips.push({
        key: `${facet}=${value}`,
        text: `${t(`filter.${facet}`)}: ${label(facet, option)}`,
        href: hrefWith(action, withoutValue(filter, facet, value), keep),
      });
    }
  }
  for (const single of ['q', 'from', 'to', 'fundingMin', 'fundingMax', 'overdue'] as const) {
    const value = filter[single];
    if (value === undefined) continue;
    chips.push({
      key: single,
      text: single === 'overdue' ? t('filter.overdue') : `${t(`filter.${single}`)}: ${value}`,
      href: hrefWith(action, withoutValue(filter, single), keep),
    });
  }
  return (
    <div className="chips" aria-label={t('filter.active')} role="group">
      <ul>
        {chips.map((chip) => (
          <li key={chip.key}>
            <AppLink
              to={chip.href}
              aria-label={t('filter.remove', { name: chip.text })}
              preventScrollReset
            >
              {chip.text}{' '}
              <span aria-hidden="true" className="chips__remove">
                ×
              </span>
            </AppLink>
          </li>
        ))}
      </ul>
      <AppLink
        to={hrefWith(action, withoutAll(), keep)}
        className="chips__clear"
        preventScrollReset
      >
        {t('filter.clear')}
      </AppLink>
    </div>
  );
}

function selectedIn(filter: ProjectFilter, facet: FilterList): readonly string[] {
  return filter[facet];
}

/**
 * Just the facet options the panel and its chips show: each facet's FACET_LIMIT largest and any
 * ticked one. For a loader to send: at 10 000 projects the organisations alone are hundreds.
 */
export function shownFacets(facets: Facets, filter: ProjectFilter): Facets {
  const shown = {} as Facets;
  for (const facet of Object.keys(facets) as FilterList[]) {
    shown[facet] = facets[facet].filter(
      (o, i) => i < FACET_LIMIT || selectedIn(filter, facet).includes(o.value),
    );
  }
  return shown;
}

function withoutAll(): ProjectFilter {
  return structuredClone(EMPTY_FILTER);
}

/** The filter as a GET form with facet counts: works without JavaScript, applies on change with it. */
export function FilterPanel({ action, filter, facets, problems, keep = {} }: FilterPanelProps) {
  const { t } = useTranslation();
  const label = useOptionLabel();
  return (
    <Form
      method="get"
      action={action}
      className="filter-panel"
      aria-label={t('filter.title')}
      preventScrollReset
    >
      <h2 className="filter-panel__title">{t('filter.title')}</h2>
      {problems.length > 0 ? (
        <p className="notice" role="status">
          {t('filter.ignored', {
            params: [...new Set(problems.map((p) => p.parameter))].join(', '),
          })}
        </p>
      ) : null}
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {FACET_ORDER.flatMap((facet) =>
        selectedIn(filter, facet).map((value) => (
          <input key={`${facet}=${value}`} type="hidden" name={facet} value={value} />
        )),
      )}
      {/* Imported IATI activities stay selected while the rest of the filter changes. */}
      {filter.origin ? <input type="hidden" name="origin" value={filter.origin} /> : null}
      <label className="filter-panel__field">
        {t('filter.q')}
        <input type="search" name="q" defaultValue={filter.q ?? ''} key={filter.q ?? ''} />
      </label>
      {FACET_ORDER.map((facet) => {
        // Long facets show their 30 largest options (plus any ticked one); the rest via search.
        const options = facets[facet].filter(
          (o, i) => i < FACET_LIMIT || selectedIn(filter, facet).includes(o.value),
        );
        // A ticked value stays visible even when it matches nothing with the other filters.
        for (const value of filter[facet]) {
          if (!options.some((o) => o.value === value))
            options.push({ value, name: value, count: 0 });
        }
        if (options.length === 0) return null;
        const boxes = (
          <div className="facet" data-facet={facet} role="group" aria-labelledby={`facet-${facet}`}>
            <h3 id={`facet-${facet}`} className="facet__title">
              {t(`filter.${facet}`)}
            </h3>
            {facet === 'topic' ? (
              <p className="muted facet__note">{t('filter.topicEditorial')}</p>
            ) : null}
            {facet === 'ministry' ? (
              <p className="muted facet__note">{t('filter.ministryNote')}</p>
            ) : null}
            <ul>
              {options.map((option) => {
                const isOn = selectedIn(filter, facet).includes(option.value);
                const next = isOn
                  ? withoutValue(filter, facet, option.value)
                  : withValue(filter, facet, option.value);
                return (
                  <li key={option.value}>
                    <AppLink
                      to={hrefWith(action, next, keep)}
                      preventScrollReset
                      className={isOn ? 'facet__option is-on' : 'facet__option'}
                      aria-current={isOn ? 'true' : undefined}
                    >
                      <span aria-hidden="true" className="facet__box">
                        {isOn ? '☑' : '☐'}
                      </span>{' '}
                      {label(facet, option)} <span className="facet__count">({option.count})</span>
                    </AppLink>
                  </li>
                );
              })}
            </ul>
          </div>
        );
        return FOLDED.includes(facet) && filter[facet].length === 0 ? (
          <details key={facet} className="facet-fold">
            <summary>
              {t(`filter.${facet}`)} <span className="facet__count">({options.length})</span>
            </summary>
            {boxes}
          </details>
        ) : (
          <div key={facet}>{boxes}</div>
        );
      })}
      <label className="filter-panel__check">
        <input
          type="checkbox"
          name="overdue"
          value="1"
          defaultChecked={filter.overdue === '1'}
          key={`overdue-${filter.overdue}`}
        />{' '}
        {t('filter.overdue')}
      </label>
      {RANGES.map((range) => (
        <fieldset key={range.legend} className="facet facet--range">
          <legend>{t(range.legend)}</legend>
          {range.fields.map((name) => (
            <label key={name}>
              {t(`filter.${name}`)}{' '}
              <input
                type="number"
                name={name}
                min={range.min}
                max={range.max}
                step={range.step}
                defaultValue={filter[name]}
                key={`${name}-${filter[name]}`}
              />
            </label>
          ))}
        </fieldset>
      ))}
      <div className="filter-panel__actions">
        <button type="submit">{t('filter.apply')}</button>{' '}
        <AppLink to={hrefWith(action, withoutAll(), keep)} preventScrollReset>
          {t('filter.clear')}
        </AppLink>
      </div>
    </Form>
  );
}
