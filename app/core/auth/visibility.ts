import type { SessionUser } from './auth';
import type { DocumentVisibility, KnowledgeState } from '../../../db/vocabulary';

// Who may read what in knowledge exchange (issue #30): one rule for every list, page, search
// result, feed and download, so no page shows what another hides.

/** The document visibilities a reader sees: the public, any account, the hub team. */
export function documentVisibilitiesFor(user: SessionUser | null): DocumentVisibility[] {
  if (user === null) return ['public'];
  if (user.role === 'admin' || user.role === 'editor') return ['public', 'signed-in', 'hub-team'];
  return ['public', 'signed-in'];
}

/** Whether a reader may see one document. */
export function canReadDocument(
  user: SessionUser | null,
  document: { visibility: DocumentVisibility },
): boolean {
  return documentVisibilitiesFor(user).includes(document.visibility);
}

/** Whether a reader may see a knowledge entry: a published one anyone; others its author and the hub team. */
export function canReadEntry(
  user: SessionUser | null,
  entry: { state: KnowledgeState; authorUserId: number | null },
): boolean {
  if (entry.state === 'published') return true;
  if (user === null) return false;
  if (user.role === 'admin' || user.role === 'editor') return true;
  return entry.authorUserId !== null && entry.authorUserId === user.id;
}
