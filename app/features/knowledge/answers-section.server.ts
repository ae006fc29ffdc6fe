import { type Db, getDb } from '../../core/db.server';
import type { SessionUser } from '../../core/auth/auth';
import { isAllowed } from '../../core/auth/permissions';
import {
  type AnswerView,
  type EntryForAnswers,
  canResolve,
  listAnswerOrganisations,
  loadAnswers,
} from './answers.server';

export { loadAnswers };

/** What AnswersSection shows on an entry's page, for this reader. */
export interface AnswersSectionData {
  entry: Pick<EntryForAnswers, 'slug' | 'kind' | 'isResolved' | 'version'>;
  answers: AnswerView[];
  isSignedIn: boolean;
  canAnswer: boolean;
  canResolve: boolean;
  /** The answer form's organisations (only loaded for those who may answer). */
  organisations: ReturnType<typeof listAnswerOrganisations>;
  /** The reader's own organisation: the form's default. */
  defaultOrganisationId: number | null;
}

/**
 * Everything AnswersSection needs for a published challenge and a reader; the entry page's loader
 * calls it (an entry of another kind gets no section: `null`).
 */
export function loadAnswersSection(
  entry: EntryForAnswers,
  user: SessionUser | null,
  db: Db = getDb(),
): AnswersSectionData | null {
  if (entry.kind !== 'challenge' || entry.state !== 'published') return null;
  const canAnswer = isAllowed('contributors', user);
  return {
    entry: {
      slug: entry.slug,
      kind: entry.kind,
      isResolved: entry.isResolved,
      version: entry.version,
    },
    answers: loadAnswers(db, entry.id, user),
    isSignedIn: user !== null,
    canAnswer,
    canResolve: canResolve(user, entry),
    organisations: canAnswer ? listAnswerOrganisations(db) : [],
    defaultOrganisationId: user?.organisationId ?? null,
  };
}
