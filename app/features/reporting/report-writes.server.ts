import { eq } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  type ReportIndicatorUpdate,
  type ReportMilestoneUpdate,
  type ReportText,
  milestones,
  projects,
  reportingRounds,
  reports,
} from '../../../db/schema';
import {
  type Tx,
  type WriteContext,
  afterWrite,
  type Changes,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';
import type { HubLanguage, ReportState } from '../../../db/vocabulary';
import { recordProgressUpdate } from '../milestones/progress-update-writes.server';
import { insertMilestone } from '../milestones/milestone-writes.server';
import { applyIndicatorActual } from '../indicators/indicator-actuals.server';
import { type ReportActor, type ReportIntent, nextReportState } from './report-states';
import { reportingChanged } from './report-events.server';

// A report's writes: saving (draft, submit), returning and approving. Each is one synchronous
// transaction at the version the form was read at, with its audit entry; approval also writes
// every milestone update through the progress log (the report is the evidence), all or nothing.
// Listeners hear of a state change once it is committed (report-events.server.ts).

/** The report's content: what its form writes. */
export interface ReportContent {
  language: HubLanguage;
  texts: Partial<Record<HubLanguage, ReportText>>;
  milestoneUpdates: ReportMilestoneUpdate[];
  /** Each indicator's actual for the round's period (only the indicators the author answered). */
  indicatorUpdates: ReportIndicatorUpdate[];
}

/** The report as saved now (what a stale write is shown next to what was sent). */
export interface StoredReport extends ReportContent {
  state: ReportState;
  version: number;
  reviewComments: Record<string, string>;
}

export type ReportWriteResult =
  | { ok: true; state: ReportState; version: number }
  | { ok: false; reason: 'not-found' }
  /** Saved meanwhile by someone else: nothing written. */
  | { ok: false; reason: 'stale'; current: StoredReport }
  /** The report's state (or the round's) does not allow this now. */
  | { ok: false; reason: 'not-allowed'; current: StoredReport }
  /** Approval could not apply a milestone update (the milestone was deleted): nothing written. */
  | { ok: false; reason: 'not-applicable'; milestoneId: number };

/** Who writes: the account, and whether it acts as an author or as the hub team. */
export type ReportWriter = Pick<WriteContext, 'at' | 'actor'> & { as: ReportActor };

function readReport(tx: Tx, reportId: number) {
  const row = tx
    .select({
      id: reports.id,
      projectId: reports.projectId,
      state: reports.state,
      language: reports.language,
      texts: reports.texts,
      milestoneUpdates: reports.milestoneUpdates,
      indicatorUpdates: reports.indicatorUpdates,
      reviewComments: reports.reviewComments,
      version: reports.version,
      stateChangedAt: reports.stateChangedAt,
      submittedAt: reports.submittedAt,
      roundState: reportingRounds.state,
      roundTitle: reportingRounds.title,
      periodStart: reportingRounds.periodStart,
      periodEnd: reportingRounds.periodEnd,
      projectTitle: projects.title,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(eq(reports.id, reportId))
    .get();
  if (!row) return undefined;
  const stored: StoredReport = {
    state: row.state,
    version: row.version,
    language: row.language ?? 'en',
    texts: row.texts,
    milestoneUpdates: row.milestoneUpdates,
    indicatorUpdates: row.indicatorUpdates,
    reviewComments: row.reviewComments,
  };
  return { ...row, stored, label: `${row.roundTitle} — ${row.projectTitle}` };
}

type Current = NonNullable<ReturnType<typeof readReport>>;

/**
 * Runs one change of a report in a transaction: reads it, refuses a stale version or a move its
 * state does not allow, lets `write` change it, and tells the listeners after the commit.
 */
function changeReport(
  db: Db,
  reportId: number,
  version: number,
  intent: ReportIntent,
  who: ReportWriter,
  write: (tx: Tx, current: Current, next: ReportState) => void,
): ReportWriteResult {
  const result = db.transaction((tx): ReportWriteResult & { changedState?: boolean } => {
    const current = readReport(tx, reportId);
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== version) return { ok: false, reason: 'stale', current: current.stored };
    const next = nextReportState(intent, current.state, current.roundState, who.as);
    if (!next) return { ok: false, reason: 'not-allowed', current: current.stored };
    write(tx, current, next);
    return { ok: true, state: next, version: version + 1, changedState: next !== current.state };
  });
  if (!result.ok) return result;
  afterWrite(db);
  const { changedState, ...outcome } = result;
  if (changedState) reportingChanged({ kind: 'report-state', reportId, state: outcome.state });
  return outcome;
}

/** The state fields a move to `next` sets (when it moved, and when submitted). */
function stateStamps(current: Current, next: ReportState, at: string) {
  return {
    state: next,
    stateChangedAt: next === current.state ? current.stateChangedAt : at,
    submittedAt: next === 'submitted' ? at : current.submittedAt,
  };
}

/** The report's audit entry, in the transaction that changes it (the project's history lists it). */
function auditReport(
  tx: Tx,
  reportId: number,
  current: Current,
  who: ReportWriter,
  action: 'update' | 'state-change',
  changes: Changes,
) {
  recordAudit(tx, {
    at: who.at,
    actor: who.actor,
    action,
    entity: 'report',
    entityId: reportId,
    label: current.label,
    projectId: current.projectId,
    changes,
  });
}

/**
 * Saves the report's content as a draft ('update' in the audit log) or submits it
 * ('state-change'), if still at `version` and its state and round allow it.
 */
export function saveReport(
  reportId: number,
  version: number,
  intent: 'save-draft' | 'submit',
  content: ReportContent,
  who: ReportWriter,
  db: Db = getDb(),
): ReportWriteResult {
  return changeReport(db, reportId, version, intent, who, (tx, current, next) => {
    const stamps = stateStamps(current, next, who.at);
    tx.update(reports)
      .set({
        ...content,
        ...stamps,
        updatedAt: who.at,
        updatedBy: who.actor.id,
        version: version + 1,
      })
      .where(eq(reports.id, reportId))
      .run();
    auditReport(
      tx,
      reportId,
      current,
      who,
      intent === 'submit' ? 'state-change' : 'update',
      diffFields(
        {
          state: current.state,
          language: current.stored.language,
          texts: current.texts,
          milestoneUpdates: current.milestoneUpdates,
          indicatorUpdates: current.indicatorUpdates,
        },
        { state: next, ...content },
      ),
    );
  });
}

/** Returns a submitted report to its authors with the reviewer's comment per section. */
export function returnReport(
  reportId: number,
  version: number,
  comments: Record<string, string>,
  who: ReportWriter,
  db: Db = getDb(),
): ReportWriteResult {
  return changeReport(db, reportId, version, 'return', who, (tx, current, next) => {
    tx.update(reports)
      .set({
        ...stateStamps(current, next, who.at),
        reviewComments: comments,
        updatedAt: who.at,
        updatedBy: who.actor.id,
        version: version + 1,
      })
      .where(eq(reports.id, reportId))
      .run();
    auditReport(
      tx,
      reportId,
      current,
      who,
      'state-change',
      diffFields(
        { state: current.state, reviewComments: current.reviewComments },
        { state: next, reviewComments: comments },
      ),
    );
  });
}

/** Thrown inside the approval's transaction to undo every write it made. */
class ApprovalRefused extends Error {
  constructor(readonly milestoneId: number) {
    super(`Milestone ${milestoneId} is no longer the project's`);
  }
}

const partial = (value?: string | null, precision?: string | null) =>
  value && precision ? { value, precision: precision as 'year' | 'month' | 'day' } : undefined;

/** The name the progress log gives a report's updates: the report is their evidence. */
export const reportEvidenceName = (roundTitle: string) =>
  `Progress report ${roundTitle}`.slice(0, 120);

/** Applies one milestone update of the report, in the approval's transaction. */
function applyUpdate(tx: Tx, current: Current, update: ReportMilestoneUpdate, who: ReportWriter) {
  const by = reportEvidenceName(current.roundTitle);
  const recorded = { at: who.at, actor: who.actor };
  if (update.milestoneId === null) {
    insertMilestone(
      tx,
      current.projectId,
      {
        title: update.title ?? '',
        titleZh: update.titleZh ?? undefined,
        kind: (update.kind ?? 'deliverable') as 'deliverable',
        plannedDate: partial(update.plannedDate, update.plannedPrecision),
        responsibleOrganisationId: update.responsibleOrganisationId ?? null,
        evidenceUrl: update.evidenceUrl ?? undefined,
        note: update.note ?? undefined,
      },
      { ...recorded, by },
      `Added in ${by}`,
    );
    return;
  }
  const milestone = tx
    .select({ projectId: milestones.projectId })
    .from(milestones)
    .where(eq(milestones.id, update.milestoneId))
    .get();
  if (milestone?.projectId !== current.projectId) throw new ApprovalRefused(update.milestoneId);
  const outcome = recordProgressUpdate(
    tx,
    update.milestoneId,
    {
      status: update.status as 'planned',
      progress: update.progress,
      actualDate: partial(update.actualDate, update.actualPrecision),
      revisedDate: partial(update.revisedDate, update.revisedPrecision),
      comment: update.comment ?? undefined,
      evidenceUrl: update.evidenceUrl ?? null,
      recordedBy: by,
    },
    recorded,
  );
  if (!outcome.ok) throw new ApprovalRefused(update.milestoneId);
}

/**
 * Writes the report's indicator actuals into the indicators' periods for the round's period, in
 * the approval's transaction; returns the ids of indicators deleted since the author wrote (their
 * values are skipped, and the approval's audit entry names them).
 */
function applyIndicatorUpdates(tx: Tx, current: Current, reportId: number, who: ReportWriter) {
  const skipped: number[] = [];
  for (const update of current.indicatorUpdates) {
    const applied = applyIndicatorActual(
      tx,
      {
        indicatorId: update.indicatorId,
        projectId: current.projectId,
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        actualValue: update.actualValue,
        actualDimensions: update.actualDimensions ?? null,
        comment: update.comment ?? null,
        evidenceUrl: update.evidenceUrl ?? null,
        reportedBy: reportEvidenceName(current.roundTitle),
        reportId,
      },
      { at: who.at, actor: who.actor },
    );
    if (!applied.ok) skipped.push(update.indicatorId);
  }
  return skipped;
}

/**
 * Approves a submitted report. In one synchronous transaction: every milestone update goes
 * through the progress log, the milestone row and the audit log; new milestones are created;
 * every indicator actual is written into its period (an indicator deleted meanwhile is skipped
 * and named in the approval's entry); the report is approved with its 'state-change' entry. If
 * any step fails, nothing is written.
 */
export function approveReport(
  reportId: number,
  version: number,
  who: ReportWriter,
  db: Db = getDb(),
): ReportWriteResult {
  try {
    return changeReport(db, reportId, version, 'approve', who, (tx, current, next) => {
      // Indicators first: a milestone refused after them undoes their writes too (tested).
      const skipped = applyIndicatorUpdates(tx, current, reportId, who);
      for (const update of current.milestoneUpdates) applyUpdate(tx, current, update, who);
      tx.update(reports)
        .set({
          ...stateStamps(current, next, who.at),
          approvedAt: who.at,
          approvedBy: who.actor.id,
          updatedAt: who.at,
          updatedBy: who.actor.id,
          version: version + 1,
        })
        .where(eq(reports.id, reportId))
        .run();
      auditReport(tx, reportId, current, who, 'state-change', {
        state: { from: current.state, to: next },
        approvedAt: { from: null, to: who.at },
        ...(skipped.length ? { skippedIndicators: { from: null, to: skipped } } : {}),
      });
    });
  } catch (error) {
    // The transaction is rolled back; the page says which milestone stood in the way.
    if (error instanceof ApprovalRefused) {
      return { ok: false, reason: 'not-applicable', milestoneId: error.milestoneId };
    }
    throw error;
  }
}
