import type { Lang } from '../../core/i18n/config';
import { PACK_LABELS, type PackLabels, bilingual, nameOr } from './pack-labels';
import type { CountRow, PackData, PackIndicator, PackLanguages } from './pack-types';

// The pack's charts as plain specifications: which bars, with which labels and numbers. The print
// view draws them as SVG (chart-svg.ts), the deck and the Word document as PNG images
// (chart-png.server.ts); both draw exactly these numbers, which are the pack data's (the dashboard's
// aggregates), and every chart's alternative text lists them.

export interface ChartSeries {
  name: string;
  /** One value per category; null: not reported (no bar, never 0). */
  values: (number | null)[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** Horizontal bars with category labels on the left (one series), or grouped bars over periods. */
  kind: 'bars' | 'grouped';
  categories: string[];
  series: ChartSeries[];
  unit: string | null;
}

const labelIn = (languages: PackLanguages) => (row: CountRow) =>
  languages
    .map((lang) => nameOr(row.label, lang))
    .filter((v, i, all) => all.indexOf(v) === i)
    .join(' / ');

function countChart(
  id: string,
  rows: CountRow[],
  languages: PackLanguages,
  title: (labels: PackLabels, lang: Lang) => string,
): ChartSpec {
  const label = labelIn(languages);
  return {
    id,
    title: bilingual(languages, title),
    kind: 'bars',
    categories: rows.map(label),
    series: [{ name: bilingual(languages, (l) => l.projects), values: rows.map((r) => r.value) }],
    unit: null,
  };
}

/** The overview's charts, in the order the deck and the print view show them. */
export function overviewCharts(pack: PackData, languages: PackLanguages): ChartSpec[] {
  const { overview } = pack;
  const charts = [
    countChart('byType', overview.byType, languages, (l) => l.byType),
    countChart('byStatus', overview.byStatus, languages, (l) => l.byStatus),
    countChart('byFundingArea', overview.byFundingArea, languages, (l) => l.byFundingArea),
  ];
  const m = overview.milestones;
  charts.push({
    id: 'milestones',
    title: bilingual(languages, (l) => l.milestonesInPeriod),
    kind: 'bars',
    categories: [
      bilingual(languages, (l) => l.milestonesAchieved),
      bilingual(languages, (l) => l.milestonesDue),
      bilingual(languages, (l) => l.milestonesOverdue),
    ],
    series: [
      {
        name: bilingual(languages, (l) => l.milestonesInPeriod),
        values: [m.achieved, m.due, m.overdue],
      },
    ],
    unit: null,
  });
  if (overview.round) {
    charts.push(countChart('round', overview.round.byState, languages, (l) => l.roundCompletion));
  }
  return charts.filter((c) => c.categories.length > 0);
}

/** A project's indicator over its periods: target beside actual; null when nothing to draw. */
export function indicatorChart(
  indicator: PackIndicator,
  languages: PackLanguages,
  lang: Lang = languages[0],
): ChartSpec | null {
  const points = indicator.points.filter((p) => p.target !== null || p.actual !== null);
  if (points.length === 0) return null;
  return {
    id: `indicator-${indicator.id}`,
    title: languages
      .map((l) => nameOr(indicator.title, l))
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(' / '),
    kind: 'grouped',
    categories: points.map((p) => p.periodEnd),
    series: [
      { name: bilingual(languages, (l) => l.target), values: points.map((p) => p.target) },
      { name: bilingual(languages, (l) => l.actual), values: points.map((p) => p.actual) },
    ],
    unit: indicator.unit ?? PACK_LABELS[lang].notPublished,
  };
}

/** A chart's numbers in words, for its alternative text and its table. */
export function chartAltText(spec: ChartSpec): string {
  const rows = spec.categories.map((category, i) => {
    const values = spec.series.map((s) =>
      spec.series.length > 1 ? `${s.name} ${s.values[i] ?? '–'}` : String(s.values[i] ?? '–'),
    );
    return `${category}: ${values.join(', ')}`;
  });
  return `${spec.title}. ${rows.join('; ')}${spec.unit ? ` (${spec.unit})` : ''}`;
}
