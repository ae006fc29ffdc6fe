/*
 * The transaction core for a reported actual, shared by an editor's direct entry and a progress
 * report's approval (indicator-actuals.server.ts):
 *
 *   upsertIndicatorActual(tx: Tx, who: WriteContext, input: IndicatorActualInput): { periodId: number; created: boolean }
 *
 * Inside the caller's transaction it sets the actual of the indicator's period that covers exactly
 * input.periodStart … input.periodEnd (partial dates compared as the days they name, so a round's
 * 2025-01-01 – 2025-12-31 finds the period an editor entered as "2025"), creating the period when
 * there is none, and records one audit entry ('create' or 'update', entity 'indicator-period', on
 * the indicator's project). The caller refreshes the caches (afterWrite) once committed. Throws
 * when the indicator does not exist.
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { type PartialDate, periodEnd, periodStart } from '../../../db/dates';
import { indicatorPeriods, indicators, projects } from '../../../db/schema';
import type {
  DatePrecision,
  IndicatorDisaggregation,
  IndicatorMeasure,
  IndicatorUnit,
  ResultType,
} from '../../../db/vocabulary';
import {
  type SaveResult,
  type Tx,
  type WriteContext,
  afterWrite,
  createAudited,
  deleteVersioned,
  diffFields,
  recordAudit,
  saveVersioned,
} from '../../../db/writes.server';
import { indicatorColumns, indicatorPeriodColumns } from './indicators.server';

// Editing a project's indicators and their periods: every write audited and versioned through
// db/writes.server.ts (a stale save is refused, and the route shows both versions).

/** An indicator's values as stored (what the form writes, the audit compares). */
export interface IndicatorValues {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  description: string | null;
  unit: IndicatorUnit | null;
  measure: IndicatorMeasure;
  isAscending: boolean;
  standardIndicatorId: number | null;
  disaggregation: IndicatorDisaggregation | null;
  resultType: ResultType | null;
  resultTitle: string | null;
  baselineValue: number | null;
  baselineYear: number | null;
  baselineDate: string | null;
  baselineComment: string | null;
  position: number;
}

/** A period's values as stored. */
export interface PeriodValues {
  periodStart: string;
  periodStartPrecision: DatePrecision;
  periodEnd: string;
  periodEndPrecision: DatePrecision;
  targetValue: number | null;
  targetComment: string | null;
  targetDimensions: Record<string, number> | null;
  actualValue: number | null;
  actualComment: string | null;
  actualDimensions: Record<string, number> | null;
  evidenceUrl: string | null;
  reportedBy: string | null;
}

const {
  id: _id,
  projectId: _p,
  version: _v,
  sourceId: _s,
  ...indicatorValueColumns
} = indicatorColumns;
const {
  id: _pid,
  indicatorId: _i,
  version: _pv,
  reportId: _r,
  ...periodValueColumns
} = indicatorPeriodColumns;

/** The project an indicator form belongs to (its name for the page), by slug. */
export function getProjectForIndicatorForm(slug: string, db: Db = getDb()) {
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
    })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
}

const readIndicator = (db: Db | Tx, id: number) =>
  db.select(indicatorColumns).from(indicators).where(eq(indicators.id, id)).get();

/** One indicator of one project as its edit form shows it (undefined when not that project's). */
export function getIndicatorForEdit(projectId: number, indicatorId: number, db: Db = getDb()) {
  const row = readIndicator(db, indicatorId);
  return row && row.projectId === projectId ? row : undefined;
}

function indicatorAuditValues(tx: Tx | Db, id: number) {
  return tx.select(indicatorValueColumns).from(indicators).where(eq(indicators.id, id)).get();
}

/** Adds an indicator to a project, with its 'create' audit entry. */
export function createIndicator(
  projectId: number,
  values: IndicatorValues,
  who: WriteContext,
  db: Db = getDb(),
): { id: number } {
  return createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(indicators)
        .values({ ...values, projectId, createdAt: who.at })
        .returning({ id: indicators.id })
        .get(),
    audit: (tx, row) => ({
      entity: 'indicator',
      label: values.title,
      projectId,
      changes: diffFields(null, indicatorAuditValues(tx, row.id) ?? null),
    }),
  });
}

/** Saves an indicator's edit form if it is still at `version` (stale: nothing written). */
export function updateIndicator(
  indicatorId: number,
  version: number,
  values: IndicatorValues,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<NonNullable<ReturnType<typeof readIndicator>>> {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readIndicator(tx, indicatorId),
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) =>
      tx
        .update(indicators)
        .set({ ...(next as Partial<IndicatorValues>), version: nextVersion })
        .where(and(eq(indicators.id, indicatorId), eq(indicators.version, version)))
        .run(),
    audit: (current) => ({
      entity: 'indicator',
      entityId: indicatorId,
      label: values.title,
      projectId: current.projectId,
    }),
  });
}

