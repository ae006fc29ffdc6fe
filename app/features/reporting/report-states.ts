import type { ReportState, RoundState } from '../../../db/vocabulary';

// A report's states and who moves it between them (pure: the writes and the pages ask it).
// not-started → draft (saved, private) → submitted → returned (with the reviewer's comments) →
// draft / submitted again → approved. Authors write while the round is open; only the hub team
// returns and approves (while the round is open or closed, never once approved).

/** What a person does to a report: the forms' `intent` values. */
export const REPORT_INTENTS = ['save-draft', 'submit', 'return', 'approve'] as const;
export type ReportIntent = (typeof REPORT_INTENTS)[number];

/** The intents of the report form (authors); the others are the review's (hub team). */
export const WRITE_INTENTS = ['save-draft', 'submit'] as const;
export const REVIEW_INTENTS = ['return', 'approve'] as const;

const FROM: Record<ReportIntent, readonly ReportState[]> = {
  'save-draft': ['not-started', 'draft', 'returned'],
  submit: ['not-started', 'draft', 'returned'],
  return: ['submitted'],
  approve: ['submitted'],
};

const TO: Record<ReportIntent, ReportState> = {
  'save-draft': 'draft',
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
};

/** Who acts: an author of the report, or a member of the hub team (admin, editor). */
export type ReportActor = 'author' | 'hub-team';

/** Whether the report's content may be written now (the form is offered). */
export function isWritable(report: ReportState, round: RoundState): boolean {
  return round === 'open' && FROM['save-draft'].includes(report);
}

/**
 * The state `intent` moves the report to, or null when it may not happen now: writing needs an
 * open round and a report not yet submitted (or returned); the review needs a submitted report,
 * a round that was opened, and the hub team.
 */
export function nextReportState(
  intent: ReportIntent,
  report: ReportState,
  round: RoundState,
  actor: ReportActor,
): ReportState | null {
  if (!FROM[intent].includes(report)) return null;
  const isReview = (REVIEW_INTENTS as readonly string[]).includes(intent);
  if (isReview) return actor === 'hub-team' && round !== 'draft' ? TO[intent] : null;
  return round === 'open' ? TO[intent] : null;
}

/** Whether anything of the report may be shown publicly: only once approved. */
export const isPublic = (state: ReportState) => state === 'approved';
