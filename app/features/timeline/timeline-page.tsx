import type { ComponentProps } from 'react';

import {
  getTimelineLayout,
  listTimelineEvents,
  listTimelineGroupNames,
  listTimelineMilestones,
  listTimelineProjects,
} from './timeline.server';
import { FilterChips } from '../../core/filter/filter-panel';
import { WithFilter } from '../../core/ui/with-filter';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { TimelineChart, TimelineLegend, TimelineRows } from './timeline-chart';
import { ViewForm, ViewSelect } from '../../core/filter/view-form';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import {
  NO_GROUP,
  TIMELINE_GROUPINGS,
  TIMELINE_PAGE_SIZE,
  TIMELINE_ZOOMS,
  type TimelineGrouping,
  buildTimelineRow,
  position,
  timelineWindow,
} from './timeline';
import { type TimelineParams, parseTimelineParams, timelineSearch } from './timeline-params';
import { readPageFilter } from '../../core/filter/page-filter.server';
import type { Route } from './+types/timeline-page';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { ProjectLink } from '../../core/ui/project-link';

const rowId = (key: string, slug: string) => `timeline-${key || 'none'}-${slug}`;

function byProject<T extends { projectId: number }>(items: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(item.projectId);
    if (list) list.push(item);
    else map.set(item.projectId, [item]);
  }
  return map;
}

export const handle = SERVER_ONLY_PAGE;

export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const now = today();
  const { filter, problems, where, facets } = readPageFilter(search, now);
  const view = parseTimelineParams(search);

  const layout = getTimelineLayout(view.group, where);
  const rows = layout.rows;
  const names = new Map(listTimelineGroupNames(view.group).map((n) => [n.key, n]));
  // Undated projects follow the chart's rows in the paging, so every page stays small and
  // each project appears exactly once: as a row, or in the list under the chart.
  const undatedIds = layout.undatedIds;
  const items = rows.length + undatedIds.length;
  const pageCount = Math.max(1, Math.ceil(items / TIMELINE_PAGE_SIZE));
  const page = Math.min(view.page, pageCount);
  const from = (page - 1) * TIMELINE_PAGE_SIZE;
  const to = page * TIMELINE_PAGE_SIZE;
  const pageRows = rows.slice(from, to);
  const pageUndated = undatedIds.slice(
    Math.max(0, from - rows.length),
    Math.max(0, to - rows.length),
  );
  const ids = [...new Set(pageRows.map((r) => r.projectId))];
  const projects = new Map(listTimelineProjects(ids).map((p) => [p.id, p]));
  const milestonesOf = byProject(listTimelineMilestones(ids));
  const eventsOf = byProject(listTimelineEvents(ids));
  const window = timelineWindow(view.zoom, view.at, now, layout.range);
  const todayPosition = position(now, window);

  // A successor in the same group on this page is linked to its row; elsewhere, to its page.
  const rowKeys = new Set(pageRows.map((r) => `${r.key}:${r.projectId}`));
  const successors = new Map(
    listTimelineProjects(
      [...projects.values()].flatMap((p) => (p.successorId ? [p.successorId] : [])),
    ).map((p) => [p.id, p]),
  );
  const groups: {
    key: string;
    name: { en: string; zh: string | null; de: string | null } | null;
    continued: boolean;
    rows: ReturnType<typeof buildTimelineRow>[];
  }[] = [];
  for (const ref of pageRows) {
    const p = projects.get(ref.projectId)!;
    const next = p.successorId ? successors.get(p.successorId) : undefined;
    const row = buildTimelineRow(
      rowId(ref.key, p.slug),
      p,
      milestonesOf.get(p.id) ?? [],
      eventsOf.get(p.id) ?? [],
      window,
      now,
      next
        ? {
            title: next.title,
            titleZh: next.titleZh,
            titleDe: next.titleDe,
            href: rowKeys.has(`${ref.key}:${next.id}`)
              ? `#${rowId(ref.key, next.slug)}`
              : localizePath(`/projects/${next.slug}`, langFromPath(new URL(request.url).pathname)),
          }
        : null,
    );
    const last = groups.at(-1);
    if (last?.key === ref.key) last.rows.push(row);
    else {
      const n = names.get(ref.key);
      groups.push({
        key: ref.key,
        name: n ? { en: n.name, zh: n.nameZh, de: n.nameDe } : null,
        // The group began on an earlier page.
        continued: rows.findIndex((r) => r.key === ref.key) < (page - 1) * TIMELINE_PAGE_SIZE,
        rows: [row],
      });
    }
  }

  return {
    today: now,
    filter,
    problems,
    view: { ...view, page },
    facets,
    window,
    todayPosition: todayPosition >= 0 && todayPosition < 1 ? todayPosition : null,
    groups,
    chartedProjects: new Set(rows.map((r) => r.projectId)).size,
    pageCount,
    undatedCount: undatedIds.length,
    /** The page on which the list of projects without dates begins. */
    undatedFirstPage: Math.floor(rows.length / TIMELINE_PAGE_SIZE) + 1,
    undated: listTimelineProjects(pageUndated).map((p) => ({
      slug: p.slug,
      title: p.title,
      titleZh: p.titleZh,
      titleDe: p.titleDe,
    })),
  };
}

