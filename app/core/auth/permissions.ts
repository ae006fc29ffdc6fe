import { type SessionUser, canEditMilestones } from './auth';
import type { ProjectRole } from '../../../db/vocabulary';

// Who may write what: one table for every route module that exports an action. Each action calls
// authorize() (app/core/http/middleware.server.ts) with its own module's key; tests/e2e/permissions.test.ts
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
  'features/accounts/login.tsx': 'anyone',
  // Signing out when the session has already ended is harmless: it just goes home.
  'features/accounts/logout.ts': 'anyone',
  'features/accounts/account.tsx': 'signed-in',
  'features/milestones/milestone-new.tsx': 'milestone-editors',
  'features/milestones/milestone-update.tsx': 'milestone-editors',
  'features/milestones/milestone-edit.tsx': 'milestone-editors',
  'features/milestones/progress-update-edit.tsx': 'milestone-editors',
  'features/projects/new.tsx': 'editors',
  'features/projects/edit.tsx': 'editors',
  'features/projects/links.tsx': 'editors',
  'features/events/new.tsx': 'editors',
  'features/events/edit.tsx': 'editors',
  'features/organisations/new.tsx': 'editors',
  'features/organisations/edit.tsx': 'editors',
  'features/records/delete.tsx': 'editors',
  'features/iati/import-page.tsx': 'editors',
} as const satisfies Record<string, Access>;

export type ActionRoute = keyof typeof ACTION_ACCESS;

/** Pages (loaders) that are not public: the same rules, for reading. */
export const PAGE_ACCESS = {
  'features/records/audit.tsx': 'admins',
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