const countPeriods = (db: Db | Tx, indicatorId: number) =>
  db
    .select({ n: count() })
    .from(indicatorPeriods)
    .where(eq(indicatorPeriods.indicatorId, indicatorId))
    .get()!.n;

/** What deleting an indicator takes with it: its periods. */
export function describeIndicatorReferences(indicatorId: number, db: Db = getDb()) {
  return { periods: countPeriods(db, indicatorId) };
}

/** Deletes an indicator and its periods, if still at `version`; the audit keeps its values. */
export function deleteIndicator(
  indicatorId: number,
  version: number,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<{ version: number }> {
  return deleteVersioned(db, who, {
    id: indicatorId,
    version,
    read: (tx) => readIndicator(tx, indicatorId),
    remove: (tx, current) => {
      const before = indicatorAuditValues(tx, indicatorId)!;
      const periods = countPeriods(tx, indicatorId);
      tx.delete(indicators).where(eq(indicators.id, indicatorId)).run();
      return {
        entity: 'indicator',
        label: current.title,
        projectId: current.projectId,
        changes: { ...diffFields(before, null), periods: { from: periods, to: 0 } },
      };
    },
  });
}

// ── Periods ─────────────────────────────────────────────────────────────────────────────────────

const readPeriod = (db: Db | Tx, id: number) =>
  db
    .select({
      ...indicatorPeriodColumns,
      projectId: indicators.projectId,
      indicatorTitle: indicators.title,
    })
    .from(indicatorPeriods)
    .innerJoin(indicators, eq(indicators.id, indicatorPeriods.indicatorId))
    .where(eq(indicatorPeriods.id, id))
    .get();

/** One period of one indicator (undefined when it is not that indicator's). */
export function getPeriodForEdit(indicatorId: number, periodId: number, db: Db = getDb()) {
  const row = readPeriod(db, periodId);
  return row && row.indicatorId === indicatorId ? row : undefined;
}

/** The first and last day of each period of an indicator (but one), for "a period is there once". */
export function listPeriodSpans(indicatorId: number, exceptId: number | null, db: Db = getDb()) {
  return db
    .select(indicatorPeriodColumns)
    .from(indicatorPeriods)
    .where(
      exceptId === null
        ? eq(indicatorPeriods.indicatorId, indicatorId)
        : and(eq(indicatorPeriods.indicatorId, indicatorId), ne(indicatorPeriods.id, exceptId)),
    )
    .orderBy(asc(indicatorPeriods.periodStart))
    .all()
    .map(spanOf);
}

function spanOf(p: {
  id: number;
  periodStart: string;
  periodStartPrecision: DatePrecision;
  periodEnd: string;
  periodEndPrecision: DatePrecision;
}) {
  return {
    id: p.id,
    start: periodStart({ value: p.periodStart, precision: p.periodStartPrecision }),
    end: periodEnd({ value: p.periodEnd, precision: p.periodEndPrecision }),
  };
}

/** "2025-01 – 2025-06": how an audit entry names a period. */
const periodLabel = (title: string, v: { periodStart: string; periodEnd: string }) =>
  `${title} · ${v.periodStart} – ${v.periodEnd}`;

const periodAuditValues = (tx: Tx | Db, id: number) =>
  tx.select(periodValueColumns).from(indicatorPeriods).where(eq(indicatorPeriods.id, id)).get();

/** Adds a period (target and/or actual) to an indicator, with its audit entry. */
export function createIndicatorPeriod(
  indicatorId: number,
  values: PeriodValues,
  who: WriteContext,
  db: Db = getDb(),
): { id: number } {
  const indicator = readIndicator(db, indicatorId);
  if (!indicator) throw new Error(`No indicator ${indicatorId}`);
  return createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(indicatorPeriods)
        .values({ ...values, indicatorId })
        .returning({ id: indicatorPeriods.id })
        .get(),
    audit: (tx, row) => ({
      entity: 'indicator-period',
      label: periodLabel(indicator.title, values),
      projectId: indicator.projectId,
      changes: diffFields(null, periodAuditValues(tx, row.id) ?? null),
    }),
  });
}

/** Saves a period's edit form if it is still at `version`. */
export function updateIndicatorPeriod(
  periodId: number,
  version: number,
  values: PeriodValues,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<NonNullable<ReturnType<typeof readPeriod>>> {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readPeriod(tx, periodId),
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) =>
      tx
        .update(indicatorPeriods)
        .set({ ...(next as Partial<PeriodValues>), version: nextVersion })
        .where(and(eq(indicatorPeriods.id, periodId), eq(indicatorPeriods.version, version)))
        .run(),
    audit: (current) => ({
      entity: 'indicator-period',
      entityId: periodId,
      label: periodLabel(current.indicatorTitle, values),
      projectId: current.projectId,
    }),
  });
}

