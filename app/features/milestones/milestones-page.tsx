import type { ComponentProps } from 'react';

import {
  countReviewGroups,
  listCurrentMinistries,
  listProjectsWithoutRecentReport,
  listReviewGroup,
  reviewSectionSql,
} from './milestone-review.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { FilterChips } from '../../core/filter/filter-panel';
import { WithFilter } from '../../core/ui/with-filter';
import { ReviewGroups } from './milestone-review';
import { ViewForm, ViewSelect } from '../../core/filter/view-form';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { env } from '../../core/env.server';
import {
  DUE_SOON_DAYS,
  REVIEW_GROUPS,
  type ReviewGroup,
  overdueDays,
  slippageDays,
} from './progress';
import {
  REVIEW_OVERVIEW_LIMIT,
  REVIEW_PAGE_SIZE,
  REVIEW_SECTION_LIMIT,
  REVIEW_SECTIONINGS,
  REVIEW_SORTS,
  type ReviewParams,
  parseReviewParams,
  reviewSearch,
} from './review-params';
import { readPageFilter } from '../../core/filter/page-filter.server';
import type { Route } from './+types/milestones-page';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';

type Where = ReturnType<typeof projectFilterSql>;

interface SectionName {
  en: string;
  zh?: string | null;
  de?: string | null;
}

export const handle = SERVER_ONLY_PAGE;

export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const now = today();
  const { filter, problems, resolved, facets } = readPageFilter(search, now);
  const view = parseReviewParams(search);
  const base = { today: now, days: DUE_SOON_DAYS, sort: view.sort, dir: view.dir };

  const groupsShown: ReviewGroup[] = view.group ? [view.group] : [...REVIEW_GROUPS];
  const limit = view.group
    ? REVIEW_PAGE_SIZE
    : view.by
      ? REVIEW_SECTION_LIMIT
      : REVIEW_OVERVIEW_LIMIT;
  let page = view.page;
  const review = (where: Where) => {
    const counts = countReviewGroups({ ...base, where });
    if (view.group) {
      page = Math.min(page, Math.max(1, Math.ceil(counts[view.group] / REVIEW_PAGE_SIZE)));
    }
    const groups = groupsShown.map((group) => ({
      group,
      rows: listReviewGroup(group, {
        ...base,
        where,
        limit,
        offset: view.group ? (page - 1) * REVIEW_PAGE_SIZE : 0,
      }).map((m) => ({ ...m, overdueDays: overdueDays(m, now), slippageDays: slippageDays(m) })),
    }));
    return { counts, groups };
  };
  const section = (key: string, name: SectionName | null, where: Where) => ({
    key,
    name,
    ...review(where),
  });

  let sections;
  if (view.by === 'ministry') {
    const chosen = filter.ministry;
    sections = listCurrentMinistries()
      .filter((m) => chosen.length === 0 || chosen.includes(m.slug))
      .map((m) =>
        section(
          m.slug,
          {
            en: m.acronym ? `${m.acronym} — ${m.name}` : m.name,
            zh: m.nameZh,
            de: m.nameDe,
          },
          reviewSectionSql(resolved, now, 'ministry', m.slug),
        ),
      );
    if (chosen.length === 0) {
      sections.push(
        section('no-ministry', null, reviewSectionSql(resolved, now, 'ministry', null)),
      );
    }
  } else if (view.by === 'topic') {
    const chosen = filter.topic;
    sections = facets.topic
      .filter((o) => chosen.length === 0 || chosen.includes(o.value))
      .map((o) =>
        section(
          o.value,
          { en: o.name, zh: o.nameZh, de: o.nameDe },
          reviewSectionSql(resolved, now, 'topic', o.value),
        ),
      );
    if (chosen.length === 0) {
      sections.push(section('no-topic', null, reviewSectionSql(resolved, now, 'topic', null)));
    }
  } else {
    sections = [section('all', null, projectFilterSql(resolved, now))];
  }
  const total = (s: { counts: Record<ReviewGroup, number> }) =>
    REVIEW_GROUPS.reduce((n, g) => n + s.counts[g], 0);

  return {
    today: now,
    filter,
    problems,
    // The overview only: projects whose progress has not been reported (approved) for long.
    withoutReport:
      view.group || view.by
        ? null
        : {
            maxAgeDays: env.HUB_REPORT_MAX_AGE_DAYS,
            ...listProjectsWithoutRecentReport({
              today: now,
              where: projectFilterSql(resolved, now),
              maxAgeDays: env.HUB_REPORT_MAX_AGE_DAYS,
            }),
          },
    view: { ...view, page },
    facets,
    // A sectioned print leaves out sections with nothing to review.
    sections: view.by ? sections.filter((s) => total(s) > 0) : sections,
  };
}

