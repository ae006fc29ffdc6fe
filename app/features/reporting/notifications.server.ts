import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { now as clockNow } from '../../core/clock';
import { env } from '../../core/env.server';
import { localizePath } from '../../core/i18n/config';
import {
  type MailTransport,
  getMailTransport,
  publicBaseUrl,
} from '../../core/mail/transport.server';
import { notifications, projects, reportingRounds, reports } from '../../../db/schema';
import type { HubLanguage, NotificationKind, ReportState } from '../../../db/vocabulary';
import { composeNotificationMail } from './notification-mails';
import { reportAuthors } from './report-authors.server';
import { onReportingChange } from './report-events.server';
import { unsubscribeToken } from './unsubscribe-token.server';

// The notification pass: which mails are due now, sent once each. Only reports of open rounds are
// considered (nothing for draft or closed rounds); an approved report gets its approval mail and
// nothing else. Each mail is one row of `notifications`, unique per report, kind, recipient and
// day, inserted before sending: only the process whose insert went in sends, so a second pass, a
// restart or a second server process sends nothing twice. A failed send keeps its error and is
// tried again by a later pass (the row is claimed again by an update only one process can win);
// so is a row whose sender died mid-send, once it is an hour old.
//
// The days:
// - round-opened: the day the round opened (sent until the due date, also to authors who arrive later);
// - reminder: at each of HUB_REMINDER_DAYS before the due date, keyed by that day; a pass that
//   comes late sends the latest reminder that fell due, never older ones, and none that fell due
//   before the round opened;
// - overdue: the day after the due date and every 7 days after, while the report is neither
//   submitted nor approved and the round stays open;
// - report-returned / report-approved: the day of the change, caught up by the pass for 7 days.

/** Reminders and overdue mails go to authors of reports in these states. */
const AWAITED: readonly ReportState[] = ['not-started', 'draft', 'returned'];
const OVERDUE_EVERY_DAYS = 7;
const CATCH_UP_DAYS = 7;
/** A claimed row without a result this old is taken to belong to a sender that died. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const BATCH = 200;

export interface PassEntry {
  reportId: number;
  kind: NotificationKind;
  userId: number;
  day: string;
  to: string;
  language: HubLanguage;
  subject: string;
  reportUrl: string;
  status: 'sent' | 'failed' | 'would-send';
  error?: string;
}

export interface PassOptions {
  db?: Db;
  /** The moment of the pass (ISO 8601); its date is "today". */
  now?: string;
  /** Lists what would be sent; sends and records nothing. */
  dryRun?: boolean;
  transport?: MailTransport;
  reminderDays?: number[];
  baseUrl?: string;
  /** Only this round's or this report's mails (right after a state change). */
  only?: { roundId?: number; reportId?: number };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

interface ReportRow {
  reportId: number;
  state: ReportState;
  stateChangedAt: string | null;
  approvedAt: string | null;
  projectId: number;
  projectSlug: string;
  projectTitle: string;
  projectTitleZh: string | null;
  projectTitleDe: string | null;
  roundSlug: string;
  roundTitle: string;
  roundTitleZh: string | null;
  roundTitleDe: string | null;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  openedAt: string | null;
}

/** The kinds of mail a report's authors are due today, with the day each is keyed by. */
export function dueKinds(
  report: Pick<ReportRow, 'state' | 'stateChangedAt' | 'approvedAt' | 'dueOn' | 'openedAt'>,
  today: string,
  reminderDays: number[],
): { kind: NotificationKind; day: string; daysLeft: number }[] {
  const t = dayNumber(today);
  const due = dayNumber(report.dueOn);
  const opened = report.openedAt ? dayNumber(report.openedAt.slice(0, 10)) : t;
  const daysLeft = due - t;
  const out: { kind: NotificationKind; day: string; daysLeft: number }[] = [];
  const recent = (moment: string | null) =>
    moment !== null && t - dayNumber(moment.slice(0, 10)) <= CATCH_UP_DAYS;
  if (report.state === 'approved') {
    const at = report.approvedAt ?? report.stateChangedAt;
    if (recent(at)) out.push({ kind: 'report-approved', day: at!.slice(0, 10), daysLeft });
    return out;
  }
  if (report.state === 'returned' && recent(report.stateChangedAt)) {
    out.push({ kind: 'report-returned', day: report.stateChangedAt!.slice(0, 10), daysLeft });
  }
  if ((report.state === 'not-started' || report.state === 'draft') && daysLeft >= 0) {
    out.push({ kind: 'round-opened', day: dayOf(Math.min(opened, t)), daysLeft });
  }
  if (!AWAITED.includes(report.state)) return out;
  if (daysLeft >= 1) {
    // The smallest number of days that has been reached: the latest reminder due.
    const reached = reminderDays.filter((d) => daysLeft <= d && due - d >= opened);
    if (reached.length > 0) {
      out.push({ kind: 'reminder', day: dayOf(due - Math.min(...reached)), daysLeft });
    }
  } else if (daysLeft < 0) {
    const since = t - (due + 1);
    const day = due + 1 + Math.floor(since / OVERDUE_EVERY_DAYS) * OVERDUE_EVERY_DAYS;
    out.push({ kind: 'overdue', day: dayOf(day), daysLeft });
  }
  return out;
}

