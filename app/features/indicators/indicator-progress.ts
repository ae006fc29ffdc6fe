import { type IndicatorMeasure, QUANTITATIVE_MEASURES } from '../../../db/vocabulary';

// The share of a target an indicator has reached, and when the hub refuses to give one. One rule,
// stated on the project page (indicators.progressRule):
//   share = (actual − baseline) / (target − baseline), clamped to 0…1
// It works in both directions: for a "lower is better" indicator the target lies below the
// baseline, and so does a good actual, so the quotient is positive either way.

export type ProgressReason =
  'qualitative' | 'no-target' | 'no-actual' | 'no-baseline' | 'zero-range' | 'against-direction';

export interface ProgressInput {
  measure: IndicatorMeasure;
  isAscending: boolean;
  baseline: number | null;
  target: number | null;
  actual: number | null;
}

export type Progress =
  | {
      ok: true;
      /** The share reached, clamped to 0…1 (what bars and "n %" show). */
      share: number;
      /** The unclamped quotient: above 1 when the target was exceeded, below 0 when moved away. */
      raw: number;
      /** True when no baseline was published and 0 was used (ascending indicators only). */
      baselineAssumed: boolean;
    }
  | { ok: false; reason: ProgressReason };

const isNumber = (v: number | null): v is number => v !== null && Number.isFinite(v);

export function isQuantitative(measure: IndicatorMeasure): boolean {
  return (QUANTITATIVE_MEASURES as readonly string[]).includes(measure);
}

/** The share of the target reached, or why there is none. */
export function progressToTarget(input: ProgressInput): Progress {
  if (!isQuantitative(input.measure)) return { ok: false, reason: 'qualitative' };
  if (!isNumber(input.target)) return { ok: false, reason: 'no-target' };
  if (!isNumber(input.actual)) return { ok: false, reason: 'no-actual' };
  let baseline = input.baseline;
  let baselineAssumed = false;
  if (!isNumber(baseline)) {
    // Counting up from nothing is what an ascending indicator without a baseline means; a
    // descending one (emissions, losses) has no meaningful zero to start from.
    if (!input.isAscending) return { ok: false, reason: 'no-baseline' };
    baseline = 0;
    baselineAssumed = true;
  }
  const range = input.target - baseline;
  if (range === 0) return { ok: false, reason: 'zero-range' };
  if (input.isAscending ? range < 0 : range > 0) return { ok: false, reason: 'against-direction' };
  const raw = (input.actual - baseline) / range;
  return { ok: true, share: Math.min(1, Math.max(0, raw)), raw, baselineAssumed };
}

/** Whole per cent for display (share 0…1 → 0…100), never showing 100 before the target is met. */
export function percentOf(share: number): number {
  const percent = Math.round(share * 100);
  return percent === 100 && share < 1 ? 99 : percent;
}
