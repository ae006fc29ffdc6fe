import { data } from 'react-router';

import type { SessionUser } from '../../core/auth/auth';
import { canReadEntry } from '../../core/auth/visibility';
import { getEntryForAnswers } from './answers.server';

/**
 * The entry an answer or the solved mark is about: 404 when there is none, when the reader may
 * not see it, or when it is not published (answers and the mark belong to public challenges).
 */
export function requirePublishedEntry(slug: string, user: SessionUser | null) {
  const entry = /^[a-z0-9][a-z0-9-]{0,119}$/.test(slug) ? getEntryForAnswers(slug) : undefined;
  if (!entry || !canReadEntry(user, entry) || entry.state !== 'published') {
    throw data(null, { status: 404 });
  }
  return entry;
}
