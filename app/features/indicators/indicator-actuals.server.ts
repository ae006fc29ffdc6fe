import { and, eq } from 'drizzle-orm';

import { indicatorPeriods, indicators } from '../../../db/schema';
import { type Actor, type Tx, diffFields, recordAudit } from '../../../db/writes.server';

// An indicator's actual for one period, written inside a caller's transaction: the approval of a
// progress report writes each of its indicator updates through here (and an editor's direct entry
// may later). The period is found by indicator, start and end (created when missing), its actual
// set, its version moved on and an 'indicator-period' audit entry written in the same transaction.

/** What is written: the period's actual and who stands behind it. */
export interface IndicatorActual {
  indicatorId: number;
  /** The project the writer believes the indicator belongs to: another project's is refused. */
  projectId: number;
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

const periodLabel = (title: string, start: string, end: string) => `${title} (${start} – ${end})`;

/**
 * Writes one actual into the indicator's period (start–end, precision 'day'), creating the period
 * when there is none, with its audit entry; nothing is written for a missing indicator.
 */
export function applyIndicatorActual(
  tx: Tx,
  actual: IndicatorActual,
  who: { at: string; actor: Actor },
): AppliedActual {
  const indicator = tx
    .select({ id: indicators.id, projectId: indicators.projectId, title: indicators.title })
    .from(indicators)
    .where(eq(indicators.id, actual.indicatorId))
    .get();
  if (indicator?.projectId !== actual.projectId) return { ok: false, reason: 'no-indicator' };
  const values = {
    ...(actual.actualValue === null ? {} : { actualValue: actual.actualValue }),
    actualDimensions: actual.actualDimensions ?? null,
    actualComment: actual.comment ?? null,
    evidenceUrl: actual.evidenceUrl ?? null,
    reportedBy: actual.reportedBy,
    reportId: actual.reportId ?? null,
  };
  const label = periodLabel(indicator.title, actual.periodStart, actual.periodEnd);
  const subject = {
    at: who.at,
    actor: who.actor,
    entity: 'indicator-period' as const,
    label,
    projectId: indicator.projectId,
  };
  const existing = tx
    .select()
    .from(indicatorPeriods)
    .where(
      and(
        eq(indicatorPeriods.indicatorId, indicator.id),
        eq(indicatorPeriods.periodStart, actual.periodStart),
        eq(indicatorPeriods.periodEnd, actual.periodEnd),
      ),
    )
    .get();
  if (!existing) {
    const row = tx
      .insert(indicatorPeriods)
      .values({
        indicatorId: indicator.id,
        periodStart: actual.periodStart,
        periodStartPrecision: 'day',
        periodEnd: actual.periodEnd,
        periodEndPrecision: 'day',
        ...values,
      })
      .returning({ id: indicatorPeriods.id })
      .get();
    recordAudit(tx, {
      ...subject,
      action: 'create',
      entityId: row.id,
      changes: diffFields(null, {
        indicatorId: indicator.id,
        periodStart: actual.periodStart,
        periodEnd: actual.periodEnd,
        ...values,
      }),
    });
    return { ok: true, action: 'create', periodId: row.id };
  }
  const before = Object.fromEntries(
    Object.keys(values).map((k) => [k, existing[k as keyof typeof existing]]),
  );
  tx.update(indicatorPeriods)
    .set({ ...values, version: existing.version + 1 })
    .where(eq(indicatorPeriods.id, existing.id))
    .run();
  recordAudit(tx, {
    ...subject,
    action: 'update',
    entityId: existing.id,
    changes: diffFields(before, values),
  });
  return { ok: true, action: 'update', periodId: existing.id };
}
