import { type SessionUser, canEditMilestones } from './auth';
import type { ProjectRole } from './vocabulary';

// Who may write what: one table for every route module that exports an action. Each action calls
// authorize() (app/auth.server.ts) with its own module's key; tests/e2e/permissions.test.ts
// finds every module with an action, fails if one is missing here, and checks each route × role ×
// signed-out over HTTP.

/**
 * - anyone: no account needed (signing in).
 * - signed-in: any account, for its own session and password.
 * - milestone-editors: admins and editors anywhere; implementers on projects their organisation
 *   implements.
 * - editors: admins and editors (all content, deleting included).
 * - admins: admins only.
 */
export type Access = 'anyone' | 'signed-in' | 'milestone-editors' | 'editors' | 'admins';

export const ACTION_ACCESS = {
  'routes/account/login.tsx': 'anyone',
  // Signing out when the session has already ended is harmless: it just goes home.
  'routes/account/logout.ts': 'anyone',
  'routes/account/account.tsx': 'signed-in',
  'routes/projects/milestone-new.tsx': 'milestone-editors',
  'routes/projects/milestone-update.tsx': 'milestone-editors',
  'routes/projects/milestone-edit.tsx': 'milestone-editors',
  'routes/projects/progress-update-edit.tsx': 'milestone-editors',
  'routes/projects/new.tsx': 'editors',
  'routes/projects/edit.tsx': 'editors',
  'routes/projects/links.tsx': 'editors',
  'routes/events/new.tsx': 'editors',
  'routes/events/edit.tsx': 'editors',
  'routes/organisations/new.tsx': 'editors',
  'routes/organisations/edit.tsx': 'editors',
  'routes/records/delete.tsx': 'editors',
  'routes/import.tsx': 'editors',
} as const satisfies Record<string, Access>;

export type ActionRoute = keyof typeof ACTION_ACCESS;

/** Pages (loaders) that are not public: the same rules, for reading. */
export const PAGE_ACCESS = {
  'routes/admin/audit.tsx': 'admins',
} as const satisfies Record<string, Access>;

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
    case 'editors':
      return user?.role === 'admin' || user?.role === 'editor';
    case 'admins':
      return user?.role === 'admin';
  }
}