const titleIn = (language: HubLanguage, en: string, zh: string | null, de: string | null): string =>
  (language === 'zh' ? zh : language === 'de' ? de : null) || en;

function openReports(db: Db, only: PassOptions['only']): ReportRow[] {
  return db
    .select({
      reportId: reports.id,
      state: reports.state,
      stateChangedAt: reports.stateChangedAt,
      approvedAt: reports.approvedAt,
      projectId: projects.id,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      projectTitleZh: projects.titleZh,
      projectTitleDe: projects.titleDe,
      roundSlug: reportingRounds.slug,
      roundTitle: reportingRounds.title,
      roundTitleZh: reportingRounds.titleZh,
      roundTitleDe: reportingRounds.titleDe,
      periodStart: reportingRounds.periodStart,
      periodEnd: reportingRounds.periodEnd,
      dueOn: reportingRounds.dueOn,
      openedAt: reportingRounds.openedAt,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(
      and(
        eq(reportingRounds.state, 'open'),
        only?.roundId !== undefined ? eq(reportingRounds.id, only.roundId) : undefined,
        only?.reportId !== undefined ? eq(reports.id, only.reportId) : undefined,
      ),
    )
    .orderBy(reports.id)
    .all();
}

interface Planned extends Omit<PassEntry, 'status' | 'error'> {
  mail: {
    to: string;
    subject: string;
    text: string;
    html: string;
    headers: Record<string, string>;
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Claims a notification for this process: a new row, or a failed or abandoned one. */
function claim(db: Db, planned: Planned, now: string): boolean {
  const inserted = db
    .insert(notifications)
    .values({
      reportId: planned.reportId,
      kind: planned.kind,
      userId: planned.userId,
      day: planned.day,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run().changes;
  if (inserted > 0) return true;
  const abandoned = new Date(Date.parse(now) - ABANDONED_AFTER_MS).toISOString();
  return (
    db
      .update(notifications)
      .set({ error: null, createdAt: now })
      .where(
        and(
          eq(notifications.reportId, planned.reportId),
          eq(notifications.kind, planned.kind),
          eq(notifications.userId, planned.userId),
          eq(notifications.day, planned.day),
          isNull(notifications.sentAt),
          or(isNotNull(notifications.error), lt(notifications.createdAt, abandoned)),
        ),
      )
      .run().changes > 0
  );
}

/** Whether a notification was sent already or is being sent (a dry run leaves those out). */
function isTaken(db: Db, planned: Planned, now: string): boolean {
  const row = db
    .select({
      sentAt: notifications.sentAt,
      error: notifications.error,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.reportId, planned.reportId),
        eq(notifications.kind, planned.kind),
        eq(notifications.userId, planned.userId),
        eq(notifications.day, planned.day),
      ),
    )
    .get();
  if (!row) return false;
  if (row.sentAt) return true;
  return row.error === null && Date.parse(now) - Date.parse(row.createdAt) < ABANDONED_AFTER_MS;
}

/**
 * One pass: every mail due now, each sent once (or, with dryRun, listed and not sent). Works in
 * batches and lets other work run between them.
 */
export async function runNotificationPass(options: PassOptions = {}): Promise<PassEntry[]> {
  const db = options.db ?? getDb();
  const now = options.now ?? clockNow();
  const today = now.slice(0, 10);
  const reminderDays = options.reminderDays ?? env.HUB_REMINDER_DAYS;
  const baseUrl = options.baseUrl ?? publicBaseUrl();
  const tokens = new Map<number, string>();
  const tokenOf = (userId: number) => {
    let token = tokens.get(userId);
    if (!token) {
      token = unsubscribeToken(userId, db);
      tokens.set(userId, token);
    }
    return token;
  };

  const planned: Planned[] = [];
  const rows = openReports(db, options.only);
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % BATCH === 0) await yieldToOthers();
    const report = rows[i]!;
    const kinds = dueKinds(report, today, reminderDays);
    if (kinds.length === 0) continue;
    const authors = reportAuthors(report.projectId, db);
    for (const { kind, day, daysLeft } of kinds) {
      for (const author of authors) {
        if ((kind === 'reminder' || kind === 'overdue') && author.remindersOff) continue;
        const language = author.language;
        const path = `/reporting/${encodeURIComponent(report.roundSlug)}/${encodeURIComponent(report.projectSlug)}`;
        const reportUrl = `${baseUrl}${localizePath(path, language)}`;
        const unsubscribeUrl = `${baseUrl}${localizePath('/reporting/unsubscribe', language)}?token=${tokenOf(author.id)}`;
        const composed = composeNotificationMail({
          kind,
          language,
          recipientName: author.name,
          project: titleIn(
            language,
            report.projectTitle,
            report.projectTitleZh,
            report.projectTitleDe,
          ),
          round: titleIn(language, report.roundTitle, report.roundTitleZh, report.roundTitleDe),
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          dueOn: report.dueOn,
          daysLeft,
          reportUrl,
          unsubscribeUrl,
        });
        planned.push({
          reportId: report.reportId,
          kind,
          userId: author.id,
          day,
          to: author.email,
          language,
          subject: composed.subject,
          reportUrl,
          mail: {
            to: author.email,
            ...composed,
            headers: {
              'List-Unsubscribe': `<${unsubscribeUrl}>`,
              'Content-Language': language,
              'X-Hub-Notification': `${kind} report=${report.reportId} day=${day}`,
            },
          },
        });
      }
    }
  }

  const entry = ({ mail: _, ...rest }: Planned, status: PassEntry['status'], error?: string) => ({
    ...rest,
    status,
    ...(error === undefined ? {} : { error }),
  });

  if (options.dryRun) {
    const out: PassEntry[] = [];
    for (const p of planned) if (!isTaken(db, p, now)) out.push(entry(p, 'would-send'));
    return out;
  }

  const transport = options.transport ?? getMailTransport();
  const out: PassEntry[] = [];
  for (let start = 0; start < planned.length; start += BATCH) {
    const batch = planned.slice(start, start + BATCH);
    // One transaction claims the batch; nothing is awaited inside it.
    const claimed = db.transaction(() => batch.filter((p) => claim(db, p, now)));
    for (const p of claimed) {
      try {
        const { messageId } = await transport.send(p.mail);
        db.update(notifications)
          .set({ sentAt: clockNow(), messageId, error: null })
          .where(
            and(
              eq(notifications.reportId, p.reportId),
              eq(notifications.kind, p.kind),
              eq(notifications.userId, p.userId),
              eq(notifications.day, p.day),
            ),
          )
          .run();
        out.push(entry(p, 'sent'));
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        db.update(notifications)
          .set({ error: message })
          .where(
            and(
              eq(notifications.reportId, p.reportId),
              eq(notifications.kind, p.kind),
              eq(notifications.userId, p.userId),
              eq(notifications.day, p.day),
            ),
          )
          .run();
        out.push(entry(p, 'failed', message));
      }
    }
    await yieldToOthers();
  }
  return out;
}

/** Counts of a pass's entries by status, for a log line. */
export function summarisePass(entries: PassEntry[]): string {
  const count = (status: PassEntry['status']) => entries.filter((e) => e.status === status).length;
  return `${count('sent')} sent, ${count('failed')} failed${entries.some((e) => e.status === 'would-send') ? `, ${count('would-send')} would be sent` : ''}`;
}

/**
 * Sends the mails a state change calls for right after it (round opened; report returned or
 * approved), in the process that made the change; the hourly pass catches up whatever this misses.
 * Returns how to stop following.
 */
export function followReportingChanges(
  options: Omit<PassOptions, 'only' | 'dryRun'> = {},
  onDone: (entries: PassEntry[]) => void = () => {},
): () => void {
  return onReportingChange((change) => {
    const only =
      change.kind === 'round-state'
        ? change.state === 'open'
          ? { roundId: change.roundId }
          : null
        : change.state === 'returned' || change.state === 'approved'
          ? { reportId: change.reportId }
          : null;
    if (!only) return;
    runNotificationPass({ ...options, only }).then(onDone, (error: unknown) =>
      console.error('The mails after a reporting change could not be sent:', error),
    );
  });
}
