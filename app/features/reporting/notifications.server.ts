import { and, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { now as clockNow } from '../../core/clock';
import { env } from '../../core/env.server';
import { localizePath } from '../../core/i18n/config';
import {
  type MailMessage,
  type MailTransport,
  getMailTransport,
  publicBaseUrl,
} from '../../core/mail/transport.server';
import { notifications, projects, reportingRounds, reports } from '../../../db/schema';
import type { HubLanguage, NotificationKind, ReportState } from '../../../db/vocabulary';
import { composeNotificationMail } from './notification-mails';
import { type ReportAuthor, reportAuthorsByProject } from './report-authors.server';
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

/** One notification due: its key, its report and its recipient (the mail is written later). */
interface Due {
  reportId: number;
  kind: NotificationKind;
  userId: number;
  day: string;
  daysLeft: number;
  report: ReportRow;
  author: ReportAuthor;
}

interface Planned extends Omit<PassEntry, 'status' | 'error'> {
  mail: MailMessage & { headers: Record<string, string> };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

const keyOf = (n: { reportId: number; kind: string; userId: number; day: string }) =>
  `${n.reportId}|${n.kind}|${n.userId}|${n.day}`;

/**
 * The pass's writes as prepared statements (thousands of mails a pass: building each statement
 * anew cost more than the writes): claiming a notification, a new row or a failed or abandoned
 * one, and recording how its send went.
 */
function notificationWrites(db: Db) {
  const sqlite = db.$client;
  const KEY = 'report_id = @reportId AND kind = @kind AND user_id = @userId AND day = @day';
  const insert = sqlite.prepare(
    `INSERT INTO notifications (report_id, kind, user_id, day, created_at)
     VALUES (@reportId, @kind, @userId, @day, @now) ON CONFLICT DO NOTHING`,
  );
  const reclaim = sqlite.prepare(
    `UPDATE notifications SET error = NULL, created_at = @now
     WHERE ${KEY} AND sent_at IS NULL AND (error IS NOT NULL OR created_at < @abandoned)`,
  );
  const sent = sqlite.prepare(
    `UPDATE notifications SET sent_at = @at, message_id = @messageId, error = NULL WHERE ${KEY}`,
  );
  const failed = sqlite.prepare(`UPDATE notifications SET error = @error WHERE ${KEY}`);
  const key = (d: Due) => ({ reportId: d.reportId, kind: d.kind, userId: d.userId, day: d.day });
  return {
    /** Whether this process sends it. */
    claim(d: Due, now: string): boolean {
      if (insert.run({ ...key(d), now }).changes > 0) return true;
      const abandoned = new Date(Date.parse(now) - ABANDONED_AFTER_MS).toISOString();
      return reclaim.run({ ...key(d), now, abandoned }).changes > 0;
    },
    sent(d: Due, messageId: string) {
      sent.run({ ...key(d), at: clockNow(), messageId });
    },
    failed(d: Due, error: string) {
      failed.run({ ...key(d), error });
    },
  };
}

/**
 * The keys among these reports' notifications that are done or being sent: sent, or claimed by
 * a sender less than an hour ago and not failed. A pass leaves them out before writing any mail.
 */
function takenKeys(db: Db, reportIds: number[], now: string): Set<string> {
  const taken = new Set<string>();
  for (let start = 0; start < reportIds.length; start += 500) {
    const rows = db
      .select({
        reportId: notifications.reportId,
        kind: notifications.kind,
        userId: notifications.userId,
        day: notifications.day,
        sentAt: notifications.sentAt,
        error: notifications.error,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(inArray(notifications.reportId, reportIds.slice(start, start + 500)))
      .all();
    for (const row of rows) {
      const inFlight =
        row.error === null && Date.parse(now) - Date.parse(row.createdAt) < ABANDONED_AFTER_MS;
      if (row.sentAt || inFlight) taken.add(keyOf(row));
    }
  }
  return taken;
}

/** The mails due now and not yet sent, in the order of their reports. */
async function dueNotifications(
  db: Db,
  today: string,
  now: string,
  reminderDays: number[],
  only: PassOptions['only'],
): Promise<Due[]> {
  const rows = openReports(db, only);
  const withKinds = rows
    .map((report) => ({ report, kinds: dueKinds(report, today, reminderDays) }))
    .filter((r) => r.kinds.length > 0);
  if (withKinds.length === 0) return [];
  const authors = reportAuthorsByProject(
    [...new Set(withKinds.map((r) => r.report.projectId))],
    db,
  );
  await yieldToOthers();
  const taken = takenKeys(
    db,
    withKinds.map((r) => r.report.reportId),
    now,
  );
  const due: Due[] = [];
  for (const { report, kinds } of withKinds) {
    for (const { kind, day, daysLeft } of kinds) {
      for (const author of authors.get(report.projectId) ?? []) {
        if ((kind === 'reminder' || kind === 'overdue') && author.remindersOff) continue;
        const n = {
          reportId: report.reportId,
          kind,
          userId: author.id,
          day,
          daysLeft,
          report,
          author,
        };
        if (!taken.has(keyOf(n))) due.push(n);
      }
    }
  }
  return due;
}

/** The mail of one notification, in its recipient's language. */
function writeMail(db: Db, due: Due, baseUrl: string): Planned {
  const { report, author, kind, day } = due;
  const language = author.language;
  const path = `/reporting/${encodeURIComponent(report.roundSlug)}/${encodeURIComponent(report.projectSlug)}`;
  const reportUrl = `${baseUrl}${localizePath(path, language)}`;
  const unsubscribeUrl = `${baseUrl}${localizePath('/reporting/unsubscribe', language)}?token=${unsubscribeToken(author.id, db)}`;
  const composed = composeNotificationMail({
    kind,
    language,
    recipientName: author.name,
    project: titleIn(language, report.projectTitle, report.projectTitleZh, report.projectTitleDe),
    round: titleIn(language, report.roundTitle, report.roundTitleZh, report.roundTitleDe),
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    dueOn: report.dueOn,
    daysLeft: due.daysLeft,
    reportUrl,
    unsubscribeUrl,
  });
  return {
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
  };
}

const entryOf = ({ mail: _, ...rest }: Planned, status: PassEntry['status'], error?: string) => ({
  ...rest,
  status,
  ...(error === undefined ? {} : { error }),
});

/** Mails sent at the same time: SMTP connections (or outbox files) in parallel. */
const PARALLEL_SENDS = 8;

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
  const due = await dueNotifications(db, today, now, reminderDays, options.only);

  if (options.dryRun) return due.map((d) => entryOf(writeMail(db, d, baseUrl), 'would-send'));

  const transport = options.transport ?? getMailTransport();
  const writes = notificationWrites(db);
  const out: PassEntry[] = [];
  /** Sends one mail; resolves to what the notification's row must say. */
  const send = async (planned: Planned, key: Due) => {
    try {
      const { messageId } = await transport.send(planned.mail);
      return { key, planned, messageId, error: null };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      return { key, planned, messageId: null, error: message };
    }
  };
  for (let start = 0; start < due.length; start += BATCH) {
    const batch = due.slice(start, start + BATCH);
    // One transaction claims the batch; nothing is awaited inside it.
    const claimed = db.transaction(() => batch.filter((d) => writes.claim(d, now)));
    for (let i = 0; i < claimed.length; i += PARALLEL_SENDS) {
      const results = await Promise.all(
        claimed.slice(i, i + PARALLEL_SENDS).map((d) => send(writeMail(db, d, baseUrl), d)),
      );
      // Each mail's result, as soon as its group is done (one transaction for the group).
      db.transaction(() => {
        for (const r of results) {
          if (r.error === null) writes.sent(r.key, r.messageId!);
          else writes.failed(r.key, r.error);
          out.push(
            r.error === null ? entryOf(r.planned, 'sent') : entryOf(r.planned, 'failed', r.error),
          );
        }
      });
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
