import { expect, test } from 'vitest';

import type { SessionUser } from './auth';
import { canReadDocument, canReadEntry, documentVisibilitiesFor } from './visibility';

const user = (role: SessionUser['role'], id = 1): SessionUser => ({
  id,
  email: 'a@example.org',
  name: 'A',
  role,
  organisationId: null,
});

test('signed-out readers see public documents only; accounts add signed-in; the hub team sees all', () => {
  expect(documentVisibilitiesFor(null)).toEqual(['public']);
  expect(documentVisibilitiesFor(user('viewer'))).toEqual(['public', 'signed-in']);
  expect(documentVisibilitiesFor(user('implementer'))).toEqual(['public', 'signed-in']);
  expect(documentVisibilitiesFor(user('editor'))).toEqual(['public', 'signed-in', 'hub-team']);
  expect(canReadDocument(user('admin'), { visibility: 'hub-team' })).toBe(true);
  expect(canReadDocument(user('implementer'), { visibility: 'hub-team' })).toBe(false);
  expect(canReadDocument(null, { visibility: 'signed-in' })).toBe(false);
});

test('an unpublished entry is read by its author and the hub team only', () => {
  const draft = { state: 'draft' as const, authorUserId: 7 };
  expect(canReadEntry(null, draft)).toBe(false);
  expect(canReadEntry(user('implementer', 7), draft)).toBe(true);
  expect(canReadEntry(user('implementer', 8), draft)).toBe(false);
  expect(canReadEntry(user('viewer', 8), { ...draft, state: 'in-review' })).toBe(false);
  expect(canReadEntry(user('editor', 8), { ...draft, state: 'in-review' })).toBe(true);
  expect(canReadEntry(null, { ...draft, state: 'published' })).toBe(true);
});
