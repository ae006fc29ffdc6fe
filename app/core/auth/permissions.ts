import { type SessionUser, canEditMilestones } from './auth';
import type { ProjectRole } from '../../../db/vocabulary';

// Who may do what, by name: one table for every action (and the few private pages). Each route
// module that exports an action calls authorize() (app/core/auth/authorize.server.ts) with the
// name of what it does, in its loader too; tests/e2e/permissions.test.ts finds every such module
// in app/routes.ts, fails if one names no permission or a name is not here, and checks each
// permission × role × signed-out over HTTP.

/**
 * - anyone: no account needed (signing in).
 * - signed-in: any account, for its own session and password.
 * - milestone-editors: admins and editors anywhere; implementers on projects their organisation
 *   implements.
 * - contributors: admins, editors and implementers (any project's people may share knowledge).
 * - editors: admins and editors (all content, deleting included).
 * - admins: admins only.
 */
export type Access =
  | 'anyone'
  | 'signed-in'
  | 'milestone-editors'
  | 'contributors'
  | 'editors'
  | 'admins';

export const PERMISSIONS = {
  'account.sign-in': 'anyone',
  // Signing out when the session has already ended is harmless: it just goes home.
  'account.sign-out': 'anyone',
  'account.manage': 'signed-in',
  'milestone.create': 'milestone-editors',
  'milestone.report-progress': 'milestone-editors',
  'milestone.update': 'milestone-editors',
  'progress-update.update': 'milestone-editors',
  'project.create': 'editors',
  'project.update': 'editors',
  'project.update-links': 'editors',
  'event.create': 'editors',
  'event.update': 'editors',
  'organisation.create': 'editors',
  'organisation.update': 'editors',
  'record.delete': 'editors',
  'iati.import': 'editors',
  // Indicators: the hub team enters them and their values directly (audited); implementers'
  // actuals come through their reports (report.write), public once approved.
  'indicator.create': 'editors',
  'indicator.update': 'editors',
  'indicator-period.update': 'editors',
  'standard-indicator.manage': 'editors',
  // A project's progress report: its authors (the project's implementers) and the hub team write
  // it; only the hub team returns or approves it.
  'report.write': 'milestone-editors',
  'report.review': 'editors',
  // Reporting rounds: the list, a round's board and its CSV are for every account (a draft
  // round for the hub team only); creating, editing, opening, closing and choosing the projects
  // of a round is the hub team's.
  'reporting.read': 'signed-in',
  'round.read': 'signed-in',
  'round.export': 'signed-in',
  // A round's workshop pack files (issue #31) are read like its board: every account (a draft
  // round: the hub team only).
  'round.pack': 'signed-in',
  // …and its print view (wt-print), the same way.
  'round.pack-print': 'signed-in',
  'round.create': 'editors',
  'round.update': 'editors',
  'round.projects': 'editors',
  // The unsubscribe link of a mail: its signed token, not a session, says whose reminders stop.
  'reminders.unsubscribe': 'anyone',
  // Knowledge exchange (issue #30): projects' people and the hub team write entries (an author
  // edits their own until it is published) and answer challenges; the hub team reviews entries,
  // moderates answers, and manages open-space sessions. Documents: projects' people upload or
  // link; the hub team edits and deletes. Reading is by each record's state or visibility.
  'knowledge.write': 'contributors',
  'knowledge.review': 'editors',
  'knowledge.answer': 'contributors',
  'knowledge.moderate': 'editors',
  // Marking a challenge solved or reopening it: its author or the hub team (the route checks who).
  'knowledge.resolve': 'contributors',
  'event-session.manage': 'editors',
  'document.create': 'contributors',
  'document.update': 'editors',
  // Pages, not actions: reading the audit log and the mail outbox.
  'audit-log.read': 'admins',
  'outbox.read': 'admins',
} as const satisfies Record<string, Access>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a user (null: signed out) passes an access rule on a project with these links. */
export function isAllowed(
  access: Access,
  user: SessionUser | null,
  projectOrganisations: { organisationId: number; role: ProjectRole }[] = [],
): boolean {
  switch (access) {
    case 'anyone':
      return true;
    case 'signed-in':
      return user !== null;
    case 'milestone-editors':
      return canEditMilestones(user, projectOrganisations);
    case 'contributors':
      return user?.role === 'admin' || user?.role === 'editor' || user?.role === 'implementer';
    case 'editors':
      return user?.role === 'admin' || user?.role === 'editor';
    case 'admins':
      return user?.role === 'admin';
  }
}
