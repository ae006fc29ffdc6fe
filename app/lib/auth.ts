import type { ProjectRole, UserRole } from './vocabulary';

// The account rules in one place: session lifetimes, the sign-in rate limit, who may do what.

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Failed sign-ins allowed per account and per address within the window, before 429. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const PASSWORD_MIN_LENGTH = 12;

/** Whether a session created and last used at these moments is still valid at `now`. */
export function isSessionAlive(createdAt: string, lastSeenAt: string, now: string): boolean {
  const t = Date.parse(now);
  return t - Date.parse(lastSeenAt) < SESSION_IDLE_MS && t - Date.parse(createdAt) < SESSION_MAX_MS;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  organisationId: number | null;
}

/** Roles an implementer's organisation must have in a project to report on its milestones. */
export const IMPLEMENTER_PROJECT_ROLES: readonly ProjectRole[] = [
  'implementing-organisation',
  'implementing-partner',
];

/**
 * Whether a user may add milestones and progress updates to a project: admins and editors
 * anywhere; implementers where their organisation implements the project.
 */
export function canEditMilestones(
  user: SessionUser | null,
  projectOrganisations: { organisationId: number; role: ProjectRole }[],
): boolean {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'editor') return true;
  if (user.role !== 'implementer' || user.organisationId === null) return false;
  return projectOrganisations.some(
    (link) =>
      link.organisationId === user.organisationId && IMPLEMENTER_PROJECT_ROLES.includes(link.role),
  );
}

/**
 * Who a write is by, as the audit log records it: always the signed-in account, never what a form
 * says (a form's "reported by" is shown in the progress log, nothing more).
 */
export const actorOf = (user: SessionUser) => ({ id: user.id, name: user.name });
