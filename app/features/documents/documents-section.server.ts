import type { SessionUser } from '../../core/auth/auth';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import { listDocumentsOf } from './documents.server';

/** What a project's or an event's documents section shows to this reader. */
export function documentsSectionOf(
  of: { project: string } | { event: string },
  user: SessionUser | null,
) {
  return listDocumentsOf(of, documentVisibilitiesFor(user));
}
