import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { getProjectFacets } from '../../db/queries/facets.server';
import { countReviewGroups, listReviewGroup } from '../../db/queries/milestone-review.server';
import { projectFilterSql } from '../../db/queries/project-filter.server';
import { resolveFilterSearch } from '../../db/queries/search.server';
import { FilterChips, FilterPanel } from '../components/filter-panel';
import { OfficialName } from '../components/official-name';
import { PageTitle } from '../components/page-title';
import { useEnglishOnly, useFormat, useLang, useLocalizePath } from '../i18n/hooks';
import { today } from '../lib/clock';
import { parseFilter } from '../lib/filter';
import { DUE_SOON_DAYS, REVIEW_GROUPS, overdueDays, slippageDays } from '../lib/progress';
import type { Route } from './+types/milestones';

/** Rows shown per group; the count says how many there are in all. */
const GROUP_LIMIT = 100;

export function loader({ request }: Route.LoaderArgs) {
  const now = today();
  const { filter, problems } = parseFilter(new URL(request.url).searchParams);
  const resolved = resolveFilterSearch(filter);
  const where = projectFilterSql(resolved, now);
  const options = { today: now, where, days: DUE_SOON_DAYS, limit: GROUP_LIMIT };
  return {
    today: now,
    filter,
    problems,
    facets: getProjectFacets(resolved, now),
    counts: countReviewGroups(options),
    groups: REVIEW_GROUPS.map((group) => ({
      group,
      rows: listReviewGroup(group, options).map((m) => ({
        ...m,
        overdueDays: overdueDays(m, now),
        slippageDays: slippageDays(m),
      })),
    })),
  };
}

export default function MilestoneReview({ loaderData }: Route.ComponentProps) {
  const { filter, problems, facets, counts, groups, today: now } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <>
      <PageTitle title={t('review.title')} description={t('review.lead')} />
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.lead')}</p>
      <p className="muted">
        {t('review.asOf', { date: format.date(now, 'day') })} {t('milestone.rules')}
      </p>
      <FilterChips action={to('/milestones')} filter={filter} facets={facets} />
      <nav aria-label={t('review.groupsLabel')} className="review-counts">
        <ul>
          {REVIEW_GROUPS.map((group) => (
            <li key={group}>
              <a href={`#group-${group}`}>
                {t(`review.group.${group}`)} <strong>({format.count(counts[group])})</strong>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="with-filter">
        <FilterPanel
          action={to('/milestones')}
          filter={filter}
          facets={facets}
          problems={problems}
        />
        <div className="with-filter__main">
          {groups.map(({ group, rows }) => (
            <section key={group} aria-labelledby={`group-${group}`} className="review-group">
              <h2 id={`group-${group}`}>
                {t(`review.group.${group}`)} ({format.count(counts[group])})
              </h2>
              {rows.length === 0 ? (
                <p>{t('review.empty')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('review.project')}</th>
                        <th scope="col">{t('milestone.title')}</th>
                        <th scope="col">{t('review.due')}</th>
                        <th scope="col">{t('milestone.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((m) => (
                        <tr key={m.id}>
                          <td>
                            <Link to={to(`/projects/${m.projectSlug}#milestones`)}>
                              <OfficialName
                                en={m.projectTitle}
                                zh={m.projectTitleZh}
                                de={m.projectTitleDe}
                              />
                            </Link>
                          </td>
                          <th scope="row">
                            <span className="muted">{t(`milestone.kind.${m.kind}`)}</span>
                            {m.isDerived && (m.kind === 'start' || m.kind === 'closure') ? null : (
                              <>
                                <br />
                                <span lang={lang === 'zh' && m.titleZh ? 'zh-Hans' : englishOnly}>
                                  {(lang === 'zh' ? m.titleZh : null) ?? m.title}
                                </span>
                              </>
                            )}
                          </th>
                          <td>
                            {group === 'recently-achieved'
                              ? format.date(m.actualDate, m.actualPrecision)
                              : (format.date(m.revisedDate, m.revisedPrecision) ??
                                format.date(m.plannedDate, m.plannedPrecision) ??
                                t('common.notPublished'))}
                          </td>
                          <td>
                            {t(`milestoneStatus.${m.status}`)}
                            {m.overdueDays > 0 ? (
                              <strong className="overdue">
                                {' · '}
                                {t('milestone.overdue', { count: m.overdueDays })}
                              </strong>
                            ) : null}
                            {group === 'recently-achieved' &&
                            m.slippageDays !== null &&
                            m.slippageDays > 0
                              ? ` · ${t('milestone.late', { count: m.slippageDays })}`
                              : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {counts[group] > rows.length ? (
                <p className="muted">{t('review.more', { count: counts[group] - rows.length })}</p>
              ) : null}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