export default function Timeline({ loaderData }: Route.ComponentProps) {
  const {
    filter,
    problems,
    facets,
    view,
    window,
    today: now,
    todayPosition,
    groups,
    chartedProjects,
    pageCount,
    undated,
    undatedCount,
    undatedFirstPage,
  } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const action = to('/timeline');
  const href = (params: Partial<TimelineParams>) =>
    `${action}${timelineSearch({ group: view.group, zoom: view.zoom, at: view.at, ...params }, filter)}`;
  const keep: Record<string, string> = Object.fromEntries(
    new URLSearchParams(timelineSearch({ group: view.group, zoom: view.zoom, at: view.at })),
  );
  const groupName = (g: (typeof groups)[number]) =>
    view.group === 'type' ? (
      t(`type.${g.key as 'bilateral'}`)
    ) : g.key === NO_GROUP ? (
      t(`timeline.noGroup.${view.group as Exclude<TimelineGrouping, 'type'>}`)
    ) : view.group === 'fundingArea' &&
      ['mitigation', 'adaptation', 'biodiversity', 'natural-carbon-sinks'].includes(g.key) ? (
      t(`fundingArea.${g.key as 'mitigation'}`)
    ) : g.name ? (
      <OfficialName en={g.name.en} zh={g.name.zh} de={g.name.de} />
    ) : (
      g.key
    );
  return (
    <>
      <PageTitle title={t('timeline.title')} description={t('timeline.lead')} />
      <h1>{t('timeline.title')}</h1>
      <p className="lead">{t('timeline.lead')}</p>
      {view.ignored.length > 0 ? (
        <p className="notice" role="status">
          {t('review.ignored', { params: [...new Set(view.ignored)].join(', ') })}
        </p>
      ) : null}
      <FilterChips action={action} filter={filter} facets={facets} keep={keep} />
      <TimelineViewForm action={action} filter={filter} view={view} />
      {window.previous || window.next ? (
        <nav className="timeline-window" aria-label={t('timeline.windowLabel')}>
          {window.previous ? (
            <AppLink to={href({ at: window.previous, page: 1 })}>{t('timeline.earlier')}</AppLink>
          ) : null}{' '}
          {window.next ? (
            <AppLink to={href({ at: window.next, page: 1 })}>{t('timeline.later')}</AppLink>
          ) : null}
        </nav>
      ) : null}
      <WithFilter action={action} filter={filter} facets={facets} problems={problems} keep={keep}>
        <p className="muted">
          {t('timeline.rows', { count: chartedProjects, page: view.page, pages: pageCount })}{' '}
          {view.group === 'type' ? null : t('timeline.multiGroupNote')}
        </p>
        <TimelineChart
          window={window}
          today={now}
          todayPosition={todayPosition}
          label={t('timeline.title')}
        >
          {groups.map((g) => (
            <section
              key={g.key}
              className="timeline__group"
              aria-labelledby={`timeline-group-${g.key || 'none'}`}
              data-group={g.key}
            >
              <h2 id={`timeline-group-${g.key || 'none'}`} className="timeline__group-title">
                {groupName(g)} {g.continued ? t('timeline.continued') : null}
              </h2>
              <TimelineRows rows={g.rows} />
            </section>
          ))}
        </TimelineChart>
        <Pagination page={view.page} pageCount={pageCount} hrefFor={(p) => href({ page: p })} />
        <TimelineLegend />
        <section aria-labelledby="timeline-undated" className="timeline-undated">
          <h2 id="timeline-undated">{t('timeline.undatedTitle', { count: undatedCount })}</h2>
          {undatedCount === 0 ? (
            <p>{t('timeline.undatedNone')}</p>
          ) : undated.length === 0 ? (
            <p>
              <AppLink to={href({ page: undatedFirstPage })}>
                {t('timeline.undatedLater', { page: undatedFirstPage })}
              </AppLink>
            </p>
          ) : (
            <>
              <p>{t('timeline.undatedIntro')}</p>
              <ul>
                {undated.map((p) => (
                  <li key={p.slug}>
                    <ProjectLink project={p} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </WithFilter>
    </>
  );
}

/** Grouping and zoom; the filter is kept. */
function TimelineViewForm({
  view,
  ...form
}: { view: TimelineParams } & Pick<ComponentProps<typeof ViewForm>, 'action' | 'filter'>) {
  const { t } = useTranslation();
  return (
    <ViewForm {...form} label={t('timeline.viewLabel')} submit={t('timeline.apply')}>
      <ViewSelect
        label={t('timeline.groupLabel')}
        name="group"
        value={view.group}
        options={TIMELINE_GROUPINGS.map((g) => ({ value: g, label: t(`timeline.group.${g}`) }))}
      />
      <ViewSelect
        label={t('timeline.zoomLabel')}
        name="zoom"
        value={view.zoom}
        options={TIMELINE_ZOOMS.map((z) => ({ value: z, label: t(`timeline.zoom.${z}`) }))}
      />
    </ViewForm>
  );
}
