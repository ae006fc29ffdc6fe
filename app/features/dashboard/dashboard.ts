import type { TFunction } from 'i18next';

import { type FilterList, type ProjectFilter, filterSearchParams } from '../../core/filter/filter';

// What the dashboard draws, in one list: the loader, the page, the CSV route and the tests all
// read it, so a chart cannot exist in one place and be missing in another.

export const DASHBOARD_CHARTS = [
  { id: 'byFundingArea', kind: 'bar', horizontal: true, overlapping: true, unit: 'projects' },
  { id: 'byTopic', kind: 'bar', horizontal: true, overlapping: true, unit: 'projects' },
  { id: 'byStatus', kind: 'bar', horizontal: false, overlapping: false, unit: 'projects' },
  { id: 'byType', kind: 'bar', horizontal: false, overlapping: false, unit: 'projects' },
  { id: 'byMinistry', kind: 'bar', horizontal: true, overlapping: true, unit: 'projects' },
  // A project runs in several years: the years overlap too.
  { id: 'runningPerYear', kind: 'bar', horizontal: false, overlapping: true, unit: 'projects' },
  { id: 'milestoneStatus', kind: 'bar', horizontal: false, overlapping: false, unit: 'milestones' },
  {
    id: 'achievedOverTime',
    kind: 'line',
    horizontal: false,
    overlapping: false,
    unit: 'milestones',
  },
  { id: 'topProvinces', kind: 'bar', horizontal: true, overlapping: true, unit: 'projects' },
] as const;

export type DashboardChartId = (typeof DASHBOARD_CHARTS)[number]['id'];
export const DASHBOARD_CHART_IDS = DASHBOARD_CHARTS.map((c) => c.id) as DashboardChartId[];

export function isDashboardChartId(value: string): value is DashboardChartId {
  return (DASHBOARD_CHART_IDS as string[]).includes(value);
}

export type MinistryCounting = 'folded' | 'stated';

/** `ministries=stated` counts ministries by the names the sources give; anything else folds. */
export function parseMinistryCounting(value: string | null): MinistryCounting {
  return value === 'stated' ? 'stated' : 'folded';
}

const FACET_OF: Partial<Record<DashboardChartId, FilterList>> = {
  byFundingArea: 'fundingArea',
  byTopic: 'topic',
  byStatus: 'status',
  byType: 'type',
  byMinistry: 'ministry',
  topProvinces: 'province',
};

/**
 * Where a bar leads: the project list with the current filter, that facet set to the bar's
 * value (a bar of years: the projects running in that year). Milestone charts lead nowhere.
 */
export function chartFilterLink(
  chart: DashboardChartId,
  key: string,
  filter: ProjectFilter,
): string | null {
  const search = filterSearchParams(filter);
  if (chart === 'runningPerYear') {
    search.set('from', key);
    search.set('to', key);
  } else {
    const facet = FACET_OF[chart];
    if (!facet) return null;
    search.delete(facet);
    search.append(facet, key);
  }
  return `/projects?${search}`;
}

/** A bar's category as the dashboard's charts, tables and CSVs have it. */
export interface ChartRow {
  key: string;
  name: string;
  nameZh?: string | null;
  nameDe?: string | null;
  /** A short name for the chart's axis (a ministry's acronym); the full name stays in the table. */
  short?: string | null;
  value: number;
  /** A second series (planned, next to achieved). */
  second?: number;
}

const FUNDING_AREA_KEYS = ['mitigation', 'adaptation', 'biodiversity', 'natural-carbon-sinks'];

/** A row's label in a language: our own vocabulary translated, official names as sourced. */
export function chartRowLabel(
  chart: DashboardChartId,
  row: ChartRow,
  t: TFunction,
  lang: string,
): string {
  switch (chart) {
    case 'byStatus':
      return t(`status.${row.key as 'ongoing'}`);
    case 'byType':
      return t(`type.${row.key as 'bilateral'}`);
    case 'milestoneStatus':
      return t(`milestoneStatus.${row.key as 'planned'}`);
    case 'byFundingArea':
      return FUNDING_AREA_KEYS.includes(row.key)
        ? t(`fundingArea.${row.key as 'mitigation'}`)
        : row.name;
    default: {
      const local = lang === 'zh' ? row.nameZh : lang === 'de' ? row.nameDe : null;
      // The axis shows a ministry by its short name: the full name beside it begins with it too.
      if (local && row.short) return `${row.short} — ${local}`;
      return local ?? row.name;
    }
  }
}
