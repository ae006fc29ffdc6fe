import { eq } from 'drizzle-orm';

import { indicators } from '../../../db/schema';
import type { Actor, Tx } from '../../../db/writes.server';
import { upsertIndicatorActual } from './indicator-writes.server';

// An indicator's actual for one period, written inside a caller's transaction: the approval of a
// progress report writes each of its indicator updates through here. It checks the indicator is
// still the project's, then goes through the editors' core (upsertIndicatorActual): the period is
// found by the days it covers (created when missing), its actual set, its version moved on and
// an 'indicator-period' audit entry written in the same transaction.

/** What is written: the period's actual and who stands behind it. */
export interface IndicatorActual {
  indicatorId: number;
  /** The project the writer believes the indicator belongs to: another project's is refused. */
  projectId: number;
  /** Days (YYYY-MM-DD): a round's period. */
  periodStart: string;
  periodEnd: string;
  /** Null: no value (a comment only, or qualitative); an existing value is then kept. */
  actualValue: number | null;
  actualDimensions?: Record<string, number> | null;
  comment?: string | null;
  evidenceUrl?: string | null;
  reportedBy: string;
  /** The approved report that brings it, if it came through a reporting round. */
  reportId?: number | null;
}

export type AppliedActual =
  | { ok: true; action: 'create' | 'update'; periodId: number }
  /** The indicator is gone (deleted since the report was written) or not the project's. */
  | { ok: false; reason: 'no-indicator' };

/**
 * Writes one actual into the indicator's period covering start–end, creating the period (to the
 * day) when there is none, with its audit entry; nothing is written for a missing indicator.
 */
export function applyIndicatorActual(
  tx: Tx,
  actual: IndicatorActual,
  who: { at: string; actor: Actor },
): AppliedActual {
  const indicator = tx
    .select({ projectId: indicators.projectId })
    .from(indicators)
    .where(eq(indicators.id, actual.indicatorId))
    .get();
  if (indicator?.projectId !== actual.projectId) return { ok: false, reason: 'no-indicator' };
  const keepsValue = actual.actualValue === null;
  const { periodId, created } = upsertIndicatorActual(tx, who, {
    indicatorId: actual.indicatorId,
    periodStart: { value: actual.periodStart, precision: 'day' },
    periodEnd: { value: actual.periodEnd, precision: 'day' },
    actualValue: keepsValue ? undefined : actual.actualValue,
    actualDimensions: keepsValue ? undefined : (actual.actualDimensions ?? null),
    actualComment: actual.comment ?? null,
    evidenceUrl: actual.evidenceUrl ?? null,
    reportedBy: actual.reportedBy,
    reportId: actual.reportId ?? null,
  });
  return { ok: true, action: created ? 'create' : 'update', periodId };
}
