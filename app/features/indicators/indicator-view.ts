import { isQuantitative } from './indicator-progress';

// What the project page decides about an indicator before it renders (shared by its loader, which
// decides whether the page needs its scripts, and its section).

interface ChartableView {
  indicator: { measure: Parameters<typeof isQuantitative>[0] };
  periods: { period: { targetValue: number | null; actualValue: number | null } }[];
}

/** A chart of actual against target is drawn for a quantity with at least one number to draw. */
export function hasChart(view: ChartableView): boolean {
  return (
    isQuantitative(view.indicator.measure) &&
    view.periods.some((p) => p.period.targetValue !== null || p.period.actualValue !== null)
  );
}

/** "SI 1: " before a standard indicator's name, unless the name already starts with its code. */
export function standardCodePrefix(standard: { code: string; title: string }): string {
  return standard.title.startsWith(standard.code) ? '' : `${standard.code}: `;
}