/** Deletes a period if still at `version`; the audit keeps its values. */
export function deleteIndicatorPeriod(
  periodId: number,
  version: number,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<{ version: number }> {
  return deleteVersioned(db, who, {
    id: periodId,
    version,
    read: (tx) => readPeriod(tx, periodId),
    remove: (tx, current) => {
      const before = periodAuditValues(tx, periodId)!;
      tx.delete(indicatorPeriods).where(eq(indicatorPeriods.id, periodId)).run();
      return {
        entity: 'indicator-period',
        label: periodLabel(current.indicatorTitle, current),
        projectId: current.projectId,
        changes: diffFields(before, null),
      };
    },
  });
}

// ── A reported actual ───────────────────────────────────────────────────────────────────────────

export interface IndicatorActualInput {
  indicatorId: number;
  periodStart: PartialDate;
  periodEnd: PartialDate;
  /**
   * Null: no number this period (a qualitative indicator reports a comment only). Undefined: the
   * period keeps the value it has (a report that brings only a comment).
   */
  actualValue: number | null | undefined;
  actualComment: string | null;
  /** Undefined: kept, as the value. */
  actualDimensions: Record<string, number> | null | undefined;
  evidenceUrl?: string | null;
  reportedBy: string | null;
  /** The approved report that brought it, when it came through a reporting round. */
  reportId?: number | null;
}

/** See the comment at the top of this file. */
export function upsertIndicatorActual(
  tx: Tx,
  who: WriteContext,
  input: IndicatorActualInput,
): { periodId: number; created: boolean } {
  const indicator = readIndicator(tx, input.indicatorId);
  if (!indicator) throw new Error(`No indicator ${input.indicatorId}`);
  const start = periodStart(input.periodStart);
  const end = periodEnd(input.periodEnd);
  const existing = tx
    .select(indicatorPeriodColumns)
    .from(indicatorPeriods)
    .where(eq(indicatorPeriods.indicatorId, input.indicatorId))
    .all()
    .find((p) => {
      const span = spanOf(p);
      return span.start === start && span.end === end;
    });
  const actual = {
    ...(input.actualValue === undefined ? {} : { actualValue: input.actualValue }),
    ...(input.actualDimensions === undefined ? {} : { actualDimensions: input.actualDimensions }),
    actualComment: input.actualComment,
    reportedBy: input.reportedBy,
    ...(input.evidenceUrl === undefined ? {} : { evidenceUrl: input.evidenceUrl }),
    ...(input.reportId === undefined ? {} : { reportId: input.reportId }),
  };
  const subject = { projectId: indicator.projectId, entity: 'indicator-period' as const };
  if (existing) {
    const before = periodAuditValues(tx, existing.id)!;
    tx.update(indicatorPeriods)
      .set({ ...actual, version: existing.version + 1 })
      .where(eq(indicatorPeriods.id, existing.id))
      .run();
    const after = periodAuditValues(tx, existing.id)!;
    recordAudit(tx, {
      ...subject,
      at: who.at,
      actor: who.actor,
      action: 'update',
      entityId: existing.id,
      label: periodLabel(indicator.title, existing),
      changes: diffFields(before, after),
      sourceUrl: who.sourceUrl ?? null,
    });
    return { periodId: existing.id, created: false };
  }
  const row = tx
    .insert(indicatorPeriods)
    .values({
      indicatorId: input.indicatorId,
      periodStart: input.periodStart.value,
      periodStartPrecision: input.periodStart.precision,
      periodEnd: input.periodEnd.value,
      periodEndPrecision: input.periodEnd.precision,
      ...actual,
    })
    .returning({ id: indicatorPeriods.id })
    .get();
  recordAudit(tx, {
    ...subject,
    at: who.at,
    actor: who.actor,
    action: 'create',
    entityId: row.id,
    label: periodLabel(indicator.title, {
      periodStart: input.periodStart.value,
      periodEnd: input.periodEnd.value,
    }),
    changes: diffFields(null, periodAuditValues(tx, row.id) ?? null),
    sourceUrl: who.sourceUrl ?? null,
  });
  return { periodId: row.id, created: true };
}

/** upsertIndicatorActual in its own transaction, with the caches refreshed (editors, scripts). */
export function setIndicatorActual(
  who: WriteContext,
  input: IndicatorActualInput,
  db: Db = getDb(),
) {
  const result = db.transaction((tx) => upsertIndicatorActual(tx, who, input));
  afterWrite(db);
  return result;
}

/** How many indicators a project has (what deleting the project takes with it). */
export function countProjectIndicators(projectId: number, db: Db = getDb()): number {
  return db
    .select({ n: count() })
    .from(indicators)
    .where(eq(indicators.projectId, projectId))
    .get()!.n;
}