export default function MilestoneReview({ loaderData }: Route.ComponentProps) {
  const { filter, problems, facets, sections, view, today: now } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const action = to('/milestones');
  const keep = viewParams(view);
  const href = (params: Partial<ReviewParams>) => `${action}${reviewSearch(params, filter)}`;
  const single = sections.length === 1 && sections[0]!.key === 'all' ? sections[0]! : null;
  return (
    <>
      <PageTitle title={t('review.title')} description={t('review.lead')} />
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.lead')}</p>
      <p className="muted">
        {t('review.asOf', { date: format.date(now, 'day') })} {t('milestone.rules')}
      </p>
      {view.ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('review.ignored', { params: [...new Set(view.ignored)].join(', ') })}
        </p>
      ) : null}
      <FilterChips action={action} filter={filter} facets={facets} keep={keep} />
      {view.group ? (
        <p className="review-back">
          <AppLink to={href({ sort: view.sort, dir: view.dir })}>{t('review.allGroups')}</AppLink>
        </p>
      ) : single ? (
        <nav aria-label={t('review.groupsLabel')} className="review-counts">
          <ul>
            {REVIEW_GROUPS.map((group) => (
              <li key={group}>
                <a href={`#group-${group}`}>
                  {t(`review.group.${group}`)}{' '}
                  <strong>({format.count(single.counts[group])})</strong>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ReviewViewForm action={action} filter={filter} view={view} />
      <WithFilter action={action} filter={filter} facets={facets} problems={problems} keep={keep}>
        {view.by ? <p className="muted">{t('review.overlapNote')}</p> : null}
        {sections.map((s) =>
          s.name || s.key !== 'all' ? (
            <section
              key={s.key}
              aria-labelledby={`section-${s.key}`}
              className="review-section"
              data-section={s.key}
            >
              <h2 id={`section-${s.key}`}>
                {s.name ? (
                  <OfficialName en={s.name.en} zh={s.name.zh} de={s.name.de} />
                ) : s.key === 'no-ministry' ? (
                  t('review.noMinistry')
                ) : (
                  t('review.noTopic')
                )}
              </h2>
              <ReviewGroups
                groups={s.groups}
                counts={s.counts}
                idPrefix={`group-${s.key}-`}
                headingLevel={3}
              />
            </section>
          ) : (
            <ReviewGroups
              key={s.key}
              groups={s.groups}
              counts={s.counts}
              idPrefix="group-"
              headingLevel={2}
              moreHref={(group) => href({ sort: view.sort, dir: view.dir, group })}
            />
          ),
        )}
        {loaderData.withoutReport ? <WithoutRecentReport {...loaderData.withoutReport} /> : null}
        {view.group && single ? (
          <Pagination
            page={view.page}
            pageCount={Math.ceil(single.counts[view.group] / REVIEW_PAGE_SIZE)}
            hrefFor={(p) => href({ sort: view.sort, dir: view.dir, group: view.group, page: p })}
          />
        ) : null}
      </WithFilter>
    </>
  );
}

/** View parameters the filter panel keeps when the filter changes. */
function viewParams(view: ReviewParams): Record<string, string> {
  const keep: Record<string, string> = {};
  if (view.sort !== 'due') keep.sort = view.sort;
  if (view.dir) keep.dir = view.dir;
  if (view.by) keep.by = view.by;
  if (view.group) keep.group = view.group;
  return keep;
}

/** Sort, direction and layout; the filter is kept. */
function ReviewViewForm({
  view,
  ...form
}: { view: ReviewParams } & Pick<ComponentProps<typeof ViewForm>, 'action' | 'filter'>) {
  const { t } = useTranslation();
  return (
    <ViewForm
      {...form}
      label={t('review.viewLabel')}
      submit={t('review.apply')}
      hidden={view.group ? { group: view.group } : {}}
    >
      <ViewSelect
        label={t('review.sortLabel')}
        name="sort"
        value={view.sort}
        options={REVIEW_SORTS.map((s) => ({ value: s, label: t(`review.sort.${s}`) }))}
      />
      <ViewSelect
        label={t('review.directionLabel')}
        name="dir"
        value={view.dir ?? ''}
        options={[
          { value: '', label: t('review.naturalOrder') },
          { value: 'asc', label: t('review.ascending') },
          { value: 'desc', label: t('review.descending') },
        ]}
      />
      {view.group ? null : (
        <ViewSelect
          label={t('review.layoutLabel')}
          name="by"
          value={view.by ?? ''}
          options={[
            { value: '', label: t('review.by.none') },
            ...REVIEW_SECTIONINGS.map((by) => ({ value: by, label: t(`review.by.${by}`) })),
          ]}
        />
      )}
    </ViewForm>
  );
}

/** Ongoing projects whose last approved progress report is too old, or that never had one. */
function WithoutRecentReport({
  maxAgeDays,
  total,
  rows,
}: {
  maxAgeDays: number;
  total: number;
  rows: {
    slug: string;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    lastApproved: string | null;
  }[];
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <section
      aria-labelledby="without-report"
      className="review-section"
      id="without-report-section"
    >
      <h2 id="without-report">{t('reporting.review.heading')}</h2>
      <p>
        {t('reporting.review.age', { days: maxAgeDays })}{' '}
        <strong>{t('reporting.review.count', { count: total })}</strong>
      </p>
      {rows.length ? (
        <ul className="plain-list">
          {rows.map((p) => (
            <li key={p.slug}>
              <AppLink to={to(`/projects/${p.slug}`)}>
                <OfficialName en={p.title} zh={p.titleZh} de={p.titleDe} />
              </AppLink>{' '}
              <span className="muted">
                (
                {p.lastApproved
                  ? t('reporting.review.last', {
                      date: format.date(p.lastApproved.slice(0, 10), 'day'),
                    })
                  : t('reporting.review.never')}
                )
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {total > rows.length ? (
        <p className="muted">{t('reporting.review.more', { count: total - rows.length })}</p>
      ) : null}
    </section>
  );
}
