import type { SessionUser } from '../../core/auth/auth';
import {
  HUB_LANGUAGES,
  type HubLanguage,
  KNOWLEDGE_SECTIONS,
  type KnowledgeKind,
  type KnowledgeState,
} from '../../../db/vocabulary';

// Who may change a knowledge entry, and which moves its state allows (decision 0067): an author
// edits and submits their own entry until it is published; the hub team edits any entry, adds
// translations, publishes, returns and deletes.

/** The text fields of an entry in one language, in the order the page shows them. */
export const ENTRY_TEXT_FIELDS = ['title', 'summary', ...KNOWLEDGE_SECTIONS] as const;
export type EntryTextField = (typeof ENTRY_TEXT_FIELDS)[number];

export const ENTRY_LANGUAGES = HUB_LANGUAGES;

/** Whether the account is the hub team (admins and editors). */
export const isHubTeam = (user: SessionUser | null) =>
  user?.role === 'admin' || user?.role === 'editor';

/** Whether the account wrote the entry. */
export const isAuthorOf = (user: SessionUser | null, entry: { authorUserId: number | null }) =>
  user !== null && entry.authorUserId !== null && entry.authorUserId === user.id;

/**
 * Whether the account may edit the entry now: the hub team always; its author while it is a
 * draft or in review (a published entry is the hub team's to change).
 */
export function canEditEntry(
  user: SessionUser | null,
  entry: { state: KnowledgeState; authorUserId: number | null },
): boolean {
  if (isHubTeam(user)) return true;
  if (user?.role !== 'implementer') return false;
  return isAuthorOf(user, entry) && entry.state !== 'published';
}

export type EntryMove = 'submit' | 'publish' | 'return';

/** The state a move leads to from `state`, or null when that state does not allow it. */
export function nextEntryState(move: EntryMove, state: KnowledgeState): KnowledgeState | null {
  switch (move) {
    case 'submit':
      return state === 'draft' ? 'in-review' : null;
    case 'publish':
      return state === 'in-review' ? 'published' : null;
    case 'return':
      return state === 'in-review' ? 'draft' : null;
  }
}

/** The language suffix of a flat field name: titleZh, contextDe, translatedByEn. */
export const langSuffix = (lang: HubLanguage) =>
  (lang.charAt(0).toUpperCase() + lang.slice(1)) as 'En' | 'Zh' | 'De';

/** An entry's text in one language; translatedBy null: the author's original. */
export type EntryText = Record<EntryTextField, string | null> & {
  title: string;
  translatedBy: string | null;
};

/** What the entry's form writes. */
export interface EntryValues {
  kind: KnowledgeKind;
  language: HubLanguage;
  isResolved: boolean;
  sessionId: number | null;
  /** The original (texts[language]) and any translations. */
  texts: Partial<Record<HubLanguage, EntryText>>;
  topicIds: number[];
  projectIds: number[];
  organisationIds: number[];
  eventIds: number[];
}
